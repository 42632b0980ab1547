'use client';

import { Notice } from '@/components/ui/Notice';
import { TechnicalDetails } from '@/components/ui/TechnicalDetails';
import { documentNotice } from '@/lib/client/document-notice';
import type { DocumentScope } from '@/lib/client/queries';
import type { DocumentView } from '@/lib/client/types';
import { ReprocessDocument } from './ReprocessDocument';

type DocumentNoticeProps = {
  document: DocumentView;
  scope: DocumentScope;
  canChange: boolean;
  /** In a list of documents: one line that opens to the full notice, so that many notices do not bury the list. */
  compact?: boolean;
};

/**
 * Shows a document's warnings as one notice: the advisor's action first, the reason in plain words,
 * and the server's own warnings under "Technical details". Offers to process a ready document again.
 */
export function DocumentNotice({ document, scope, canChange, compact = false }: DocumentNoticeProps) {
  const notice = documentNotice(document.warnings, scope.kind);
  if (!notice) return null;

  const body = (
    <>
      {notice.sentences.length > 0 && (
        <p className={`max-w-4xl ${notice.title ? 'mt-0.5' : ''}`} data-testid="document-notice-text">
          {notice.sentences.join(' ')}
        </p>
      )}
      <TechnicalDetails className="mt-2">
        <ul className="list-disc pl-5">
          {notice.details.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      </TechnicalDetails>
      {document.status === 'ready' && canChange && (
        <div className="mt-3">
          <ReprocessDocument document={document} scope={scope} />
        </div>
      )}
    </>
  );

  if (!compact) {
    return (
      <Notice tone={notice.tone} title={notice.title} data-testid="document-notice" data-tone={notice.tone}>
        {body}
      </Notice>
    );
  }
  const summary = notice.title ?? (notice.tone === 'info' ? 'Some features are limited for this document' : 'Read this before relying on the document');
  return (
    <Notice tone={notice.tone} className="py-2" data-testid="document-notice" data-tone={notice.tone}>
      <details open={notice.urgent}>
        <summary className="cursor-pointer font-semibold" data-testid="document-notice-summary">
          {summary}
        </summary>
        {body}
      </details>
    </Notice>
  );
}
