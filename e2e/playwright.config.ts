import path from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * Loopback ports of the servers the end-to-end tests start: four consecutive ports from E2E_PORT_BASE
 * (default 3100), away from the real defaults, so a second run can use another base.
 */
const portBase = Number(process.env.E2E_PORT_BASE ?? 3100);
export const ports = { app: portBase, text: portBase + 1, vision: portBase + 2, chroma: portBase + 3 };
/** Data of one run: the app's records and log, Chroma's data and saved sessions; one folder per port base. */
export const e2eDataDir = path.resolve(import.meta.dirname, '..', '.data-e2e', String(portBase));
const root = path.resolve(import.meta.dirname, '..');

/** The admin the app creates at its first start; the setup project signs in with it. */
export const e2eAdmin = { email: 'admin@centre.test', name: 'Centre Admin', password: 'e2e-admin-password-1' };
/** The bearer token the app's metrics endpoint expects in the end-to-end run. */
export const e2eMetricsToken = 'e2e-metrics-token-0123456789';
/** Browser sessions saved by the setup project, one per role. */
export const storageStates = { admin: path.join(e2eDataDir, 'admin.json'), advisor: path.join(e2eDataDir, 'advisor.json') };
const url = (port: number) => `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: '.',
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
  projects: [
    { name: 'setup', testMatch: 'auth.setup.ts' },
    { name: 'advisor', testMatch: '*.spec.ts', testIgnore: 'logs.spec.ts', dependencies: ['setup'], use: { storageState: storageStates.advisor } },
    // Runs last: searches everything the app logged during the other tests for client data.
    { name: 'logs', testMatch: 'logs.spec.ts', dependencies: ['advisor'] },
  ],
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
      command: `rm -rf ${e2eDataDir}/chroma && npx chroma run --path ${e2eDataDir}/chroma --host 127.0.0.1 --port ${ports.chroma}`,
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
        E2E_DATA_DIR: e2eDataDir,
        CHROMA_URL: url(ports.chroma),
        OLLAMA_TEXT_URL: url(ports.text),
        OLLAMA_VISION_URL: url(ports.vision),
        OLLAMA_EMBED_URL: url(ports.vision),
        APP_URL: url(ports.app),
        ADMIN_EMAIL: e2eAdmin.email,
        ADMIN_NAME: e2eAdmin.name,
        ADMIN_PASSWORD: e2eAdmin.password,
        CENTRE_NAME: 'Marrowgate Money Advice Centre',
        METRICS_TOKEN: e2eMetricsToken,
        LOG_LEVEL: 'info',
        // The fake text model has fixtures for a few letters only and returns unusable output for
        // others, as a model too small for extraction would. The tests check what happens to model
        // output, so the pause for such models stays off.
        EXTRACTION_PAUSE_AFTER: '0',
      },
    },
  ],
});
