import fs from 'node:fs/promises';
import path from 'node:path';
import { dataPath, type Config } from '../config';
import { moduleLogger } from '../log';

const log = moduleLogger('llm.gguf');

/** The role a GGUF file serves: chat and JSON (text), or embeddings (embed). */
export type GgufKind = 'text' | 'embed';

/** Architectures that llama.cpp runs as encoders for embeddings only. */
const EMBEDDING_ARCHITECTURES = new Set(['bert', 'nomic-bert', 'nomic-bert-moe', 'jina-bert-v2', 'jina-bert-v3', 'modern-bert', 'neo-bert', 't5encoder']);

/** Returns the folder searched for GGUF models: MODELS_DIR, or DATA_DIR/models. */
export function modelsDir(config: Config): string {
  return config.MODELS_DIR ? path.resolve(config.MODELS_DIR) : dataPath(config, 'models');
}

const kinds = new Map<string, { mtimeMs: number; kind: GgufKind | null }>();

/**
 * Reads a GGUF file's header to tell an embedding model from a text model: an encoder architecture,
 * or a pooling type in the metadata, means embeddings. Returns null for a file that is not valid GGUF.
 * Results are cached by path and modification time, as a header read opens the file.
 */
export async function ggufKind(file: string): Promise<GgufKind | null> {
  const stat = await fs.stat(file);
  const cached = kinds.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs) return cached.kind;

  let kind: GgufKind | null;
  try {
    const { readGgufFileInfo } = await import('node-llama-cpp');
    const info = await readGgufFileInfo(file, { readTensorInfo: false, logWarnings: false });
    const architecture = String(info.metadata.general.architecture);
    const architectureMetadata = (info.metadata as unknown as Record<string, { pooling_type?: unknown } | undefined>)[architecture];
    kind = EMBEDDING_ARCHITECTURES.has(architecture) || architectureMetadata?.pooling_type !== undefined ? 'embed' : 'text';
  } catch (error) {
    log.warn({ file: path.basename(file), err: { name: (error as Error).name, message: (error as Error).message } }, 'not a readable GGUF file; skipped');
    kind = null;
  }
  kinds.set(file, { mtimeMs: stat.mtimeMs, kind });
  return kind;
}

/**
 * Returns the GGUF file for a role: the configured LLAMACPP_TEXT_MODEL or LLAMACPP_EMBED_MODEL (a
 * path, or a file name in the models folder), or else the first file of the role's kind in the
 * models folder by name. Returns null when there is none. A configured file that does not exist is
 * still returned, so that loading it names the missing path.
 */
export async function findGgufModel(config: Config, role: GgufKind): Promise<string | null> {
  const dir = modelsDir(config);
  const configured = role === 'text' ? config.LLAMACPP_TEXT_MODEL : config.LLAMACPP_EMBED_MODEL;
  if (configured) {
    const inFolder = path.resolve(dir, configured);
    if (!configured.includes('/') && (await exists(inFolder))) return inFolder;
    return path.resolve(configured);
  }

  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((name) => name.toLowerCase().endsWith('.gguf')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  for (const name of names) {
    const file = path.join(dir, name);
    if ((await ggufKind(file)) === role) return file;
  }
  return null;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
