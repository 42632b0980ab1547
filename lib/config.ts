import path from 'node:path';
import { z } from 'zod';

/**
 * Server configuration, read from the environment once and validated with zod.
 * Every setting is documented in README.md and .env.example; keep the three in step.
 */

const url = z.url({ protocol: /^https?$/ });
const positiveInt = z.coerce.number().int().positive();

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  /** Folder for the embedded database, stored files and the embedded Chroma server's data. */
  DATA_DIR: z.string().min(1).default('./data'),
  /** PostgreSQL connection string; when unset, records live in PGlite under DATA_DIR. */
  DATABASE_URL: z.string().startsWith('postgres').optional(),
  CHROMA_URL: url.default('http://127.0.0.1:8000'),
  /** Neo4j server for the entity graph (bolt:// or neo4j://); when unset, the graph lives in the records database. */
  NEO4J_URI: z.string().regex(/^(?:bolt|neo4j)(?:\+s|\+ssc)?:\/\/[^\s]+$/, 'must be a bolt:// or neo4j:// URL, e.g. bolt://127.0.0.1:7687').optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),

  OLLAMA_TEXT_URL: url.default('http://localhost:11434'),
  OLLAMA_TEXT_MODEL: z.string().min(1).default('llama3.2'),
  /** Used for the text role when the main text model is missing from the server. */
  OLLAMA_TEXT_FALLBACK_MODEL: z.string().min(1).default('llama2:7b'),
  OLLAMA_VISION_URL: url.default('http://localhost:11435'),
  OLLAMA_VISION_MODEL: z.string().min(1).default('llava:7b'),
  OLLAMA_EMBED_URL: url.default('http://localhost:11435'),
  OLLAMA_EMBED_MODEL: z.string().min(1).default('nomic-embed-text'),
  /** Concurrent requests allowed to each model server, keyed by its URL. */
  OLLAMA_TEXT_CONCURRENCY: positiveInt.default(2),
  OLLAMA_VISION_CONCURRENCY: positiveInt.default(1),
  /** Context window, in tokens, requested from the text model on every call. */
  TEXT_NUM_CTX: positiveInt.default(8192),
  /** Time limit for one model call, in milliseconds; vision pages on a CPU can take minutes. */
  MODEL_TIMEOUT_MS: positiveInt.default(300_000),
  /** Time limit for a reachability check of a model server, in milliseconds. */
  MODEL_PING_TIMEOUT_MS: positiveInt.default(3_000),

  /** The text role's provider: an Ollama server, an OpenAI-compatible server such as vLLM, or llama.cpp in this process. */
  TEXT_PROVIDER: z.enum(['ollama', 'openai', 'llamacpp']).default('ollama'),
  /** The embed role's provider: an Ollama server or llama.cpp in this process. */
  EMBED_PROVIDER: z.enum(['ollama', 'llamacpp']).default('ollama'),
  /**
   * Task prefixes put before embedding inputs: `nomic` adds nomic-embed-text's "search_document: " and
   * "search_query: ", `none` adds nothing, and `auto` picks `nomic` when the embedding model's name contains "nomic-embed".
   */
  EMBED_PREFIXES: z.enum(['auto', 'nomic', 'none']).default('auto'),
  /** Base URL of the OpenAI-compatible API, including /v1, e.g. http://vllm:8000/v1. */
  OPENAI_BASE_URL: url.default('http://localhost:8000/v1'),
  /** Bearer token for that API; vLLM needs one only when started with --api-key. */
  OPENAI_API_KEY: z.string().min(1).optional(),
  /** The model name the OpenAI-compatible server serves, as listed by GET /v1/models. */
  OPENAI_MODEL: z.string().min(1).default('meta-llama/Llama-3.2-3B-Instruct'),
  OPENAI_CONCURRENCY: positiveInt.default(4),
  /** Folder searched for GGUF model files; unset means DATA_DIR/models. `npm run models:pull` downloads into it. */
  MODELS_DIR: z.string().min(1).optional(),
  /** GGUF text model for llama.cpp: a path, or a file name in MODELS_DIR. Unset: the first text model found there. */
  LLAMACPP_TEXT_MODEL: z.string().min(1).optional(),
  /** GGUF embedding model for llama.cpp: a path, or a file name in MODELS_DIR. Unset: the first embedding model found there. */
  LLAMACPP_EMBED_MODEL: z.string().min(1).optional(),
  /** When the role's Ollama server is unreachable, serve text and embed with llama.cpp if a GGUF model is available. */
  LLAMACPP_FALLBACK: z.stringbool().default(true),
  /** Text generations that llama.cpp runs at once, each with its own context of TEXT_NUM_CTX tokens. */
  LLAMACPP_SEQUENCES: positiveInt.default(2),
  /** CPU threads for llama.cpp; unset means half the logical cores, since more threads than cores slows generation sharply. */
  LLAMACPP_THREADS: positiveInt.optional(),
  /** Most tokens llama.cpp generates for one answer, letter or extraction. */
  LLAMACPP_MAX_TOKENS: positiveInt.default(2048),
  /** Seconds a llama.cpp model stays in memory with no calls before it is unloaded. */
  LLAMACPP_IDLE_SECONDS: positiveInt.default(600),

  MAX_UPLOAD_MB: positiveInt.default(50),
  MAX_PDF_PAGES: positiveInt.default(300),
  /** Largest image accepted, in megapixels (width times height). */
  MAX_IMAGE_MEGAPIXELS: positiveInt.default(60),
  /** Time limit for reading one PDF page (text layer or rendering), in milliseconds. */
  PDF_PAGE_TIMEOUT_MS: positiveInt.default(60_000),
  /** Documents processed at the same time by the in-process queue, or by each worker process. */
  DOCUMENT_CONCURRENCY: positiveInt.default(2),
  EXTRACTION_PAUSE_AFTER: z.coerce.number().int().min(0).default(3),
  EXTRACTION_PAUSE_MINUTES: positiveInt.default(15),
  /**
   * Redis for the BullMQ job queue, e.g. redis://redis:6379. When set, the web app only queues
   * documents and `npm run worker` processes run them; when unset, the app processes them itself.
   */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  /**
   * How long a worker's claim on a job lasts without renewal, in seconds. A job whose worker stopped
   * is picked up by another worker after one to two times this.
   */
  WORKER_LOCK_SECONDS: positiveInt.default(30),
  /** Address and port of a worker process's health and metrics endpoints (GET /health, GET /metrics). */
  WORKER_HOST: z.string().min(1).default('127.0.0.1'),
  WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  /** Tesseract workers kept in this process; each holds about 100 MB. */
  OCR_WORKERS: positiveInt.default(1),

  /** The address advisors use to reach the app; sign-in only accepts requests from this origin. */
  APP_URL: url.default('http://localhost:3000'),
  /** Other origins allowed to send state-changing requests, comma-separated, e.g. http://127.0.0.1:3000. */
  TRUSTED_ORIGINS: z.string().optional(),
  /**
   * Secret that signs session cookies and upload links, at least 32 characters. When unset, one is
   * generated into DATA_DIR/auth-secret at first start; every replica of a deployment needs the same one.
   */
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** The first admin, created at start only when no account exists yet. There is no default password. */
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_NAME: z.string().min(1).optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  /** How long a session lasts without activity, in hours. */
  SESSION_HOURS: positiveInt.default(8),
  /** Failed sign-ins allowed for one account in SIGN_IN_WINDOW_MINUTES, from any address. */
  SIGN_IN_MAX_ATTEMPTS: positiveInt.default(5),
  /** Sign-in requests allowed from one network address in SIGN_IN_WINDOW_MINUTES; a centre's office shares one. */
  SIGN_IN_MAX_PER_ADDRESS: positiveInt.default(50),
  SIGN_IN_WINDOW_MINUTES: positiveInt.default(15),
  /** Bearer token that Prometheus sends to GET /api/metrics; without it the endpoint is off. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** The centre's name, shown to clients on the upload page. */
  CENTRE_NAME: z.string().min(1).max(200).default('Money advice centre'),
  /** How long a client upload link stays valid, in days. */
  UPLOAD_LINK_DAYS: positiveInt.default(7),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(issues: z.core.$ZodIssue[]) {
    const lines = issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    super(`Invalid configuration in the environment:\n${lines.join('\n')}\nFix these variables (see .env.example) and start again.`);
    this.name = 'ConfigError';
  }
}

/** Parses configuration from an environment object; throws ConfigError listing every invalid variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) throw new ConfigError(result.error.issues);
  return result.data;
}

let cached: Config | undefined;

/** Returns the process configuration, validating process.env on first use. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Resolves a path inside DATA_DIR. */
export function dataPath(config: Config, ...parts: string[]): string {
  return path.resolve(config.DATA_DIR, ...parts);
}
