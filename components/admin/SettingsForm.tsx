'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { Card } from '@/components/ui/Card';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { Loading } from '@/components/ui/Loading';
import { Notice } from '@/components/ui/Notice';
import { sendJson } from '@/lib/client/api';
import { fetchSettings, queryKeys } from '@/lib/client/queries';
import type { CentreSettings } from '@/lib/client/types';

/** The centre's name from CENTRE_NAME, and whether it is the built-in default. */
type CentreName = { name: string; isDefaultName: boolean };

/** Renders the centre-wide settings: those admins change in the app, and the centre's name, which only the environment sets. */
export function SettingsForm({ centre }: { centre: CentreName }) {
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1>Settings</h1>
        <p className="mt-1 text-sm text-slate-600">Settings for the whole centre. Changes apply to every advisor from their next click.</p>
      </div>
      <Card title="Who sees which clients">
        <ClientVisibilitySetting />
      </Card>
      <Card title="Who erases clients">
        <ErasureSetting />
      </Card>
      <Card title="Centre name">
        <CentreNameSetting centre={centre} />
      </Card>
    </div>
  );
}

/** Shows the centre's name as clients see it. It is read-only here, because the CENTRE_NAME environment variable sets it. */
function CentreNameSetting({ centre }: { centre: CentreName }) {
  return (
    <div className="space-y-3 text-sm text-slate-700" data-testid="setting-centre-name">
      <p>
        Clients see <strong data-testid="setting-centre-name-value">{centre.name}</strong> at the top of the page their upload link opens.
      </p>
      <p>
        It is set by <code>CENTRE_NAME</code>, in the app&apos;s environment or its <code>.env</code> file, and a change takes effect when the app restarts.
      </p>
      {centre.isDefaultName && (
        <Notice tone="warning" data-testid="setting-centre-name-default">
          This is the default name. Set <code>CENTRE_NAME</code> to your centre&apos;s name, so clients can tell that the upload page is yours.
        </Notice>
      )}
    </div>
  );
}

type SwitchSettingProps = {
  setting: keyof CentreSettings;
  label: string;
  /** The sentences under the label: what each position means. */
  description: ReactNode;
  stateText: (on: boolean) => string;
  /** A warning shown while the switch is on. */
  warningWhenOn?: ReactNode;
  onSaved?: () => void;
  testId: string;
};

/** Renders one centre setting that is on or off, and saves it as soon as the admin flips it. */
function SwitchSetting({ setting, label, description, stateText, warningWhenOn, onSaved, testId }: SwitchSettingProps) {
  const queryClient = useQueryClient();
  const switchId = useId();
  const descriptionId = useId();
  const settings = useQuery({ queryKey: queryKeys.settings, queryFn: fetchSettings });
  // The position the admin chose, shown until the save ends. It is set in the change handler itself,
  // because React would otherwise put a controlled checkbox back before the mutation's state arrives.
  const [chosen, setChosen] = useState<boolean | null>(null);

  const save = useMutation({
    mutationFn: (value: boolean) => sendJson<CentreSettings>('PATCH', '/api/admin/settings', { [setting]: value }),
    onSettled: () => setChosen(null),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.settings, saved);
      onSaved?.();
    },
  });

  if (settings.isPending) return <Loading label="Loading settings…" />;
  if (settings.isError) return <ErrorMessage error={settings.error} title="The settings could not be loaded." onRetry={() => void settings.refetch()} />;

  // A failed save puts the switch back to the stored position.
  const on = chosen ?? settings.data[setting];

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
          data-testid={testId}
        />
        <div>
          <label htmlFor={switchId} className="text-sm font-semibold text-slate-900">
            {label}
          </label>
          <div id={descriptionId} className="mt-1 space-y-1 text-sm text-slate-700">
            {description}
          </div>
        </div>
      </div>
      <p className="text-sm" role="status" data-testid={`${testId}-state`}>
        {save.isPending ? 'Saving…' : stateText(on)}
      </p>
      {save.isError && <ErrorMessage error={save.error} title="The setting was not changed." />}
      {on && warningWhenOn && <Notice tone="warning">{warningWhenOn}</Notice>}
    </div>
  );
}

function ClientVisibilitySetting() {
  const queryClient = useQueryClient();
  return (
    <SwitchSetting
      setting="advisorsSeeAllClients"
      label="Advisors can see all clients"
      description={
        <>
          <p>
            <strong>Off:</strong> each advisor sees only the clients assigned to them, which includes the clients they create. Admins assign advisors on a client&apos;s page.
          </p>
          <p>
            <strong>On:</strong> every advisor sees and works on every client: their documents, debts, answers and upload links. Use this when advisors cover for one another.
          </p>
          <p>Admins always see every client. Assignments are kept either way, so turning this off again restores each advisor&apos;s own list.</p>
        </>
      }
      stateText={(on) => (on ? 'Now on: advisors see every client.' : 'Now off: advisors see only their assigned clients.')}
      warningWhenOn="Every advisor can open every client's documents while this is on. Opening a client or a document is recorded in the audit log either way."
      // The clients an advisor can open change with this setting.
      onSaved={() => void queryClient.invalidateQueries({ queryKey: queryKeys.clients })}
      testId="setting-advisors-see-all"
    />
  );
}

function ErasureSetting() {
  const queryClient = useQueryClient();
  return (
    <SwitchSetting
      setting="advisorsEraseClients"
      label="Advisors can erase their clients"
      description={
        <>
          <p>
            <strong>On:</strong> an advisor assigned to a client can erase that client, after choosing a reason and typing the client&apos;s name.
          </p>
          <p>
            <strong>Off:</strong> only admins erase clients. Advisors ask an admin, for example when the centre&apos;s data protection officer approves each erasure.
          </p>
          <p>Admins can always erase a client. Every erasure is recorded in the audit log with who did it and why.</p>
        </>
      }
      stateText={(on) => (on ? 'Now on: assigned advisors can erase their clients.' : 'Now off: only admins erase clients.')}
      // Each client's page shows whether this user may erase the client.
      onSaved={() => void queryClient.invalidateQueries({ queryKey: queryKeys.clients })}
      testId="setting-advisors-erase"
    />
  );
}
