import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** Returns the package an import path names: `@scope/name` or `name`. */
function packageOf(importPath: string): string {
  const parts = importPath.split('/');
  return importPath.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

// The worker image installs production dependencies only (npm ci --omit=dev) and runs
// dist/worker.mjs, so every package the bundle leaves external must be a production dependency.
test('worker bundle needs production dependencies only', async () => {
  const result = await build({
    entryPoints: [path.join(root, 'scripts/worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    metafile: true,
    outfile: path.join(root, 'dist/worker-check.mjs'),
    logLevel: 'silent',
  });
  const external = new Set(
    Object.values(result.metafile.inputs)
      .flatMap((input) => input.imports)
      .filter((imported) => imported.external)
      .map((imported) => imported.path),
  );
  const builtins = new Set(builtinModules);
  const packages = [...external].filter((name) => !name.startsWith('node:') && !builtins.has(name)).map(packageOf);
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

  expect(packages).toContain('bullmq');
  for (const name of new Set(packages)) expect(Object.keys(manifest.dependencies), `${name} is imported by the worker`).toContain(name);
});
