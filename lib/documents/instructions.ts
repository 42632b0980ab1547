/**
 * Finds text in a document that addresses a language model ("ignore previous instructions", "note to
 * the AI assistant", fake prompt markers) and leaves it out of what models are sent. Letters are data,
 * never instructions; this removes the most direct attempts, and the checks after each model call
 * (figures in answers, debts against the page) catch what slips through. The advisor still sees the
 * original text and a warning on the document.
 */

const triggers: RegExp[] = [
  /\b(ignore|disregard|forget|override)\b[^.\n]{0,40}\b(previous|prior|above|earlier|preceding|all|your|these|the)\b[^.\n]{0,20}\b(instructions?|prompts?|rules|guidelines|documents?|context)\b/i,
  /\b(system|developer|admin)\s+(note|message|prompt|instruction)s?\b/i,
  /\b(note|message|instructions?)\s+(to|for)\s+(the\s+)?(ai|a\.i\.|assistant|model|language model|chat ?bot|llm)\b/i,
  /\byou\s+are\s+(now\s+)?(an?\s+)?(ai|assistant|language model|chat ?bot)\b/i,
  /(^|\n)\s*(assistant|system|user)\s*:/i,
  /<\/?\s*(passage|system|instructions?)\b[^>]*>/i,
  /<{3,}|>{3,}/,
  /\bwhen\s+(you\s+are\s+)?asked\b[^.\n]{0,40}\b(answer|reply|respond|say)\b/i,
];

export const REMOVED_TEXT_MARK = '[text addressed to an AI model left out]';

/** Returns whether a piece of text addresses a language model. */
export function addressesModel(text: string): boolean {
  return triggers.some((pattern) => pattern.test(text));
}

/**
 * Replaces each paragraph (text between blank lines) that addresses a model with a short mark, and
 * says how many it replaced. A whole paragraph goes, because an instruction usually runs on over
 * several sentences after its trigger.
 */
export function withoutModelInstructions(text: string): { text: string; removed: number } {
  let removed = 0;
  const paragraphs = text.split(/(\n\s*\n)/).map((part) => {
    if (/^\n\s*\n$/.test(part) || !addressesModel(part)) return part;
    removed += 1;
    return REMOVED_TEXT_MARK;
  });
  return { text: paragraphs.join(''), removed };
}
