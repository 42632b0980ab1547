import path from 'node:path';
import type { Config } from '../config';
import { AppError, isAppError } from '../errors';
import { moduleLogger } from '../log';
import { findGgufModel, modelsDir, type GgufKind } from './gguf-files';
import { LlamaCppEmbeddingModel, LlamaCppTextModel } from './llamacpp';
import { defaultThreads, LlamaCppRuntime } from './llamacpp-runtime';
import { OllamaModels } from './ollama';
import { OpenAiTextModel } from './openai';
import type { CallOptions, ChatMessage, EmbeddingModel, ModelProvider, RoleModels, TextModel, VisionModel } from './types';
import { rememberEmbedder } from './last-embedder';

const log = moduleLogger('llm.models');

/** How long an unreachable Ollama server is taken as down before it is checked again. */
const UNREACHABLE_TTL_MS = 15_000;

/** The provider that serves a role for one call, and why. */
export type ProviderChoice =
  | { provider: 'ollama' | 'openai'; fallback: false }
  | { provider: 'llamacpp'; file: string; fallback: boolean; reason: string | null };

/**
 * The model of every role, each from its configured provider: Ollama, an OpenAI-compatible server
 * (text only) or llama.cpp in this process (text and embed). Vision is always Ollama.
 *
 * When a role is configured for Ollama, its server is unreachable, LLAMACPP_FALLBACK is on and a GGUF
 * model for the role is configured or in the models folder, llama.cpp serves the role instead. The
 * choice is made per call, so the role returns to Ollama once its server responds again.
 */
export class ModelProviders implements RoleModels {
  readonly ollama: OllamaModels;
  readonly runtime: LlamaCppRuntime;
  private readonly config: Config;
  private openAi: OpenAiTextModel | undefined;
  private readonly llamaText = new Map<string, LlamaCppTextModel>();
  private readonly llamaEmbedding = new Map<string, LlamaCppEmbeddingModel>();
  private readonly unreachableSince = new Map<'text' | 'embed', number>();

  constructor(config: Config) {
    this.config = config;
    this.ollama = new OllamaModels(config);
    this.runtime = new LlamaCppRuntime({
      threads: config.LLAMACPP_THREADS ?? defaultThreads(),
      contextSize: config.TEXT_NUM_CTX,
      sequences: config.LLAMACPP_SEQUENCES,
      idleMs: config.LLAMACPP_IDLE_SECONDS * 1000,
    });
  }

  /** The configured provider of each role. */
  get configured(): Record<'text' | 'embed' | 'vision', ModelProvider> {
    return { text: this.config.TEXT_PROVIDER, embed: this.config.EMBED_PROVIDER, vision: 'ollama' };
  }

  /** The folder searched for GGUF models. */
  get modelsDir(): string {
    return modelsDir(this.config);
  }

  readonly text: TextModel = {
    streamChat: (messages, options) => this.streamText(messages, options),
    chatJson: async (messages, jsonSchema, options) => (await this.textModel()).chatJson(messages, jsonSchema, options),
  };

  get vision(): VisionModel {
    return this.ollama.vision;
  }

  readonly embedding: EmbeddingModel = {
    embed: async (texts, kind, options) => {
      const embeddings = await (await this.embeddingModel()).embed(texts, kind, options);
      rememberEmbedder(embeddings.embedder);
      return embeddings;
    },
  };

  /** Returns the OpenAI-compatible client, made on first use so that an unused OPENAI_BASE_URL costs nothing. */
  openAiModel(): OpenAiTextModel {
    this.openAi ??= new OpenAiTextModel(this.config);
    return this.openAi;
  }

  /**
   * Decides who serves a role now. Checking Ollama costs a model list request, which OllamaModels
   * caches, and an unreachable server is remembered for UNREACHABLE_TTL_MS.
   */
  async choose(role: 'text' | 'embed'): Promise<ProviderChoice> {
    const configured = role === 'text' ? this.config.TEXT_PROVIDER : this.config.EMBED_PROVIDER;
    if (configured === 'openai') return { provider: 'openai', fallback: false };
    if (configured === 'llamacpp') return { provider: 'llamacpp', file: await this.requireGguf(role), fallback: false, reason: null };

    if (!this.config.LLAMACPP_FALLBACK || (await this.ollamaReachable(role))) return { provider: 'ollama', fallback: false };
    const file = await findGgufModel(this.config, role);
    if (!file) return { provider: 'ollama', fallback: false };
    const url = this.ollama.roles[role].url;
    return { provider: 'llamacpp', file, fallback: true, reason: `The Ollama server at ${url} is unreachable, so llama.cpp in this process serves the ${role} role from ${path.basename(file)}.` };
  }

  /** Unloads llama.cpp models; the services call this when they close. */
  async close(): Promise<void> {
    await this.runtime.unloadAll();
  }

  private async textModel(): Promise<TextModel> {
    const choice = await this.choose('text');
    if (choice.provider === 'openai') return this.openAiModel();
    if (choice.provider === 'llamacpp') return this.llamaTextModel(choice.file);
    return this.ollama.text;
  }

  private async embeddingModel(): Promise<EmbeddingModel> {
    const choice = await this.choose('embed');
    if (choice.provider === 'llamacpp') return this.llamaEmbeddingModel(choice.file);
    return this.ollama.embedding;
  }

  private async *streamText(messages: ChatMessage[], options?: CallOptions): AsyncGenerator<string> {
    yield* (await this.textModel()).streamChat(messages, options);
  }

  llamaTextModel(file: string): LlamaCppTextModel {
    let model = this.llamaText.get(file);
    if (!model) {
      model = new LlamaCppTextModel({ runtime: this.runtime, file, config: this.config });
      this.llamaText.set(file, model);
    }
    return model;
  }

  llamaEmbeddingModel(file: string): LlamaCppEmbeddingModel {
    let model = this.llamaEmbedding.get(file);
    if (!model) {
      model = new LlamaCppEmbeddingModel({ runtime: this.runtime, file, config: this.config });
      this.llamaEmbedding.set(file, model);
    }
    return model;
  }

  private async requireGguf(role: GgufKind): Promise<string> {
    const file = await findGgufModel(this.config, role);
    if (file) return file;
    const setting = role === 'text' ? 'LLAMACPP_TEXT_MODEL' : 'LLAMACPP_EMBED_MODEL';
    throw new AppError('model_missing', `No GGUF ${role === 'text' ? 'text' : 'embedding'} model is configured or in ${this.modelsDir}. Run "npm run models:pull", or set ${setting}.`);
  }

  private async ollamaReachable(role: 'text' | 'embed'): Promise<boolean> {
    const since = this.unreachableSince.get(role);
    if (since !== undefined && Date.now() - since < UNREACHABLE_TTL_MS) return false;
    try {
      await this.ollama.listModels(role);
      this.unreachableSince.delete(role);
      return true;
    } catch (error) {
      if (!isAppError(error) || error.code !== 'model_unavailable') throw error;
      if (since === undefined) log.warn({ role, url: this.ollama.roles[role].url }, 'Ollama server unreachable; llama.cpp serves the role if a GGUF model is available');
      this.unreachableSince.set(role, Date.now());
      return false;
    }
  }
}
