'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { useCurrentUser } from '@/components/auth/CurrentUser';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { describedBy, Field, TextInput } from '@/components/ui/Field';
import { Loading } from '@/components/ui/Loading';
import { Table } from '@/components/ui/Table';
import { postJson } from '@/lib/client/api';
import { formatDateTime, plural } from '@/lib/client/format';
import { fetchClients, queryKeys } from '@/lib/client/queries';
import type { ClientView } from '@/lib/client/types';
import { ErasedNotice } from './ErasedNotice';

/** Lists the clients and opens new cases. `erased` shows the confirmation of an erasure just made. */
export function ClientsScreen({ erased = false }: { erased?: boolean }) {
  const isAdmin = useCurrentUser()?.role === 'admin';
  return (
    <div className="space-y-6">
      <h1>Clients</h1>
      <ErasedNotice requested={erased} />
      <Card title="New client" description="Open a case for a client, then upload the documents they brought.">
        <CreateClientForm />
      </Card>
      {/* An advisor's list depends on a setting that only admins can read, so the description covers both cases. */}
      <Card
        title={isAdmin ? 'All clients' : 'Clients you can open'}
        description={isAdmin ? undefined : 'The clients assigned to you, or every client while an admin lets advisors see them all.'}
        data-testid="clients-list"
      >
        <ClientTable />
      </Card>
    </div>
  );
}

function CreateClientForm() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const nameId = useId();
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: (clientName: string) => postJson<ClientView>('/api/clients', { name: clientName }),
    onSuccess: (client) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.clients });
      router.push(`/clients/${client.id}`);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setProblem("Enter the client's name.");
      return;
    }
    setProblem(null);
    create.mutate(trimmed);
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3" noValidate data-testid="create-client-form">
      <Field id={nameId} label="Client's name" error={problem} className="w-full max-w-sm">
        <TextInput
          id={nameId}
          value={name}
          maxLength={200}
          autoComplete="off"
          onChange={(event) => setName(event.target.value)}
          {...describedBy(nameId, { error: problem })}
          data-testid="create-client-name"
        />
      </Field>
      <Button type="submit" busy={create.isPending} data-testid="create-client-submit">
        Create client
      </Button>
      {create.isError && <ErrorMessage error={create.error} className="w-full" />}
    </form>
  );
}

/** From this many clients the list offers a box to find one by name. */
const FIND_FROM = 8;

/** Tests whether every word typed appears in the client's name, ignoring case and accents. */
function nameMatches(name: string, typed: string): boolean {
  const plain = (text: string) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
  const words = plain(typed).split(/\s+/).filter(Boolean);
  return words.every((word) => plain(name).includes(word));
}

function ClientTable() {
  const isAdmin = useCurrentUser()?.role === 'admin';
  const clients = useQuery({ queryKey: queryKeys.clients, queryFn: fetchClients });
  const findId = useId();
  const [typed, setTyped] = useState('');

  if (clients.isPending) return <Loading label="Loading clients…" />;
  if (clients.isError) return <ErrorMessage error={clients.error} title="The clients could not be loaded." onRetry={() => void clients.refetch()} />;
  if (clients.data.clients.length === 0) {
    return (
      <EmptyState title="No clients to show" data-testid="clients-empty">
        {isAdmin ? 'Create the first client above.' : 'Create a client above. Clients that others created appear here once an admin assigns you to them.'}
      </EmptyState>
    );
  }

  const matching = clients.data.clients.filter((client) => nameMatches(client.name, typed));
  return (
    <>
      {clients.data.clients.length >= FIND_FROM && (
        <Field id={findId} label="Find a client" className="mb-3 max-w-sm">
          <TextInput id={findId} type="search" value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" data-testid="client-find" />
        </Field>
      )}
      {matching.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="client-find-none">
          No client&apos;s name contains &ldquo;{typed.trim()}&rdquo;.
        </p>
      ) : (
        <Table columns={['Name', 'Documents', 'Created']} data-testid="clients-table">
          {matching.map((client) => (
            <tr key={client.id} className="border-b border-slate-200" data-testid="client-row" data-client-id={client.id}>
              <td className="py-2 pr-3">
                <Link href={`/clients/${client.id}`} className="font-medium underline-offset-2 hover:underline" data-testid="client-link">
                  {client.name}
                </Link>
              </td>
              <td className="py-2 pr-3">
                <span className="flex flex-wrap items-center gap-2" data-testid="client-document-counts">
                  {plural(client.documentCount, 'document')}
                  {client.readyCount > 0 && <Badge tone="success">{client.readyCount} ready</Badge>}
                  {client.failedCount > 0 && <Badge tone="danger">{client.failedCount} failed</Badge>}
                </span>
              </td>
              <td className="py-2 whitespace-nowrap text-slate-600">{formatDateTime(client.createdAt)}</td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
