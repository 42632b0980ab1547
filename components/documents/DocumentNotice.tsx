'use client';

import { Notice } from '@/components/ui/Notice';
import { TechnicalDetails } from '@/components/ui/TechnicalDetails';
import { documentNotice } from '@/lib/client/document-notice';
import type { DocumentScope } from '@/lib/client/queries';
import type { DocumentView } from '@/lib/client/types';
import { ReprocessDocument } from './ReprocessDocument';

/**
 * Shows a document's warnings as one notice: the advisor's action first, the reason in plain words,
 * and the server's own warnings under "Technical details". Offers to process a ready document again.
 */
export function DocumentNotice({ document, scope, canChange }: { document: DocumentView; scope: DocumentScope; canChange: boolean }) {
  const notice = documentNotice(document.warnings, scope.kind);
  if (!notice) return null;

  return (
    <Notice tone={notice.tone} title={notice.title} data-testid="document-notice" data-tone={notice.tone}>
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
    </Notice>
  );
}
