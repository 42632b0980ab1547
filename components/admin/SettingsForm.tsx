'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Card } from '@/components/ui/Card';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { Loading } from '@/components/ui/Loading';
import { Notice } from '@/components/ui/Notice';
import { sendJson } from '@/lib/client/api';
import { fetchSettings, queryKeys } from '@/lib/client/queries';
import type { CentreSettings } from '@/lib/client/types';

/** Renders the centre-wide settings that admins change in the app. */
export function SettingsForm() {
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1>Settings</h1>
        <p className="mt-1 text-sm text-slate-600">Settings for the whole centre. Changes apply to every advisor from their next click.</p>
      </div>
      <Card title="Who sees which clients">
        <ClientVisibilitySetting />
      </Card>
    </div>
  );
}

function ClientVisibilitySetting() {
  const queryClient = useQueryClient();
  const switchId = useId();
  const descriptionId = useId();
  const settings = useQuery({ queryKey: queryKeys.settings, queryFn: fetchSettings });
  // The position the admin chose, shown until the save ends. It is set in the change handler itself,
  // because React would otherwise put a controlled checkbox back before the mutation's state arrives.
  const [chosen, setChosen] = useState<boolean | null>(null);

  const save = useMutation({
    mutationFn: (advisorsSeeAllClients: boolean) => sendJson<CentreSettings>('PATCH', '/api/admin/settings', { advisorsSeeAllClients }),
    onSettled: () => setChosen(null),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.settings, saved);
      // The clients an advisor can open change with this setting.
      void queryClient.invalidateQueries({ queryKey: queryKeys.clients });
    },
  });

  if (settings.isPending) return <Loading label="Loading settings…" />;
  if (settings.isError) return <ErrorMessage error={settings.error} title="The settings could not be loaded." onRetry={() => void settings.refetch()} />;

  // A failed save puts the switch back to the stored position.
  const on = chosen ?? settings.data.advisorsSeeAllClients;
  let stateText = on ? 'Now on: advisors see every client.' : 'Now off: advisors see only their assigned clients.';
  if (save.isPending) stateText = 'Saving…';

  return (
    <div className="space-y-4">
      <div className="flex items-start gap-3">
        <input
          id={switchId}
          type="checkbox"
          role="switch"
          checked={on}
          disabled={save.isPending}
          aria-describedby={descriptionId}
          onChange={(event) => {
            setChosen(event.target.checked);
            save.mutate(event.target.checked);
          }}
          className="mt-0.5 size-5 shrink-0 accent-teal-700"
          data-testid="setting-advisors-see-all"
        />
        <div>
          <label htmlFor={switchId} className="text-sm font-semibold text-slate-900">
            Advisors can see all clients
          </label>
          <div id={descriptionId} className="mt-1 space-y-1 text-sm text-slate-700">
            <p>
              <strong>Off:</strong> each advisor sees only the clients assigned to them, which includes the clients they create. Admins assign advisors on a client&apos;s page.
            </p>
            <p>
              <strong>On:</strong> every advisor sees and works on every client: their documents, debts, answers and upload links. Use this when advisors cover for one another.
            </p>
            <p>Admins always see every client. Assignments are kept either way, so turning this off again restores each advisor&apos;s own list.</p>
          </div>
        </div>
      </div>
      <p className="text-sm" role="status" data-testid="setting-advisors-see-all-state">
        {stateText}
      </p>
      {save.isError && <ErrorMessage error={save.error} title="The setting was not changed." />}
      {on && (
        <Notice tone="warning">Every advisor can open every client&apos;s documents while this is on. Opening a client or a document is recorded in the audit log either way.</Notice>
      )}
    </div>
  );
}
