'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { AskPanel } from '@/components/answers/AskPanel';
import { useCurrentUser } from '@/components/auth/CurrentUser';
import { DebtTable } from '@/components/debts/DebtTable';
import { KeptApartPairs, MergeProposals } from '@/components/debts/MergeProposals';
import { DocumentList } from '@/components/documents/DocumentList';
import { RecordLoadError } from '@/components/RecordUnavailable';
import { UploadZone } from '@/components/documents/UploadZone';
import { Card } from '@/components/ui/Card';
import { Loading } from '@/components/ui/Loading';
import { formatDateTime, plural } from '@/lib/client/format';
import { fetchClient, queryKeys, type DocumentScope } from '@/lib/client/queries';
import { ClientAdvisors } from './ClientAdvisors';
import { ClientLetters } from './ClientLetters';
import { EraseClient } from './EraseClient';
import { UploadLinks } from './UploadLinks';

const sections = [
  { id: 'documents', label: 'Documents' },
  { id: 'upload-link', label: 'Upload link' },
  { id: 'debts', label: 'Debts' },
  { id: 'ask', label: 'Ask' },
  { id: 'letters', label: 'Letters' },
  { id: 'advisors', label: 'Advisors' },
  { id: 'erase', label: 'Erase client' },
];

/**
 * Shows one client's case: documents, upload links for the client, the debts found, questions about
 * the documents, the assigned advisors, and erasure.
 */
export function ClientScreen({ clientId }: { clientId: string }) {
  const isAdmin = useCurrentUser()?.role === 'admin';
  const client = useQuery({ queryKey: queryKeys.client(clientId), queryFn: () => fetchClient(clientId) });
  const scope: DocumentScope = { kind: 'client', clientId };

  if (client.isPending) return <Loading label="Loading client…" />;
  if (client.isError) return <RecordLoadError subject="client" error={client.error} onRetry={() => void client.refetch()} />;

  const { name, documentCount, readyCount, failedCount, createdAt } = client.data;
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href="/clients">Clients</Link> <span aria-hidden>/</span>
        </p>
        <h1 data-testid="client-name">{name}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {plural(documentCount, 'document')} ({readyCount} ready{failedCount > 0 ? `, ${failedCount} failed` : ''}) · created {formatDateTime(createdAt)}
        </p>
        <nav aria-label="Sections of this client" className="mt-3">
          <ul className="flex flex-wrap gap-3 text-sm">
            {sections.map((section) => (
              <li key={section.id}>
                <a href={`#${section.id}`}>{section.label}</a>
              </li>
            ))}
            {isAdmin && (
              <li>
                <Link href={`/admin/audit?clientId=${clientId}`} data-testid="client-audit-link">
                  Audit log
                </Link>
              </li>
            )}
          </ul>
        </nav>
      </div>

      <Card id="documents" title="Documents" description="Letters, statements, court forms and photos the client brought. Each is read page by page.">
        <div className="space-y-4">
          <UploadZone scope={scope} />
          <DocumentList scope={scope} emptyText="Upload the client's documents above." />
        </div>
      </Card>

      <Card id="upload-link" title="Upload link for the client" description="A link the client opens on their phone or computer to send photos or PDFs of their letters straight into this case. They need no account and see nothing else.">
        <UploadLinks clientId={clientId} clientName={name} />
      </Card>

      <Card id="debts" title="Debts" description="Found in the documents, each debt once however many letters mention it. Each figure links to the page it was read from, so you can check it; open a debt to see its balances over time and to correct it.">
        <MergeProposals clientId={clientId} />
        <DebtTable clientId={clientId} />
        <KeptApartPairs clientId={clientId} />
      </Card>

      <Card id="ask" title="Ask about this client's documents" description="Answers use only this client's documents and cite the document and page.">
        <AskPanel key={clientId} scope={scope} questionLabel="Question" placeholder="How much is owed to the council, and by when must it be paid?" />
      </Card>

      <Card id="letters" title="Letters" description="Letters written for this client on the Letters page, as the model wrote them. Edits made after writing are not kept here.">
        <ClientLetters clientId={clientId} />
      </Card>

      <Card id="advisors" title="Advisors" description="The advisors assigned to this client. Unless the centre lets advisors see every client, only they and admins can open this case.">
        <ClientAdvisors clientId={clientId} />
      </Card>

      <EraseClient clientId={clientId} name={name} documentCount={documentCount} erasure={client.data.erasure} />
    </div>
  );
}
