import { AppError } from '../errors';
import { moduleLogger } from '../log';
import type { OllamaModels } from './ollama';
import { sameModel } from './roles';
import { modelRoles, type ModelRole } from './types';

const log = moduleLogger('llm.status');

export type RoleStatus = {
  role: ModelRole;
  url: string;
  model: string;
  fallbackModel: string | null;
  reachable: boolean;
  /** The model that calls use now: the configured one, its fallback, or null when neither is present. */
  activeModel: string | null;
  serverModels: string[];
  error: string | null;
};

/** Checks every role's server and model; never throws, so a status page always renders. */
export async function getRoleStatuses(models: OllamaModels): Promise<RoleStatus[]> {
  return Promise.all(
    modelRoles.map(async (role): Promise<RoleStatus> => {
      const settings = models.roles[role];
      const base = { role, url: settings.url, model: settings.model, fallbackModel: settings.fallbackModel ?? null };
      try {
        const serverModels = await models.listModels(role, { fresh: true });
        const activeModel = [settings.model, settings.fallbackModel].find((wanted) => wanted && serverModels.some((name) => sameModel(name, wanted))) ?? null;
        const error = activeModel ? null : `The model "${settings.model}" is not on this server. Pull it to use the ${role} role.`;
        return { ...base, reachable: true, activeModel, serverModels, error };
      } catch (error) {
        const message = error instanceof AppError ? error.message : 'The server check failed unexpectedly.';
        return { ...base, reachable: false, activeModel: null, serverModels: [], error: message };
      }
    }),
  );
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
