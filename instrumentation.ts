/**
 * Runs once when the Next.js server starts. `next build` loads this file too; the build must not open
 * the data folder, so only a running Node.js server starts the services.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startServer } = await import('./lib/startup');
  await startServer();
}
