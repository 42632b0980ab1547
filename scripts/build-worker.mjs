// @ts-check
// Compiles the worker (scripts/worker.ts and the lib code it imports) into dist/worker.mjs with
// esbuild, so a machine with production dependencies only runs it as `node dist/worker.mjs`.
// Packages stay external: they load from node_modules at run time, as they do for the web app.
import { build } from 'esbuild';

await build({
  entryPoints: ['scripts/worker.ts'],
  outfile: 'dist/worker.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'info',
});
