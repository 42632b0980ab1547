import { z } from 'zod';
import { parseJsonBody, route } from '@/lib/http';
import { getRoleStatuses } from '@/lib/llm/status';
import { modelRoles } from '@/lib/llm/types';
import { getServices } from '@/lib/services';

const pullBody = z.object({
  role: z.enum(modelRoles as ['text', 'vision', 'embed']),
  model: z.string().trim().min(1).max(200).regex(/^[\w.:/-]+$/, 'must be an Ollama model name such as llama3.2 or llava:7b').optional(),
});

export const GET = route(async () => {
  const services = await getServices();
  return Response.json({ roles: await getRoleStatuses(services.models), pulls: services.pulls.list() });
});

/** Starts pulling a role's model on its server; progress is read from GET. */
export const POST = route(async (request) => {
  const { role, model } = await parseJsonBody(request, pullBody);
  const services = await getServices();
  return Response.json(services.pulls.start(role, model), { status: 202 });
});
