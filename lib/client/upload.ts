import { ApiError, handleUnauthenticated, networkErrorMessage, toApiError, type RequestOptions } from './api';
import type { DocumentView } from './types';

/** The fields that every upload response contains for each queued document. */
export type UploadedDocument = Pick<DocumentView, 'id' | 'filename' | 'status'>;

/**
 * The server's response to an upload: queued documents, and rejected files each with a reason.
 * Advisor uploads return full document views; the public upload link returns id, filename and status.
 */
export type UploadResult<D extends UploadedDocument = DocumentView> = {
  documents: D[];
  rejected: { filename: string; error: { code: string; message: string; retryable: boolean } }[];
};

/** Upload limits the browser checks before sending; the server checks the bytes again and decides. */
export const uploadLimits = {
  // NOTE: mirrors the server's default MAX_UPLOAD_MB; a server configured lower still rejects with its own message.
  maxBytes: 50 * 1024 * 1024,
  mimeTypes: ['application/pdf', 'image/png', 'image/jpeg'],
  extensions: ['.pdf', '.png', '.jpg', '.jpeg'],
  accept: '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg',
};

/** Formats a byte limit in megabytes, to one decimal place unless it is whole, e.g. 52428800 → "50". */
export function formatMegabytes(bytes: number): string {
  const megabytes = bytes / 1024 / 1024;
  return Number.isInteger(megabytes) ? String(megabytes) : megabytes.toFixed(1);
}

/** Returns why the browser will not send a file, or null when it may be sent. */
export function checkFileBeforeUpload(file: File, maxBytes: number = uploadLimits.maxBytes): string | null {
  const extension = file.name.includes('.') ? file.name.slice(file.name.lastIndexOf('.')).toLowerCase() : '';
  const knownType = uploadLimits.mimeTypes.includes(file.type) || uploadLimits.extensions.includes(extension);
  // An empty browser type means "unknown", not "wrong": the server reads the bytes and decides.
  if (!knownType && file.type !== '') {
    return `"${file.name}" is not a PDF, PNG or JPEG file. Convert it to PDF and upload it again.`;
  }
  if (file.size > maxBytes) {
    const megabytes = (file.size / 1024 / 1024).toFixed(1);
    return `"${file.name}" is ${megabytes} MB; the limit is ${formatMegabytes(maxBytes)} MB. Split the PDF or scan it at a lower resolution.`;
  }
  return null;
}

/**
 * Uploads files in one multipart request with XMLHttpRequest, because fetch reports no upload
 * progress. onProgress receives the fraction of bytes sent, from 0 to 1. A 401 is handled as by
 * the other API requests: it sends the user to the sign-in page unless the options turn that off.
 */
export function uploadFiles<D extends UploadedDocument = DocumentView>(url: string, files: File[], onProgress: (fraction: number) => void, options: RequestOptions & { signal?: AbortSignal } = {}): Promise<UploadResult<D>> {
  const { signal, redirectOnUnauthenticated = true } = options;
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);

  return new Promise<UploadResult<D>>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.responseType = 'text';

    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onerror = () => reject(new ApiError('network_error', networkErrorMessage, 0, true));
    request.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    request.onload = () => {
      let body: unknown = null;
      try {
        body = request.responseText ? JSON.parse(request.responseText) : null;
      } catch {
        body = request.responseText;
      }
      if (request.status === 401 && redirectOnUnauthenticated) {
        reject(handleUnauthenticated());
        return;
      }
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve(body as UploadResult<D>);
        return;
      }
      // When every file is rejected, the server responds with an error status and lists the rejections.
      if (typeof body === 'object' && body !== null && Array.isArray((body as { rejected?: unknown }).rejected)) {
        resolve({ documents: [], rejected: (body as UploadResult<D>).rejected });
        return;
      }
      reject(toApiError(request.status, body));
    };

    signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(form);
  });
}
