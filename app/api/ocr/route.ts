import { ocrUpload } from '@/lib/documents/stateless';
import { readUploadedFiles, route } from '@/lib/http';
import { getServices } from '@/lib/services';

/** Reads the text of one image (PNG or JPEG); nothing is stored. */
export const POST = route(async (request) => {
  const { files } = await readUploadedFiles(request, { single: true });
  return Response.json(await ocrUpload(await getServices(), files[0], { signal: request.signal }));
});
