import { convertUpload } from '@/lib/documents/stateless';
import { readUploadedFiles, route } from '@/lib/http';
import { getServices } from '@/lib/services';

/** Converts one PDF or image to markdown page by page; nothing is stored. Form fields: file, password (optional). */
export const POST = route(async (request) => {
  const { files, fields } = await readUploadedFiles(request, { single: true });
  const result = await convertUpload(await getServices(), files[0], { password: fields.password || undefined, signal: request.signal });
  return Response.json(result);
});
