import path from 'node:path';
import { defineConfig } from '@playwright/test';

/** Fixed loopback ports of the servers the end-to-end tests start; chosen to avoid the real defaults. */
export const ports = { app: 3100, text: 11534, vision: 11535, chroma: 18400 };
const root = path.resolve(import.meta.dirname, '..');
const url = (port: number) => `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: path.join(root, 'test-results'),
  timeout: 180_000,
  expect: { timeout: 30_000 },
  // The tests share one app and its fake model servers, whose request logs they read.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never', outputFolder: path.join(root, 'playwright-report') }]],
  use: {
    baseURL: url(ports.app),
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium; Playwright must never download a browser.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: [
    {
      command: `npx tsx e2e/fake-ollama/cli.ts --port ${ports.text} --models llama3.2 --fixtures e2e/fixtures/text --name text`,
      url: `${url(ports.text)}/api/version`,
      cwd: root,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `npx tsx e2e/fake-ollama/cli.ts --port ${ports.vision} --models llava:7b,nomic-embed-text --fixtures e2e/fixtures/vision --name vision`,
      url: `${url(ports.vision)}/api/version`,
      cwd: root,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `rm -rf .data-e2e/chroma && npx chroma run --path .data-e2e/chroma --host 127.0.0.1 --port ${ports.chroma}`,
      url: `${url(ports.chroma)}/api/v2/heartbeat`,
      cwd: root,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: 'node e2e/start-app.mjs',
      url: `${url(ports.app)}/api/health`,
      cwd: root,
      reuseExistingServer: false,
      // A cold start opens the database and applies migrations; the build itself is done beforehand.
      timeout: 180_000,
      env: {
        E2E_APP_PORT: String(ports.app),
        CHROMA_URL: url(ports.chroma),
        OLLAMA_TEXT_URL: url(ports.text),
        OLLAMA_VISION_URL: url(ports.vision),
        OLLAMA_EMBED_URL: url(ports.vision),
        LOG_LEVEL: 'info',
      },
    },
  ],
});
