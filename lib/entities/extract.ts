import { isAppError } from '../errors';
import type { TextModel } from '../llm/types';
import { moduleLogger } from '../log';
import { classifyDocument, priorityOf } from './classify';
import { crossCheckModelOutput } from './crosscheck';
import { withLetterReferences } from './debt-references';
import { buildExtractionMessages } from './prompt';
import { debtsPriority, extractWithRules } from './rules';
import { coerceModelOutput, modelOutputJsonSchema, modelOutputSchema } from './schema';
import { documentText } from './text';
import type { ExtractionResult, PageText } from './types';

const log = moduleLogger('entities.extract');

/** One first try and one retry, as for every model output that fails validation. */
const MAX_ATTEMPTS = 2;

export const extractionWarnings = {
  modelUnavailable: 'The text model could not be reached, so the debts were found by rules alone. Check the figures against the document.',
  modelMissing: 'The text model is not installed on its server, so the debts were found by rules alone. Pull it from the Status page, and check the figures against the document.',
  modelOutputInvalid: "The text model's answer was unusable twice (not in the expected form, or with amounts or references the document does not print), so the debts were found by rules alone. Check the figures against the document.",
  datesDropped: "Some dates in the text model's output are not printed in the document, so they were left out.",
} as const;

/**
 * Finds the debts in a document's pages. The rules always run. With a text model, the model links
 * the rules' facts into debts, and its output is validated and cross-checked against the document.
 * Invalid output is retried once, then the rules' result is used, as it is when the model is
 * unreachable or missing. Either way `warnings` gives the reason.
 */
export async function extractEntities(pages: PageText[], options: { textModel: TextModel | null; signal?: AbortSignal }): Promise<ExtractionResult> {
  const rules = extractWithRules(pages);
  if (!options.textModel || pages.length === 0) return rules;

  let problems: string[] = [];
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    let output: unknown;
    try {
      output = await options.textModel.chatJson(buildExtractionMessages(pages, rules.facts, problems), modelOutputJsonSchema, { signal: options.signal });
    } catch (error) {
      if (options.signal?.aborted || !isAppError(error)) throw error;
      if (error.code === 'model_unavailable' || error.code === 'model_missing') {
        log.warn({ code: error.code, pages: pages.length }, 'text model unavailable; using rules for extraction');
        const warning = error.code === 'model_missing' ? extractionWarnings.modelMissing : extractionWarnings.modelUnavailable;
        return { ...rules, warnings: [...rules.warnings, warning] };
      }
      if (error.code !== 'model_output_invalid') throw error;
      problems = ['The output was not valid JSON.'];
      log.warn({ attempt, code: error.code }, 'text model output rejected');
      continue;
    }

    const parsed = modelOutputSchema.safeParse(coerceModelOutput(output));
    if (!parsed.success) {
      problems = parsed.error.issues.slice(0, 10).map((issue) => `${issue.path.join('.') || 'output'}: ${issue.message}`);
      log.warn({ attempt, reason: 'schema', issues: parsed.error.issues.length }, 'text model output rejected');
      continue;
    }

    const checked = crossCheckModelOutput(parsed.data, pages, rules);
    if (!checked.ok) {
      problems = checked.problems;
      log.warn({ attempt, reason: 'cross-check', problems: checked.problems.length }, 'text model output rejected');
      continue;
    }

    const documentType = parsed.data.documentType;
    const debts = withLetterReferences(checked.debts, pages, rules.facts);
    const priority = debtsPriority(debts, priorityOf(documentType, classifyDocument(documentText(pages)).underlyingType));
    log.debug({ attempt, debts: debts.length, droppedDates: checked.droppedDates }, 'text model output accepted');
    return {
      documentType,
      priority,
      debts,
      facts: rules.facts,
      source: 'model',
      // The rules' warnings are about the document itself (its currency), so they hold for the model's reading too.
      warnings: [...rules.warnings, ...(checked.droppedDates > 0 ? [extractionWarnings.datesDropped] : [])],
    };
  }

  log.warn({ attempts: MAX_ATTEMPTS, problems: problems.length }, 'text model output invalid twice; using rules for extraction');
  return { ...rules, warnings: [...rules.warnings, extractionWarnings.modelOutputInvalid] };
}
