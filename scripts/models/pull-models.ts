/**
 * Downloads the recommended GGUF models for the embedded llama.cpp provider into the models folder
 * (MODELS_DIR, or DATA_DIR/models), with progress. Files already there are kept.
 *
 *   npm run models:pull [-- --dir DIR] [-- --text URI] [-- --embed URI]
 *
 * URIs are node-llama-cpp model URIs ("hf:<user>/<repo>/<file>") or plain https URLs.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { getConfig } from '../../lib/config';
import { modelsDir } from '../../lib/llm/gguf-files';

/** The recommended models; README.md lists their sizes and licences. */
export const recommendedModels = {
  text: 'hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF/qwen2.5-1.5b-instruct-q4_k_m.gguf',
  embed: 'hf:nomic-ai/nomic-embed-text-v1.5-GGUF/nomic-embed-text-v1.5.Q8_0.gguf',
} as const;

const HUB_ORIGIN = 'https://huggingface.co';
const REACHABILITY_TIMEOUT_MS = 10_000;

export class PullError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PullError';
  }
}

/** Downloads each model URI into `dir` unless a file of its name is already there; returns the file paths. */
export async function pullModels(options: { dir: string; uris: string[]; showProgress?: boolean }): Promise<string[]> {
  const { createModelDownloader } = await import('node-llama-cpp');
  await fs.mkdir(options.dir, { recursive: true });

  const files: string[] = [];
  for (const uri of options.uris) {
    await checkReachable(uri, options.dir);
    try {
      const downloader = await createModelDownloader({ modelUri: uri, dirPath: options.dir, showCliProgress: options.showProgress ?? false, skipExisting: true });
      files.push(await downloader.download());
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new PullError(`Downloading ${uri} failed: ${reason}`, { cause: error });
    }
  }
  return files;
}

/**
 * Fails fast, with what to do instead, when the host of a model URI cannot be reached, because the
 * downloader itself retries a network failure for minutes.
 */
async function checkReachable(uri: string, dir: string): Promise<void> {
  const origin = uri.startsWith('hf:') ? HUB_ORIGIN : new URL(uri).origin;
  try {
    await fetch(origin, { method: 'HEAD', signal: AbortSignal.timeout(REACHABILITY_TIMEOUT_MS) });
  } catch (error) {
    throw new PullError(`Cannot reach ${origin} to download ${uri}. If this machine cannot reach the model hub, download the GGUF file elsewhere and copy it into ${dir}.`, { cause: error });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      text: { type: 'string', default: recommendedModels.text },
      embed: { type: 'string', default: recommendedModels.embed },
    },
  });
  const dir = path.resolve(values.dir ?? modelsDir(getConfig()));
  console.log(`Downloading GGUF models into ${dir}`);
  const files = await pullModels({ dir, uris: [values.text, values.embed], showProgress: process.stdout.isTTY });
  for (const file of files) console.log(`${file}  ${((await fs.stat(file)).size / 1e6).toFixed(1)} MB`);
  console.log('With no Ollama server reachable, the app now serves text and embeddings from these files.');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
