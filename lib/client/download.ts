import { send, toApiError } from './api';

/**
 * Fetches a file from the API and saves it under `filename`, or without one under the name the
 * server gives in Content-Disposition. Fetching first, rather than linking to the address, lets the screen show the
 * server's error instead of saving an error body as the file.
 */
export async function downloadFile(url: string, filename?: string): Promise<void> {
  const response = await send(url);
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    throw toApiError(response.status, body);
  }

  const objectUrl = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = objectUrl;
  link.download = filename ?? /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'download';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a moment later rather than at once, because some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(objectUrl), 1_000);
}
