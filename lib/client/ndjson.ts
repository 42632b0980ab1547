import { send, toApiError } from './api';

/**
 * Posts JSON to a streaming endpoint and yields each newline-delimited JSON event as it arrives.
 * A non-2xx response throws an ApiError with the server's message before any event is yielded.
 */
export async function* postNdjson<T>(url: string, body: unknown, signal?: AbortSignal): AsyncGenerator<T> {
  const response = await send(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal });
  if (!response.ok) {
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
    throw toApiError(response.status, parsed);
  }
  if (!response.body) return;

  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += value;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line.trim()) yield JSON.parse(line) as T;
      }
    }
    if (buffered.trim()) yield JSON.parse(buffered) as T;
  } finally {
    reader.releaseLock();
  }
}
