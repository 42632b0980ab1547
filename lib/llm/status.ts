import path from 'node:path';
import { AppError } from '../errors';
import { moduleLogger } from '../log';
import { ggufKind } from './gguf-files';
import type { ModelProviders } from './models';
import type { OllamaModels } from './ollama';
import type { OpenAiTextModel } from './openai';
import { sameModel } from './roles';
import { modelRoles, type ModelProvider, type ModelRole } from './types';

const log = moduleLogger('llm.status');

export type RoleStatus = {
  role: ModelRole;
  /** The provider serving the role now: the configured one, or llama.cpp standing in for an unreachable Ollama server. */
  provider: ModelProvider;
  configuredProvider: ModelProvider;
  /** The server URL, or the GGUF model file when llama.cpp serves the role. */
  url: string;
  /** The configured model name, or the GGUF file's name when llama.cpp serves the role. */
  model: string;
  fallbackModel: string | null;
  reachable: boolean;
  /** The model that calls use now: the configured one, its fallback, or null when neither is present. */
  activeModel: string | null;
  serverModels: string[];
  error: string | null;
  /** The reason llama.cpp serves a role configured for Ollama, or null when the configured provider serves it. */
  fallbackReason: string | null;
};

/** Checks every role's provider and model; never throws, so a status page always renders. */
export async function getRoleStatuses(models: ModelProviders): Promise<RoleStatus[]> {
  return Promise.all(modelRoles.map((role) => roleStatus(models, role)));
}

async function roleStatus(models: ModelProviders, role: ModelRole): Promise<RoleStatus> {
  const configuredProvider = models.configured[role];
  if (role === 'vision') return ollamaStatus(models.ollama, role);
  try {
    const choice = await models.choose(role);
    if (choice.provider === 'openai') return await openAiStatus(models.openAiModel());
    if (choice.provider === 'llamacpp') return await llamaCppStatus(role, configuredProvider, choice.file, choice.reason);
    return await ollamaStatus(models.ollama, role);
  } catch (error) {
    const message = error instanceof AppError ? error.message : 'The model check failed unexpectedly.';
    return { ...emptyStatus(role, configuredProvider), error: message };
  }
}

function emptyStatus(role: ModelRole, provider: ModelProvider): RoleStatus {
  return { role, provider, configuredProvider: provider, url: '', model: '', fallbackModel: null, reachable: false, activeModel: null, serverModels: [], error: null, fallbackReason: null };
}

async function ollamaStatus(models: OllamaModels, role: ModelRole): Promise<RoleStatus> {
  const settings = models.roles[role];
  const base = { ...emptyStatus(role, 'ollama'), url: settings.url, model: settings.model, fallbackModel: settings.fallbackModel ?? null };
  try {
    const serverModels = await models.listModels(role, { fresh: true });
    const activeModel = [settings.model, settings.fallbackModel].find((wanted) => wanted && serverModels.some((name) => sameModel(name, wanted))) ?? null;
    const error = activeModel ? null : `The model "${settings.model}" is not on this server. Pull it to use the ${role} role.`;
    return { ...base, reachable: true, activeModel, serverModels, error };
  } catch (error) {
    const message = error instanceof AppError ? error.message : 'The server check failed unexpectedly.';
    return { ...base, error: message };
  }
}

async function openAiStatus(model: OpenAiTextModel): Promise<RoleStatus> {
  const base = { ...emptyStatus('text', 'openai'), url: model.baseUrl, model: model.model };
  try {
    const serverModels = await model.listModels({ fresh: true });
    const activeModel = serverModels.includes(model.model) ? model.model : null;
    const error = activeModel ? null : `The model "${model.model}" is not served here. Start the server with it, or set OPENAI_MODEL to one it lists.`;
    return { ...base, reachable: true, activeModel, serverModels, error };
  } catch (error) {
    const message = error instanceof AppError ? error.message : 'The server check failed unexpectedly.';
    return { ...base, error: message };
  }
}

/** Reports a GGUF file as reachable when it exists and is readable. The model is loaded by its first call, not by a status check. */
async function llamaCppStatus(role: 'text' | 'embed', configuredProvider: ModelProvider, file: string, fallbackReason: string | null): Promise<RoleStatus> {
  const name = path.basename(file);
  const base = { ...emptyStatus(role, 'llamacpp'), configuredProvider, url: file, model: name, fallbackReason };
  const kind = await ggufKind(file).catch(() => null);
  if (kind === null) {
    return { ...base, error: `The GGUF model file ${file} is missing or unreadable. Run "npm run models:pull", or set ${role === 'text' ? 'LLAMACPP_TEXT_MODEL' : 'LLAMACPP_EMBED_MODEL'}.` };
  }
  if (kind !== role) {
    return { ...base, reachable: true, error: `${name} is ${kind === 'embed' ? 'an embedding' : 'a text'} model, so it cannot serve the ${role} role.` };
  }
  return { ...base, reachable: true, activeModel: name };
}

export type PullProgress = {
  role: ModelRole;
  model: string;
  status: 'running' | 'done' | 'failed';
  /** Ollama's latest status line, e.g. "pulling manifest" or "verifying sha256 digest". */
  detail: string;
  completed: number | null;
  total: number | null;
  error: string | null;
  startedAt: string;
};

/**
 * Model pulls in progress in this process, keyed by role. A pull runs in the background; the status
 * page polls its progress. A second request for a running pull returns the same progress.
 */
export class PullTracker {
  private readonly pulls = new Map<ModelRole, PullProgress>();

  constructor(private readonly models: OllamaModels) {}

  list(): PullProgress[] {
    return [...this.pulls.values()];
  }

  start(role: ModelRole, model?: string): PullProgress {
    const current = this.pulls.get(role);
    if (current?.status === 'running') return current;
    const progress: PullProgress = {
      role,
      model: model ?? this.models.roles[role].model,
      status: 'running',
      detail: 'starting',
      completed: null,
      total: null,
      error: null,
      startedAt: new Date().toISOString(),
    };
    this.pulls.set(role, progress);
    void this.run(progress);
    return progress;
  }

  private async run(progress: PullProgress): Promise<void> {
    log.info({ role: progress.role, model: progress.model }, 'model pull started');
    try {
      for await (const part of this.models.pull(progress.role, progress.model)) {
        progress.detail = part.status;
        progress.completed = part.completed ?? progress.completed;
        progress.total = part.total ?? progress.total;
      }
      progress.status = 'done';
      this.models.clearModelCache();
      log.info({ role: progress.role, model: progress.model }, 'model pull finished');
    } catch (error) {
      progress.status = 'failed';
      progress.error = error instanceof AppError ? error.message : 'The pull failed unexpectedly.';
      log.warn({ role: progress.role, model: progress.model, err: { name: (error as Error).name } }, 'model pull failed');
    }
  }
}
