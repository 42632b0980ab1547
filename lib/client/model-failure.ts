/**
 * Plain wording for a failed text model call on the Ask and Letters screens. The server's message for
 * these codes names the model server's address and the setting that changes it. That is for an admin
 * and API users, so the screens show it only under "Technical details".
 */

const modelFailureCodes = new Set(['model_unavailable', 'model_missing', 'model_output_invalid']);

/** Returns whether an error or fallback code is one of a failed model call. */
export function isModelFailure(code: string | null | undefined): boolean {
  return code !== null && code !== undefined && modelFailureCodes.has(code);
}

/** Sentences per screen on what still works without the text model. The Status page advice follows each one. */
export const modelFailureText = {
  answer: 'The text model is not available just now. The passages found are below, each with its document and page, so you can look for the answer in them.',
  letter: 'The text model is not available just now. Your notes are kept in this tab, so you can write the letter again once it is back.',
} as const;
