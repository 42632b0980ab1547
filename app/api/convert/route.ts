import { convertUpload } from '@/lib/documents/stateless';
import { readUploadedFiles, route } from '@/lib/http';

/** Converts one PDF or image to markdown page by page; nothing is stored. Form fields: file, password (optional). */
export const POST = route('user', async ({ request, services }) => {
  const { files, fields } = await readUploadedFiles(request, { single: true });
  return Response.json(await convertUpload(services, files[0], { password: fields.password || undefined, signal: request.signal }));
});
