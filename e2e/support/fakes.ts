import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { ports } from '../playwright.config';

export type RecordedRequest = { path: string; imageCount: number; embedPrefixes?: string[]; lastUserMessage?: string };

const fakeUrl = (role: 'text' | 'vision') => `http://127.0.0.1:${role === 'text' ? ports.text : ports.vision}`;

/** Controls one of the fake Ollama servers the app runs against, through its HTTP control endpoints. */
export function fakeModelServer(request: APIRequestContext, role: 'text' | 'vision') {
  const base = fakeUrl(role);
  return {
    reset: async () => {
      const response = await request.post(`${base}/__fake/reset`);
      if (!response.ok()) throw new Error(`resetting the fake ${role} server failed with HTTP ${response.status()}`);
    },
    setBehaviour: async (behaviour: { mode: 'normal' | 'fail' | 'empty' | 'loop' | 'invalid-json' | 'hang'; delayMs?: number; tokenDelayMs?: number }) => {
      const response = await request.post(`${base}/__fake/behaviour`, { data: behaviour });
      if (!response.ok()) throw new Error(`setting the fake ${role} server's behaviour failed with HTTP ${response.status()}`);
    },
    requests: async (): Promise<RecordedRequest[]> => (await request.get(`${base}/__fake/requests`)).json(),
  };
}

/** The shared sample documents beside the repository; SAMPLES_DIR moves them. */
export const samplesDir = process.env.SAMPLES_DIR ?? path.resolve(import.meta.dirname, '../../../shared/samples');
export const sample = (relative: string) => path.join(samplesDir, relative);

/** Removes a model from a fake server, as `ollama rm` would. */
export async function removeFakeModel(request: APIRequestContext, role: 'text' | 'vision', model: string): Promise<void> {
  const response = await request.delete(`${fakeUrl(role)}/api/delete`, { data: { model } });
  if (!response.ok()) throw new Error(`removing ${model} from the fake ${role} server failed with HTTP ${response.status()}`);
}

/** Creates a client through the API and returns its id. */
export async function createClientByApi(request: APIRequestContext, name: string): Promise<string> {
  const response = await request.post('/api/clients', { data: { name } });
  if (response.status() !== 201) throw new Error(`creating a client failed with HTTP ${response.status()}`);
  return (await response.json()).id;
}

/** Uploads PDFs through the API one at a time, in order, waits until each is processed and returns their ids. */
export async function uploadPdfsInOrder(request: APIRequestContext, clientId: string, files: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const file of files) {
    const response = await request.post(`/api/clients/${clientId}/documents`, { multipart: { file: { name: path.basename(file), mimeType: 'application/pdf', buffer: fs.readFileSync(file) } } });
    if (response.status() !== 202) throw new Error(`uploading ${path.basename(file)} failed with HTTP ${response.status()}`);
    const [id] = (await response.json()).ids as string[];
    const events = await (await request.get(`/api/documents/${id}/events`)).text();
    if (!events.includes('"status":"ready"')) throw new Error(`${path.basename(file)} did not become ready: ${events.slice(-300)}`);
    ids.push(id);
  }
  return ids;
}
