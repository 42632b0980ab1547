// @ts-check
// Helpers for the launcher scripts: free ports, waiting for a URL, and stopping child processes.
import net from 'node:net';

/** Returns a free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Polls a URL until it answers with a status below 500 or the time runs out.
 * @param {string} url
 * @param {{ timeoutMs?: number, child?: import('node:child_process').ChildProcess, name?: string }} [options]
 */
export async function waitForUrl(url, options = {}) {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let exited = false;
  options.child?.once('exit', () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${options.name ?? 'the server'} exited before ${url} answered`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${options.name ?? 'the server'} did not answer at ${url} within ${Math.round((options.timeoutMs ?? 60_000) / 1000)} s`);
}

/**
 * Returns whether a URL answers at all within two seconds.
 * @param {string} url
 */
export async function answers(url) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops a child process: SIGTERM, then SIGKILL after a grace period.
 * @param {import('node:child_process').ChildProcess | undefined} child
 */
export async function stopProcess(child, graceMs = 5_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
