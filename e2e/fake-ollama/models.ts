import { createHash } from 'node:crypto';

/** What Ollama reports about a model in /api/tags, /api/ps and /api/show. */
type ModelProfile = {
  family: string;
  families: string[];
  parameterSize: string;
  quantizationLevel: string;
  /** Size on disk in bytes: a plausible value for display, not measured. */
  size: number;
  contextLength: number;
  embeddingLength: number;
  capabilities: string[];
};

/** Profiles by model name, first match wins. The capabilities decide which calls a model accepts. */
const profiles: Array<{ pattern: RegExp; profile: ModelProfile }> = [
  {
    pattern: /^nomic-embed-text/,
    profile: {
      family: 'nomic-bert',
      families: ['nomic-bert'],
      parameterSize: '137M',
      quantizationLevel: 'F16',
      size: 274_302_450,
      contextLength: 2048,
      embeddingLength: 768,
      capabilities: ['embedding'],
    },
  },
  {
    pattern: /embed|minilm|^bge-/,
    profile: {
      family: 'bert',
      families: ['bert'],
      parameterSize: '335M',
      quantizationLevel: 'F16',
      size: 669_615_493,
      contextLength: 512,
      embeddingLength: 1024,
      capabilities: ['embedding'],
    },
  },
  {
    pattern: /^(llava|bakllava|moondream|minicpm-v|llama3\.2-vision|qwen2\.5vl|gemma3)/,
    profile: {
      family: 'llama',
      families: ['llama', 'clip'],
      parameterSize: '7B',
      quantizationLevel: 'Q4_0',
      size: 4_733_363_377,
      contextLength: 32_768,
      embeddingLength: 4096,
      capabilities: ['completion', 'vision'],
    },
  },
  {
    pattern: /^llama3\.2/,
    profile: {
      family: 'llama',
      families: ['llama'],
      parameterSize: '3.2B',
      quantizationLevel: 'Q4_K_M',
      size: 2_019_393_189,
      contextLength: 131_072,
      embeddingLength: 3072,
      capabilities: ['completion', 'tools'],
    },
  },
];

const defaultProfile: ModelProfile = {
  family: 'llama',
  families: ['llama'],
  parameterSize: '7B',
  quantizationLevel: 'Q4_0',
  size: 3_826_793_677,
  contextLength: 4096,
  embeddingLength: 4096,
  capabilities: ['completion'],
};

/** Ollama unloads an idle model after five minutes unless the request sets keep_alive. */
const KEEP_ALIVE_MS = 5 * 60 * 1000;

/** Adds the ":latest" tag to a name without a tag, as Ollama does, so "llama3.2" and "llama3.2:latest" are one model. */
export function canonicalModelName(name: string): string {
  const trimmed = name.trim();
  const lastSegment = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return lastSegment.includes(':') ? trimmed : `${trimmed}:latest`;
}

/** Ollama matches model names case-insensitively. */
function modelKey(name: string): string {
  return canonicalModelName(name).toLowerCase();
}

export function modelProfile(name: string): ModelProfile {
  const bare = name.toLowerCase().slice(name.lastIndexOf('/') + 1);
  return profiles.find(({ pattern }) => pattern.test(bare))?.profile ?? defaultProfile;
}

/** Returns a stable sha256 hex digest per model name, standing in for the manifest digest. */
export function modelDigest(name: string): string {
  return createHash('sha256').update(canonicalModelName(name)).digest('hex');
}

type InstalledModel = { name: string; modifiedAt: Date };

/** The models one fake server has, and which of them are loaded (used in the last five minutes). */
export class ModelRegistry {
  private readonly installed = new Map<string, InstalledModel>();
  private readonly loadedUntil = new Map<string, Date>();
  /** Grows on every reset, so a pull started before a reset does not add its model afterwards. */
  generation = 0;

  constructor(private readonly initialModels: string[]) {
    this.reset();
  }

  reset(): void {
    this.installed.clear();
    this.loadedUntil.clear();
    this.generation += 1;
    // Later entries get older times, so /api/tags lists the start models in the order given.
    const now = Date.now();
    this.initialModels.forEach((name, index) => this.add(name, new Date(now - index * 1000)));
  }

  find(name: string): InstalledModel | undefined {
    return this.installed.get(modelKey(name));
  }

  add(name: string, modifiedAt = new Date()): void {
    this.installed.set(modelKey(name), { name: canonicalModelName(name), modifiedAt });
  }

  remove(name: string): boolean {
    this.loadedUntil.delete(modelKey(name));
    return this.installed.delete(modelKey(name));
  }

  /** Most recently modified first, as Ollama sorts /api/tags. */
  list(): InstalledModel[] {
    return [...this.installed.values()].sort((a, b) => b.modifiedAt.getTime() - a.modifiedAt.getTime());
  }

  // NOTE: keep_alive in requests is ignored, so every model stays loaded for Ollama's default five minutes.
  markLoaded(name: string): void {
    this.loadedUntil.set(modelKey(name), new Date(Date.now() + KEEP_ALIVE_MS));
  }

  /** Loaded models with their unload time, longest remaining first, as Ollama sorts /api/ps. */
  loaded(): Array<{ model: InstalledModel; expiresAt: Date }> {
    const now = Date.now();
    const entries: Array<{ model: InstalledModel; expiresAt: Date }> = [];
    for (const [key, expiresAt] of this.loadedUntil) {
      const model = this.installed.get(key);
      if (model && expiresAt.getTime() > now) entries.push({ model, expiresAt });
    }
    return entries.sort((a, b) => b.expiresAt.getTime() - a.expiresAt.getTime());
  }
}

function modelDetails(name: string) {
  const profile = modelProfile(name);
  return {
    parent_model: '',
    format: 'gguf',
    family: profile.family,
    families: profile.families,
    parameter_size: profile.parameterSize,
    quantization_level: profile.quantizationLevel,
  };
}

/** Builds one entry of GET /api/tags. */
export function toTagsEntry(model: InstalledModel) {
  return {
    name: model.name,
    model: model.name,
    modified_at: model.modifiedAt.toISOString(),
    size: modelProfile(model.name).size,
    digest: modelDigest(model.name),
    details: modelDetails(model.name),
  };
}

/** Builds one entry of GET /api/ps. The fake runs on the CPU, so no part of a model is in VRAM. */
export function toPsEntry(model: InstalledModel, expiresAt: Date) {
  const profile = modelProfile(model.name);
  return {
    name: model.name,
    model: model.name,
    size: profile.size,
    digest: modelDigest(model.name),
    details: modelDetails(model.name),
    expires_at: expiresAt.toISOString(),
    size_vram: 0,
    context_length: profile.contextLength,
  };
}

/** Builds the body of POST /api/show. */
export function toShowResponse(model: InstalledModel) {
  const profile = modelProfile(model.name);
  const embedding = profile.capabilities.includes('embedding');
  return {
    license: '',
    modelfile: `# Modelfile generated by "ollama show"\n# To build a new Modelfile based on this, replace FROM with:\n# FROM ${model.name}\n\nFROM ${model.name}\nTEMPLATE {{ .Prompt }}\n`,
    parameters: embedding ? 'num_ctx                        2048' : 'stop                           "<|eot_id|>"',
    template: '{{ .Prompt }}',
    details: modelDetails(model.name),
    model_info: {
      'general.architecture': profile.family,
      'general.parameter_count': parameterCount(profile.parameterSize),
      [`${profile.family}.context_length`]: profile.contextLength,
      [`${profile.family}.embedding_length`]: profile.embeddingLength,
    },
    capabilities: profile.capabilities,
    modified_at: model.modifiedAt.toISOString(),
  };
}

/** Turns "3.2B" or "137M" into a parameter count. */
function parameterCount(parameterSize: string): number {
  const scale = parameterSize.endsWith('B') ? 1e9 : 1e6;
  return Math.round(Number.parseFloat(parameterSize) * scale);
}
