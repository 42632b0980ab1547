'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useCurrentUser } from '@/components/auth/CurrentUser';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { Loading } from '@/components/ui/Loading';
import { sendJson } from '@/lib/client/api';
import { roleLabels } from '@/lib/client/format';
import { fetchAdvisors, fetchClientAdvisors, queryKeys } from '@/lib/client/queries';
import type { Advisor } from '@/lib/client/types';

/** Lists the advisors assigned to a client. Admins can change the assignment. */
export function ClientAdvisors({ clientId }: { clientId: string }) {
  const isAdmin = useCurrentUser()?.role === 'admin';
  const assigned = useQuery({ queryKey: queryKeys.clientAdvisors(clientId), queryFn: () => fetchClientAdvisors(clientId) });
  const [editing, setEditing] = useState(false);

  if (assigned.isPending) return <Loading label="Loading advisors…" />;
  if (assigned.isError) return <ErrorMessage error={assigned.error} title="The assigned advisors could not be loaded." onRetry={() => void assigned.refetch()} />;

  if (editing) return <AssignmentForm clientId={clientId} assigned={assigned.data.advisors} onDone={() => setEditing(false)} />;

  return (
    <div className="space-y-3">
      {assigned.data.advisors.length === 0 ? (
        <p className="text-sm text-slate-700" data-testid="client-advisors-empty">
          No advisor is assigned. Admins see this client, and so do all advisors when the centre lets advisors see every client.
        </p>
      ) : (
        <ul className="flex flex-wrap gap-2" data-testid="client-advisors">
          {assigned.data.advisors.map((advisor) => (
            <li key={advisor.id} className="flex items-center gap-2 rounded-md border border-slate-200 px-3 py-1.5 text-sm" data-testid="client-advisor" data-advisor-id={advisor.id}>
              <span className="font-medium">{advisor.name}</span>
              <span className="text-xs text-slate-600">{advisor.email}</span>
              {advisor.role === 'admin' && <Badge tone="info">{roleLabels.admin}</Badge>}
            </li>
          ))}
        </ul>
      )}
      {isAdmin ? (
        <Button variant="secondary" size="sm" onClick={() => setEditing(true)} data-testid="client-advisors-edit">
          Change advisors…
        </Button>
      ) : (
        <p className="text-xs text-slate-600">Only an admin can change who is assigned.</p>
      )}
    </div>
  );
}

/**
 * Picks the assigned advisors from the enabled accounts. Assigned accounts that are now disabled are
 * listed too, so saving does not drop them without the admin seeing it.
 */
function AssignmentForm({ clientId, assigned, onDone }: { clientId: string; assigned: Advisor[]; onDone: () => void }) {
  const queryClient = useQueryClient();
  const advisors = useQuery({ queryKey: queryKeys.advisors, queryFn: fetchAdvisors });
  const [selected, setSelected] = useState(() => new Set(assigned.map((advisor) => advisor.id)));

  const save = useMutation({
    mutationFn: (userIds: string[]) => sendJson<{ advisors: Advisor[] }>('PUT', `/api/clients/${clientId}/advisors`, { userIds }),
    onSuccess: (result) => {
      queryClient.setQueryData(queryKeys.clientAdvisors(clientId), result);
      void queryClient.invalidateQueries({ queryKey: queryKeys.clients, exact: true });
      onDone();
    },
  });

  if (advisors.isPending) return <Loading label="Loading advisors…" />;
  if (advisors.isError) return <ErrorMessage error={advisors.error} title="The list of advisors could not be loaded." onRetry={() => void advisors.refetch()} />;

  const enabledIds = new Set(advisors.data.advisors.map((advisor) => advisor.id));
  const disabledAssigned = assigned.filter((advisor) => !enabledIds.has(advisor.id));
  const choices = [...advisors.data.advisors, ...disabledAssigned];

  function toggle(id: string, checked: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate([...selected]);
  }

  return (
    <form onSubmit={submit} className="space-y-3" data-testid="client-advisors-form">
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-800">Advisors assigned to this client</legend>
        <ul className="grid gap-1 sm:grid-cols-2">
          {choices.map((advisor) => {
            const inputId = `assign-${clientId}-${advisor.id}`;
            const disabledAccount = !enabledIds.has(advisor.id);
            return (
              <li key={advisor.id} className="flex items-start gap-2 rounded-md px-2 py-1 hover:bg-slate-50">
                <input
                  id={inputId}
                  type="checkbox"
                  checked={selected.has(advisor.id)}
                  onChange={(event) => toggle(advisor.id, event.target.checked)}
                  className="mt-0.5 size-4 accent-teal-700"
                  data-testid="client-advisor-option"
                  data-advisor-id={advisor.id}
                />
                <label htmlFor={inputId} className="text-sm">
                  <span className="font-medium">{advisor.name}</span> <span className="text-xs text-slate-600">{advisor.email}</span>
                  {advisor.role === 'admin' && <span className="text-xs text-slate-600"> · {roleLabels.admin}</span>}
                  {disabledAccount && <span className="text-xs text-red-700"> · account disabled</span>}
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
      {save.isError && <ErrorMessage error={save.error} title="The assignment was not saved." />}
      <div className="flex gap-2">
        <Button type="submit" size="sm" busy={save.isPending} data-testid="client-advisors-save">
          Save advisors
        </Button>
        <Button variant="secondary" size="sm" onClick={onDone} disabled={save.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
