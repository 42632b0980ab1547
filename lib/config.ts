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

  MAX_UPLOAD_MB: positiveInt.default(50),
  MAX_PDF_PAGES: positiveInt.default(300),
  /** Largest image accepted, in megapixels (width times height). */
  MAX_IMAGE_MEGAPIXELS: positiveInt.default(60),
  /** Time limit for reading one PDF page (text layer or rendering), in milliseconds. */
  PDF_PAGE_TIMEOUT_MS: positiveInt.default(60_000),
  /** Documents processed at the same time by the in-process queue. */
  DOCUMENT_CONCURRENCY: positiveInt.default(2),
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
