import { findFixtureAnswer, type FixtureQuery } from './fixtures';
import type { FakeBehaviour } from './types';

/** The content returned when no fixture rule matches a text request. */
export const FALLBACK_ANSWER = 'This is the fake Ollama server\'s default answer: no rule in chat.json matched this request.';

/** The content returned when no fixture rule matches a request with images. */
export const FALLBACK_TRANSCRIPT = '# Fake transcript\n\nThe fake vision model has no fixture for this image, so it returns this fixed page.\n';

/** The content returned when no fixture rule matches a request that sets `format`: the smallest JSON object. */
export const FALLBACK_JSON = '{}';

/** The line a looping model repeats, like a vision model stuck on a table row. */
export const LOOP_LINE = '| Date | Description | Amount |';
export const LOOP_REPEATS = 400;

/** Text that is not JSON, as a model writes when it ignores `format`. */
export const INVALID_JSON_ANSWER = 'Sure! Here are the details you asked for:\n\n- creditor: see the letter\n- amount: see the letter\n\n{"debts": [{"creditor": ';

/**
 * Returns the content of a chat or generate response under the given behaviour. In normal mode the
 * first matching rule in chat.json wins. Without a match, a request with `format` gets "{}", a request
 * with images a fixed transcript, and any other request a fixed sentence. `format` is checked before
 * images because a vision call with `format` is parsed as JSON.
 */
export async function composeAnswer(mode: FakeBehaviour['mode'], fixturesDir: string | undefined, query: FixtureQuery): Promise<string> {
  switch (mode) {
    case 'empty':
      return '';
    case 'loop':
      return `${LOOP_LINE}\n`.repeat(LOOP_REPEATS);
    case 'invalid-json':
      return INVALID_JSON_ANSWER;
    default: {
      const fixture = await findFixtureAnswer(fixturesDir, query);
      if (fixture !== undefined) return fixture;
      if (query.hasFormat) return FALLBACK_JSON;
      if (query.hasImages) return FALLBACK_TRANSCRIPT;
      return FALLBACK_ANSWER;
    }
  }
}

/**
 * Splits response content into streamed pieces of one word and its trailing white space, which join
 * back to the exact content. Each piece counts as one generated token.
 */
export function splitIntoTokens(answer: string): string[] {
  return answer.match(/\S+\s*|\s+/g) ?? [];
}
