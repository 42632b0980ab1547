/**
 * Consecutive words an output must share with a model's instructions to count as repeating them.
 * Eight is an estimate: ordinary advice wording such as "in plain UK English" is shorter, while a
 * small model that echoes its prompt repeats whole sentences.
 */
const RUN_WORDS = 8;

function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Tests whether `output` repeats a run of words from `instructions`, as a weak model does when it echoes its prompt. */
export function repeatsInstructions(output: string, instructions: string): boolean {
  const instructionWords = wordsOf(instructions);
  const runs = new Set<string>();
  for (let start = 0; start + RUN_WORDS <= instructionWords.length; start++) runs.add(instructionWords.slice(start, start + RUN_WORDS).join(' '));

  const outputWords = wordsOf(output);
  for (let start = 0; start + RUN_WORDS <= outputWords.length; start++) {
    if (runs.has(outputWords.slice(start, start + RUN_WORDS).join(' '))) return true;
  }
  return false;
}
