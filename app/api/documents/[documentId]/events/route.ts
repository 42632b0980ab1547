import { z } from 'zod';
import { getAccessibleDocument, getDocumentView } from '@/lib/documents/manage';
import { AppError } from '@/lib/errors';
import { parseParams, route, uuidParam } from '@/lib/http';

const params = z.object({ documentId: uuidParam });
const POLL_MS = 500;

/**
 * Progress of one document as server-sent events. It reads the records database, so it reports jobs
 * run by any process; an event is sent whenever the status or page count changes, and the stream
 * ends once the document is ready or failed.
 */
export const GET = route<{ documentId: string }>('user', async ({ request, params: raw, services, user }) => {
  const { documentId } = parseParams(raw, params);
  await getAccessibleDocument(services, user, documentId, 'read');
  const encoder = new TextEncoder();
  let last = '';

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: string, data: unknown) => controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      while (!request.signal.aborted) {
        try {
          const view = await getDocumentView(services, documentId);
          const snapshot = JSON.stringify([view.status, view.stage, view.pagesDone, view.pagesTotal, view.queuePosition]);
          if (snapshot !== last) {
            send('progress', view);
            last = snapshot;
          }
          if (view.status === 'ready' || view.status === 'failed') break;
        } catch (error) {
          const message = error instanceof AppError ? error.message : 'Progress could not be read.';
          send('error', { message });
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      controller.close();
    },
  });
  return new Response(stream, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' } });
});
