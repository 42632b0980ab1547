import type { Config } from '../config';
import type { ModelRole } from './types';

/** Where one model role is served: the server URL, the model and any fallback model. */
export type RoleSettings = { role: ModelRole; url: string; model: string; fallbackModel?: string; concurrency: number };

/** Returns the settings of every model role from the configuration. */
export function roleSettings(config: Config): Record<ModelRole, RoleSettings> {
  return {
    text: {
      role: 'text',
      url: config.OLLAMA_TEXT_URL,
      model: config.OLLAMA_TEXT_MODEL,
      fallbackModel: config.OLLAMA_TEXT_FALLBACK_MODEL,
      concurrency: config.OLLAMA_TEXT_CONCURRENCY,
    },
    vision: {
      role: 'vision',
      url: config.OLLAMA_VISION_URL,
      model: config.OLLAMA_VISION_MODEL,
      concurrency: config.OLLAMA_VISION_CONCURRENCY,
    },
    embed: {
      role: 'embed',
      url: config.OLLAMA_EMBED_URL,
      model: config.OLLAMA_EMBED_MODEL,
      concurrency: config.OLLAMA_VISION_CONCURRENCY,
    },
  };
}

/** Ollama lists "llama3.2:latest" for a model pulled as "llama3.2"; both name the same model. */
export function sameModel(a: string, b: string): boolean {
  const withTag = (name: string) => (name.includes(':') ? name : `${name}:latest`);
  return withTag(a) === withTag(b);
}
