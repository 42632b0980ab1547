import { describe, expect, it } from 'vitest';
import { isModelFailure, modelFailureText } from './model-failure';

describe('isModelFailure', () => {
  it.each(['model_unavailable', 'model_missing', 'model_output_invalid'])('accepts %s', (code) => {
    expect(isModelFailure(code)).toBe(true);
  });

  it.each(['no_passages', 'internal', 'vectors_unavailable', null, undefined])('rejects %s', (code) => {
    expect(isModelFailure(code)).toBe(false);
  });
});

describe('modelFailureText', () => {
  it.each(Object.entries(modelFailureText))('%s names no address or setting', (_screen, text) => {
    expect(text).not.toMatch(/https?:|localhost|OLLAMA|OPENAI|Ollama/);
  });

  it('answer text says the passages are shown', () => {
    expect(modelFailureText.answer).toMatch(/passages found are below/);
  });

  it('letter text says the notes are kept', () => {
    expect(modelFailureText.letter).toMatch(/notes are kept/);
  });
});
