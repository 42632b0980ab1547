import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseConfig } from '@/lib/config';
import { extractEntities } from '@/lib/entities/extract';
import { extractWithRules } from '@/lib/entities/rules';
import { ModelProviders } from '@/lib/llm/models';
import { defaultSamplesDir, formatTable, loadSamples, scoreExtraction, type EvaluationCase } from '@/scripts/eval-extraction';
import { realModelEnv, requireTestModels, testModels, textModelFile } from './test-models';

// Precision and recall of the real model beside the rules, printed for the record. Only validity is
// asserted: a 270M base model's accuracy says nothing about the product's.

const SAMPLE_NAMES = ['01_council_tax_reminder', '05_energy_arrears', '08_debt_collection_sold_on'];

describe.skipIf(testModels.reason)('extraction evaluation on the real model', () => {
  let models: ModelProviders;

  beforeAll(() => {
    requireTestModels();
    models = new ModelProviders(parseConfig({ ...realModelEnv, TEXT_PROVIDER: 'llamacpp', LLAMACPP_TEXT_MODEL: textModelFile }));
  });
  afterAll(async () => {
    await models?.close();
  });

  test('scores print beside the rules', async () => {
    const samples = (await loadSamples(defaultSamplesDir)).filter((sample) => SAMPLE_NAMES.includes(sample.name));
    expect(samples.map((sample) => sample.name).sort()).toEqual(SAMPLE_NAMES);

    const rules: EvaluationCase[] = samples.map((sample) => ({ name: sample.name, truth: sample.truth, result: extractWithRules(sample.pages) }));
    const model: EvaluationCase[] = [];
    for (const sample of samples) model.push({ name: sample.name, truth: sample.truth, result: await extractEntities(sample.pages, { textModel: models.text }) });

    const rulesScore = scoreExtraction(rules);
    const modelScore = scoreExtraction(model);
    console.info(formatTable(`rules: ${samples.length} documents`, rulesScore.fields));
    console.info(formatTable(`model (llama.cpp, gemma-3-270m-q4_k_m.gguf): ${samples.length} documents, ${model.filter((item) => item.result.source === 'model').length} accepted from the model`, modelScore.fields));
    for (const field of modelScore.fields) {
      expect(Number.isNaN(field.recall) || (field.recall >= 0 && field.recall <= 1)).toBe(true);
    }
    // Three extractions on one CPU thread take tens of seconds, and longer on a busy machine.
  }, 300_000);
});
