'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { AskPanel } from '@/components/answers/AskPanel';
import { useCurrentUser } from '@/components/auth/CurrentUser';
import { DebtTable } from '@/components/debts/DebtTable';
import { MergeProposals } from '@/components/debts/MergeProposals';
import { DocumentList } from '@/components/documents/DocumentList';
import { RecordLoadError } from '@/components/RecordUnavailable';
import { UploadZone } from '@/components/documents/UploadZone';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { Loading } from '@/components/ui/Loading';
import { deleteResource } from '@/lib/client/api';
import { formatDateTime, plural } from '@/lib/client/format';
import { fetchClient, queryKeys, type DocumentScope } from '@/lib/client/queries';
import { ClientAdvisors } from './ClientAdvisors';
import { clientsAfterErasurePath, rememberErasedClient } from './ErasedNotice';
import { UploadLinks } from './UploadLinks';

const sections = [
  { id: 'documents', label: 'Documents' },
  { id: 'upload-link', label: 'Upload link' },
  { id: 'debts', label: 'Debts' },
  { id: 'ask', label: 'Ask' },
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
      </Card>

      <Card id="ask" title="Ask about this client's documents" description="Answers use only this client's documents and cite the document and page.">
        <AskPanel key={clientId} scope={scope} questionLabel="Question" placeholder="How much is owed to the council, and by when must it be paid?" />
      </Card>

      <Card id="advisors" title="Advisors" description="The advisors assigned to this client. Unless the centre lets advisors see every client, only they and admins can open this case.">
        <ClientAdvisors clientId={clientId} />
      </Card>

      <EraseClient clientId={clientId} name={name} documentCount={documentCount} />
    </div>
  );
}

function EraseClient({ clientId, name, documentCount }: { clientId: string; name: string; documentCount: number }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);

  const erase = useMutation({
    mutationFn: () => deleteResource(`/api/clients/${clientId}`),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: queryKeys.client(clientId) });
      queryClient.removeQueries({ queryKey: queryKeys.debts(clientId) });
      queryClient.removeQueries({ queryKey: queryKeys.documents({ kind: 'client', clientId }) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.clients });
      void queryClient.invalidateQueries({ queryKey: queryKeys.graph });
      rememberErasedClient(name);
      router.push(clientsAfterErasurePath);
    },
  });

  return (
    <Card id="erase" title="Erase client" className="border-red-200">
      <p className="mb-3 text-sm text-slate-700">Erasing removes everything held about this client. Use it when the case is closed and the data must go.</p>
      <Button variant="danger" onClick={() => setConfirming(true)} data-testid="erase-client">
        Erase client…
      </Button>
      <ConfirmDialog
        open={confirming}
        title={`Erase ${name}?`}
        confirmLabel="Erase everything"
        busy={erase.isPending}
        error={erase.isError ? erase.error : undefined}
        onConfirm={() => erase.mutate()}
        onCancel={() => {
          setConfirming(false);
          erase.reset();
        }}
        data-testid="erase-client-dialog"
      >
        <p>
          This permanently erases <strong>{name}</strong> and {documentCount === 0 ? 'everything found for them' : <>all {plural(documentCount, 'document')}</>}: the uploaded files and their pages, the debts found, the search index that answers are drawn from, letters written for this client and their entries in the graph.
        </p>
        <p className="font-medium">It cannot be undone.</p>
      </ConfirmDialog>
    </Card>
  );
}
