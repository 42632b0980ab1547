import pLimit, { type LimitFunction } from 'p-limit';

/**
 * Concurrency gates, one per model server URL. Vision pages queue on the vision server's gate only,
 * so a long OCR backlog never delays a chat on the text server.
 */
const gates = new Map<string, LimitFunction>();

/** Sets the limit of each server's gate; roles that share a URL share one gate with the larger limit. */
export function configureGates(servers: { url: string; concurrency: number }[]): void {
  const limits = new Map<string, number>();
  for (const server of servers) limits.set(server.url, Math.max(limits.get(server.url) ?? 0, server.concurrency));
  for (const [url, limit] of limits) {
    const gate = gates.get(url);
    if (gate) gate.concurrency = limit;
    else gates.set(url, pLimit(limit));
  }
}

/** Runs `task` when the server at `url` has a free slot; a server with no configured gate gets a limit of 1. */
export function withServerGate<T>(url: string, task: () => Promise<T>): Promise<T> {
  let gate = gates.get(url);
  if (!gate) {
    gate = pLimit(1);
    gates.set(url, gate);
  }
  return gate(task);
}

/** Returns the running and waiting call counts of each server gate. */
export function gateStats(): Record<string, { active: number; pending: number }> {
  return Object.fromEntries([...gates].map(([url, gate]) => [url, { active: gate.activeCount, pending: gate.pendingCount }]));
}

/**
 * Runs a streamed call inside a server's gate and yields its items as they arrive. The slot is held
 * until the stream ends, so the server's limit covers the whole generation rather than its first item.
 */
export async function* streamWithinGate<T>(url: string, produce: () => AsyncIterable<T>): AsyncGenerator<T> {
  const items: T[] = [];
  let finished = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };

  const run = withServerGate(url, async () => {
    try {
      for await (const item of produce()) {
        items.push(item);
        notify();
      }
    } catch (error) {
      failure = { error };
    } finally {
      finished = true;
      notify();
    }
  });

  while (true) {
    if (items.length > 0) {
      yield items.shift()!;
      continue;
    }
    if (finished) break;
    await new Promise<void>((resolve) => (wake = resolve));
  }
  await run;
  if (failure) throw failure.error;
}
