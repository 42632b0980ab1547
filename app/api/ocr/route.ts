import { ocrUpload } from '@/lib/documents/stateless';
import { readUploadedFiles, route } from '@/lib/http';

/** Reads the text of one image (PNG or JPEG); nothing is stored. */
export const POST = route('user', async ({ request, services }) => {
  const { files } = await readUploadedFiles(request, { single: true });
  return Response.json(await ocrUpload(services, files[0], { signal: request.signal }));
});
