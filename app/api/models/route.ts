import { z } from 'zod';
import { AppError } from '@/lib/errors';
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
  const provider = services.models.configured[role];
  if (provider !== 'ollama') {
    throw new AppError('invalid_request', `The ${role} role is served by ${provider === 'openai' ? 'an OpenAI-compatible server' : 'llama.cpp'}, not Ollama, so there is nothing to pull here. Use "npm run models:pull" for GGUF models.`);
  }
  const progress = services.pulls.start(role, model);
  await audit({ action: 'update', targetType: 'model', targetId: `${role}:${progress.model}`, details: { pull: true } });
  return Response.json(progress, { status: 202 });
});
