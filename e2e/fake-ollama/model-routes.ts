import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { HttpError, parseBody, sendJson, sendText, startNdjson, writeNdjson } from './http';
import { modelProfile, toPsEntry, toShowResponse, toTagsEntry } from './models';
import type { RouteContext } from './types';

/** A plausible Ollama release number, which clients only display. */
export const FAKE_OLLAMA_VERSION = '0.12.6';

const modelNameSchema = z.object({ model: z.string().nullish(), name: z.string().nullish() });
const pullSchema = modelNameSchema.extend({ stream: z.boolean().nullish(), insecure: z.boolean().nullish() });

/** Ollama takes the model from `model`, or from `name` as older clients send it. */
function requestedModel(body: z.infer<typeof modelNameSchema>): string {
  return (body.model || body.name || '').trim();
}

/** GET / and HEAD / */
export function root({ res }: RouteContext): void {
  sendText(res, 200, 'Ollama is running');
}

/** GET /api/version */
export function version({ res }: RouteContext): void {
  sendJson(res, 200, { version: FAKE_OLLAMA_VERSION });
}

/** GET /api/tags */
export function tags({ res, state }: RouteContext): void {
  sendJson(res, 200, { models: state.models.list().map(toTagsEntry) });
}

/** GET /api/ps: the models used in the last five minutes. */
export function ps({ res, state }: RouteContext): void {
  sendJson(res, 200, { models: state.models.loaded().map(({ model, expiresAt }) => toPsEntry(model, expiresAt)) });
}

/** POST /api/show */
export function show({ res, state, body }: RouteContext): void {
  const name = requestedModel(parseBody(modelNameSchema, body));
  if (!name) throw new HttpError(400, 'model is required');

  const model = state.models.find(name);
  if (!model) throw new HttpError(404, `model '${name}' not found`);
  sendJson(res, 200, toShowResponse(model));
}

/** DELETE /api/delete: Ollama returns 200 with an empty body. */
export function deleteModel({ res, state, body }: RouteContext): void {
  const name = requestedModel(parseBody(modelNameSchema, body));
  if (!name) throw new HttpError(400, `name "${name}" is invalid`);

  if (!state.models.remove(name)) throw new HttpError(404, `model '${name}' not found`);
  res.writeHead(200);
  res.end();
}

type PullProgress = { status: string; digest?: string; total?: number; completed?: number };

/** Returns a fake layer digest, stable per model and layer. */
function layerDigest(model: string, layer: string): string {
  return createHash('sha256').update(`${model}/${layer}`).digest('hex');
}

/**
 * Lists the progress messages of one pull, in Ollama's order: the manifest, each layer with `completed`
 * rising to `total`, then verifying, writing the manifest and success.
 */
function pullProgress(model: string): PullProgress[] {
  const smallLayers = [
    { name: 'template', size: 1_429 },
    { name: 'license', size: 7_711 },
    { name: 'params', size: 96 },
  ];
  const weightsSize = modelProfile(model).size - smallLayers.reduce((sum, layer) => sum + layer.size, 0);
  const layers = [{ name: 'weights', size: weightsSize, parts: 8 }, ...smallLayers.map((layer) => ({ ...layer, parts: 1 }))];

  const steps: PullProgress[] = [{ status: 'pulling manifest' }];
  for (const layer of layers) {
    const hex = layerDigest(model, layer.name);
    const head = { status: `pulling ${hex.slice(0, 12)}`, digest: `sha256:${hex}`, total: layer.size };
    steps.push(head);
    for (let part = 1; part <= layer.parts; part += 1) {
      steps.push({ ...head, completed: Math.round((layer.size * part) / layer.parts) });
    }
  }
  steps.push({ status: 'verifying sha256 digest' }, { status: 'writing manifest' }, { status: 'success' });
  return steps;
}

/**
 * POST /api/pull: streams progress over `pullDurationMs` and adds the model just before "success".
 * Every name can be pulled. A pull the client abandons, or one overtaken by a reset, adds nothing.
 */
export async function pull({ res, state, body, signal }: RouteContext): Promise<void> {
  const request = parseBody(pullSchema, body);
  const name = requestedModel(request);
  if (!name) throw new HttpError(400, 'invalid model name');

  const generation = state.models.generation;
  const steps = pullProgress(name);
  const stepDelayMs = state.pullDurationMs / steps.length;
  const stream = request.stream !== false;
  if (stream) startNdjson(res);

  for (const step of steps) {
    await delay(stepDelayMs, undefined, { signal });
    if (step.status === 'success' && state.models.generation === generation) state.models.add(name);
    if (stream) writeNdjson(res, step);
  }

  if (stream) res.end();
  else sendJson(res, 200, { status: 'success' });
}
