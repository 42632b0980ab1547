'use client';

import { useId, useRef, useState, type DragEvent } from 'react';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { ApiError, errorMessage, type RequestOptions } from '@/lib/client/api';
import { formatBytes } from '@/lib/client/format';
import { checkFileBeforeUpload, formatMegabytes, uploadFiles, uploadLimits } from '@/lib/client/upload';

type UploadItem = {
  key: string;
  name: string;
  size: number;
  state: 'waiting' | 'uploading' | 'uploaded' | 'rejected';
  /** Fraction of bytes sent, 0 to 1. */
  progress: number;
  message: string | null;
  /** The server's error code for a rejected file, e.g. duplicate_document; null for the browser's own checks. */
  code: string | null;
  /** The id the server gave the document once it was uploaded. */
  documentId: string | null;
};

type FileUploaderProps = {
  /** The endpoint that takes multipart `file` fields. */
  url: string;
  title: string;
  /** The largest file the browser sends; the server checks again with its own limit. */
  maxBytes?: number;
  requestOptions?: RequestOptions;
  /** Called after each file's upload ends, whether it was accepted or rejected, with the new document's id when it was accepted. */
  onFileSettled?: (documentId: string | null) => void | Promise<void>;
  /** Called once every file of a drop or pick has ended. */
  onBatchSettled?: () => void;
  /**
   * The line each uploaded file's row shows. Without it, one line below the rows states that
   * processing goes on in the document list.
   */
  uploadedText?: string;
};

const PROCESSING_NOTE = 'Uploaded files are read in the document list below, which shows their progress.';

/** Files sent at the same time; each file goes in its own request so each has its own progress. */
const PARALLEL_UPLOADS = 3;

let nextKey = 0;

/**
 * Uploads several files at once from a drop zone or a file picker, showing each file's progress
 * and, for files the browser or the server rejects, the reason.
 */
export function FileUploader({ url, title, maxBytes = uploadLimits.maxBytes, requestOptions, onFileSettled, onBatchSettled, uploadedText }: FileUploaderProps) {
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const [items, setItems] = useState<UploadItem[]>([]);
  const [dragging, setDragging] = useState(false);

  const update = (key: string, change: Partial<UploadItem>) => setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));

  async function uploadOne(item: UploadItem, file: File) {
    update(item.key, { state: 'uploading' });
    let documentId: string | null = null;
    try {
      const result = await uploadFiles(url, [file], (progress) => update(item.key, { progress }), requestOptions);
      const rejection = result.rejected[0];
      documentId = rejection ? null : (result.documents[0]?.id ?? null);
      if (rejection) update(item.key, { state: 'rejected', message: rejection.error.message, code: rejection.error.code });
      else update(item.key, { state: 'uploaded', progress: 1, documentId });
    } catch (error) {
      update(item.key, { state: 'rejected', message: errorMessage(error), code: error instanceof ApiError ? error.code : null });
    }
    await onFileSettled?.(documentId);
  }

  async function addFiles(fileList: FileList | File[]) {
    const files = [...fileList];
    if (files.length === 0) return;
    const added = files.map((file): [UploadItem, File] => {
      const problem = checkFileBeforeUpload(file, maxBytes);
      const item: UploadItem = { key: `upload-${nextKey++}`, name: file.name, size: file.size, state: problem ? 'rejected' : 'waiting', progress: 0, message: problem, code: null, documentId: null };
      return [item, file];
    });
    setItems((current) => [...added.map(([item]) => item), ...current]);

    const pending = added.filter(([item]) => item.state === 'waiting');
    const workers = Array.from({ length: Math.min(PARALLEL_UPLOADS, pending.length) }, async () => {
      for (let next = pending.shift(); next; next = pending.shift()) await uploadOne(next[0], next[1]);
    });
    await Promise.all(workers);
    onBatchSettled?.();
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    void addFiles(event.dataTransfer.files);
  }

  const finished = items.some((item) => item.state === 'uploaded' || item.state === 'rejected');

  return (
    <div>
      <div
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        }}
        onDragLeave={(event) => {
          // dragleave also fires when the pointer moves onto a child element; only leaving the zone counts.
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
        className={`flex flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed px-4 py-6 text-center transition-colors ${dragging ? 'border-teal-600 bg-teal-50' : 'border-slate-300 bg-slate-50'}`}
        data-testid="upload-dropzone"
      >
        <p className="text-sm font-medium text-slate-800">{title}: choose files, or drop them here</p>
        <Button variant="secondary" onClick={() => input.current?.click()} aria-describedby={hintId}>
          Choose files…
        </Button>
        <p id={hintId} className="text-xs text-slate-600">
          PDF, PNG or JPEG, up to {formatMegabytes(maxBytes)} MB each. Several files at once are fine.
        </p>
        <input
          ref={input}
          type="file"
          multiple
          accept={uploadLimits.accept}
          className="sr-only"
          tabIndex={-1}
          aria-label="Files to upload"
          data-testid="upload-input"
          onChange={(event) => {
            const files = event.target.files ? [...event.target.files] : [];
            event.target.value = '';
            void addFiles(files);
          }}
        />
      </div>

      {items.length > 0 && (
        <div className="mt-3">
          <ul className="space-y-2" aria-label="Uploads" data-testid="upload-list">
            {items.map((item) => (
              <UploadRow key={item.key} item={item} uploadedText={uploadedText} />
            ))}
          </ul>
          {!uploadedText && items.some((item) => item.state === 'uploaded') && (
            <p className="mt-2 text-xs text-slate-600" data-testid="upload-processing-note">
              {PROCESSING_NOTE}
            </p>
          )}
          {finished && (
            <Button variant="ghost" size="sm" className="mt-2" onClick={() => setItems((current) => current.filter((item) => item.state === 'waiting' || item.state === 'uploading'))}>
              Clear finished uploads
            </Button>
          )}
        </div>
      )}
    </div>
  );
}

function UploadRow({ item, uploadedText }: { item: UploadItem; uploadedText: string | undefined }) {
  // A file already uploaded is not a fault to fix, so it gets its own label and a calmer colour.
  const duplicate = item.state === 'rejected' && item.code === 'duplicate_document';
  return (
    <li className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm" data-testid="upload-item" data-state={item.state} data-code={item.code ?? undefined} data-document-id={item.documentId ?? undefined}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="min-w-0 truncate font-medium">{item.name}</span>
        <span className="flex items-center gap-2 text-xs text-slate-600">
          {formatBytes(item.size)}
          {item.state === 'waiting' && <Badge>Waiting</Badge>}
          {item.state === 'uploading' && <Badge tone="info">Uploading</Badge>}
          {item.state === 'uploaded' && <Badge tone="success">Uploaded</Badge>}
          {item.state === 'rejected' &&
            (duplicate ? (
              <Badge tone="warning" data-testid="upload-duplicate">
                Already uploaded
              </Badge>
            ) : (
              <Badge tone="danger">Not uploaded</Badge>
            ))}
        </span>
      </div>
      {item.state === 'uploading' && (
        <ProgressBar className="mt-2" label={`Uploading ${item.name}`} value={item.progress} valueText={`${Math.round(item.progress * 100)}%`} data-testid="upload-progress" />
      )}
      {item.state === 'rejected' && item.message && (
        <p role="alert" className={`mt-1 ${duplicate ? 'text-amber-900' : 'text-red-800'}`} data-testid="upload-rejection">
          {item.message}
        </p>
      )}
      {item.state === 'uploaded' && uploadedText && <p className="mt-1 text-xs text-slate-600">{uploadedText}</p>}
    </li>
  );
}
