import { estimateTokens, splitTaskPrefix } from './embedding';
import { hasFormat } from './inference-routes';
import type { RecordedRequest } from './types';

const LAST_USER_MESSAGE_LIMIT = 2000;

/** Paths whose responses Ollama streams unless the request sets stream to false. */
const STREAMING_PATHS = new Set(['/api/chat', '/api/generate', '/api/pull']);

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function messagesOf(body: Fields): Fields[] {
  return Array.isArray(body.messages) ? body.messages.filter(isRecord) : [];
}

/** Returns the images of a chat (in its messages) or of a generate call. */
function imagesOf(path: string, body: Fields): string[] {
  if (path === '/api/chat') return messagesOf(body).flatMap((message) => strings(message.images));
  if (path === '/api/generate') return strings(body.images);
  return [];
}

/** Returns what the model would read: every message of a chat, or the system text and prompt of a generate call. */
function promptTextOf(path: string, body: Fields): string | undefined {
  if (path === '/api/chat') return messagesOf(body).flatMap((message) => strings(message.content)).join('\n');
  if (path === '/api/generate') return [...strings(body.system), ...strings(body.prompt)].join('\n');
  return undefined;
}

function lastUserMessageOf(path: string, body: Fields): string | undefined {
  let text: string | undefined;
  if (path === '/api/chat') text = strings(messagesOf(body).findLast((message) => message.role === 'user')?.content)[0];
  if (path === '/api/generate') text = strings(body.prompt)[0];
  return text?.slice(0, LAST_USER_MESSAGE_LIMIT);
}

function embedInputsOf(path: string, body: Fields): string[] | undefined {
  if (path === '/api/embed') return strings(body.input);
  if (path === '/api/embeddings') return strings(body.prompt);
  return undefined;
}

/** Describes one request for the log tests read. The body may have any shape, even an invalid one. */
export function describeRequest(method: string, path: string, body: unknown): RecordedRequest {
  const fields = isRecord(body) ? body : {};
  const images = imagesOf(path, fields);
  const record: RecordedRequest = {
    at: Date.now(),
    method,
    path,
    stream: STREAMING_PATHS.has(path) && fields.stream !== false,
    hasFormat: hasFormat(fields.format),
    imageCount: images.length,
    imageBytes: images.map((image) => Buffer.byteLength(image, 'base64')),
  };

  const model = strings(fields.model)[0] || strings(fields.name)[0];
  if (model) record.model = model;

  const numCtx = isRecord(fields.options) ? fields.options.num_ctx : undefined;
  if (typeof numCtx === 'number') record.numCtx = numCtx;

  const lastUserMessage = lastUserMessageOf(path, fields);
  if (lastUserMessage !== undefined) record.lastUserMessage = lastUserMessage;

  const promptText = promptTextOf(path, fields);
  if (promptText !== undefined) record.promptTokens = estimateTokens(promptText);

  const inputs = embedInputsOf(path, fields);
  if (inputs !== undefined) {
    record.embedInputs = inputs.length;
    record.embedPrefixes = inputs.map((input) => splitTaskPrefix(input).prefix);
    record.promptTokens = inputs.reduce((sum, input) => sum + estimateTokens(input), 0);
  }
  return record;
}
