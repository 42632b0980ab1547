import { z } from 'zod';
import { parseJsonBody, route } from '@/lib/http';
import { getRoleStatuses } from '@/lib/llm/status';
import { modelRoles } from '@/lib/llm/types';

const pullBody = z.object({
  role: z.enum(modelRoles as ['text', 'vision', 'embed']),
  model: z.string().trim().min(1).max(200).regex(/^[\w.:/-]+$/, 'must be an Ollama model name such as llama3.2 or llava:7b').optional(),
});

export const GET = route('user', async ({ services }) => Response.json({ roles: await getRoleStatuses(services.models), pulls: services.pulls.list() }));

/** Starts pulling a role's model on its server (gigabytes of download), so admins only; progress is read from GET. */
export const POST = route('admin', async ({ request, services, audit }) => {
  const { role, model } = await parseJsonBody(request, pullBody);
  const progress = services.pulls.start(role, model);
  await audit({ action: 'update', targetType: 'model', targetId: `${role}:${progress.model}`, details: { pull: true } });
  return Response.json(progress, { status: 202 });
});
