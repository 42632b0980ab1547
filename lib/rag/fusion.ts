/** The constant of reciprocal rank fusion; 60 is the value used by Cormack, Clarke and Büttcher (SIGIR 2009). */
const RRF_K = 60;

/** Fuses several rankings of ids into one by reciprocal rank fusion; ids ranked high anywhere rise. */
export function reciprocalRankFusion(rankings: string[][]): string[] {
  const scores = new Map<string, number>();
  for (const ranking of rankings) {
    ranking.forEach((id, index) => scores.set(id, (scores.get(id) ?? 0) + 1 / (RRF_K + index + 1)));
  }
  return [...scores].sort((a, b) => b[1] - a[1]).map(([id]) => id);
}
