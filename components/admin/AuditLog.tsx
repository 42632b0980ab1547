'use client';

import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { Suspense, useId } from 'react';
import { ClientPicker } from '@/components/clients/ClientPicker';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { Field, Select, TextInput } from '@/components/ui/Field';
import { Loading } from '@/components/ui/Loading';
import { downloadFile } from '@/lib/client/download';
import { plural } from '@/lib/client/format';
import { auditExportUrl, fetchAccounts, fetchAudit, queryKeys, type AuditQuery } from '@/lib/client/queries';
import { actionLabels, shortId } from './auditLabels';
import { AuditTable } from './AuditTable';

const PAGE_SIZE = 50;

/** The filters as the address bar stores them: dates as YYYY-MM-DD in the browser's time zone, `page` from 1. */
type AuditFilters = { action: string; actorId: string; clientId: string; targetId: string; from: string; to: string; page: number };

const filterKeys = ['action', 'actorId', 'clientId', 'targetId', 'from', 'to'] as const;

function readFilters(params: URLSearchParams): AuditFilters {
  const page = Number(params.get('page'));
  return {
    action: params.get('action') ?? '',
    actorId: params.get('actorId') ?? '',
    clientId: params.get('clientId') ?? '',
    targetId: params.get('targetId') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** Turns a YYYY-MM-DD date into the ISO timestamp of its first or last millisecond in the browser's time zone. */
function dayBoundary(date: string, end: boolean): string {
  if (!date) return '';
  const [year, month, day] = date.split('-').map(Number);
  const boundary = end ? new Date(year, month - 1, day, 23, 59, 59, 999) : new Date(year, month - 1, day);
  return Number.isNaN(boundary.getTime()) ? '' : boundary.toISOString();
}

/**
 * Builds the API query. It requests one more event than a page shows, because the API returns no
 * total, so the extra event only signals whether a next page exists.
 */
function toQuery(filters: AuditFilters): AuditQuery {
  return {
    action: filters.action,
    actorId: filters.actorId,
    clientId: filters.clientId,
    targetId: filters.targetId,
    from: dayBoundary(filters.from, false),
    to: dayBoundary(filters.to, true),
    limit: PAGE_SIZE + 1,
    offset: (filters.page - 1) * PAGE_SIZE,
  };
}

/**
 * Shows the audit log, newest first, filtered by action, user, client and dates held in the address.
 * `viewRepeatMinutes` is the server's window in which repeated views are recorded once.
 */
export function AuditLog({ viewRepeatMinutes }: { viewRepeatMinutes: number }) {
  return (
    <div className="space-y-6">
      <div>
        <h1>Audit log</h1>
        <div className="mt-1 space-y-1 text-sm text-slate-600" data-testid="audit-intro">
          <p>Who viewed, uploaded, downloaded, changed or deleted what, and when. Newest first. The log holds ids and counts, never document text.</p>
          <p>
            Repeated views of the same thing by the same person within {plural(viewRepeatMinutes, 'minute')} are recorded once. Deleted documents and erased clients are shown by id,
            because their names are erased with them.
          </p>
        </div>
      </div>
      <Suspense fallback={<Loading label="Loading the audit log…" />}>
        <FilteredAuditLog />
      </Suspense>
    </div>
  );
}

function FilteredAuditLog() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = readFilters(new URLSearchParams(searchParams.toString()));
  const datesReversed = filters.from !== '' && filters.to !== '' && filters.from > filters.to;
  const query = toQuery(filters);

  const events = useQuery({
    queryKey: queryKeys.audit(query),
    queryFn: () => fetchAudit(query),
    enabled: !datesReversed,
    placeholderData: keepPreviousData,
  });

  /** Writes changed filters into the address. Any change but paging goes back to the first page. */
  function setFilters(change: Partial<AuditFilters>) {
    const next = { ...filters, ...change, page: change.page ?? 1 };
    const params = new URLSearchParams();
    for (const key of filterKeys) if (next[key]) params.set(key, next[key]);
    if (next.page > 1) params.set('page', String(next.page));
    router.replace(params.size > 0 ? `${pathname}?${params}` : pathname, { scroll: false });
  }

  const hasFilters = filterKeys.some((key) => filters[key] !== '');
  const rows = events.data?.events.slice(0, PAGE_SIZE) ?? [];
  const hasNextPage = (events.data?.events.length ?? 0) > PAGE_SIZE;
  const firstShown = (filters.page - 1) * PAGE_SIZE + 1;
  let rangeText = '';
  if (rows.length > 0) rangeText = `Events ${firstShown.toLocaleString('en-GB')} to ${(firstShown + rows.length - 1).toLocaleString('en-GB')}`;
  else if (filters.page > 1) rangeText = 'No more events.';

  return (
    <>
      <Card title="Filters" headingLevel={2}>
        <AuditFilterForm filters={filters} onChange={setFilters} />
        {filters.targetId && (
          <p className="mt-3 flex flex-wrap items-center gap-2 text-sm" data-testid="audit-target-filter">
            Only events about <span className="font-mono" title={filters.targetId}>{shortId(filters.targetId)}</span>
            <Button variant="ghost" size="sm" onClick={() => setFilters({ targetId: '' })}>
              Show all targets
            </Button>
          </p>
        )}
        {hasFilters && (
          <Button variant="secondary" size="sm" className="mt-3" onClick={() => setFilters({ action: '', actorId: '', clientId: '', targetId: '', from: '', to: '' })} data-testid="audit-clear-filters">
            Clear filters
          </Button>
        )}
        {datesReversed && <ErrorMessage className="mt-3" error="The “From” date is after the “To” date. Change one of them to see events." data-testid="audit-date-error" />}
      </Card>

      <Card title="Events" actions={<AuditExport query={query} disabled={datesReversed} />}>
        {events.isPending && !datesReversed && <Loading label="Loading events…" />}
        {events.isError && <ErrorMessage error={events.error} title="The audit log could not be loaded." onRetry={() => void events.refetch()} />}
        {events.data && (
          <div className="space-y-3" aria-busy={events.isFetching}>
            <AuditTable events={rows} filtered={hasFilters} />
            <nav aria-label="Pages of the audit log" className="flex flex-wrap items-center justify-between gap-3 text-sm">
              <p className="text-slate-600" aria-live="polite" data-testid="audit-range">
                {rangeText}
              </p>
              <div className="flex gap-2">
                <Button variant="secondary" size="sm" disabled={filters.page <= 1 || events.isFetching} onClick={() => setFilters({ page: filters.page - 1 })} data-testid="audit-previous">
                  Newer
                </Button>
                <Button variant="secondary" size="sm" disabled={!hasNextPage || events.isFetching} onClick={() => setFilters({ page: filters.page + 1 })} data-testid="audit-next">
                  Older
                </Button>
              </div>
            </nav>
          </div>
        )}
      </Card>
    </>
  );
}

/** Downloads every event matching the filters as CSV. The export is itself recorded in the log. */
function AuditExport({ query, disabled }: { query: AuditQuery; disabled: boolean }) {
  const download = useMutation({ mutationFn: () => downloadFile(auditExportUrl(query)) });
  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="secondary" size="sm" busy={download.isPending} disabled={disabled} onClick={() => download.mutate()} data-testid="audit-export">
        Download CSV
      </Button>
      {download.isError && <ErrorMessage error={download.error} title="The export could not be downloaded." data-testid="audit-export-error" />}
    </div>
  );
}

function AuditFilterForm({ filters, onChange }: { filters: AuditFilters; onChange: (change: Partial<AuditFilters>) => void }) {
  const actionId = useId();
  const actorId = useId();
  const clientId = useId();
  const fromId = useId();
  const toId = useId();
  const accounts = useQuery({ queryKey: queryKeys.accounts, queryFn: fetchAccounts });

  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5" data-testid="audit-filters">
        <Field id={actionId} label="Action">
          <Select id={actionId} value={filters.action} onChange={(event) => onChange({ action: event.target.value })} data-testid="audit-filter-action">
            <option value="">Any action</option>
            {Object.entries(actionLabels).map(([action, label]) => (
              <option key={action} value={action}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={actorId} label="Person" hint="Their actions, and events about their account such as failed sign-ins">
          <Select id={actorId} value={filters.actorId} onChange={(event) => onChange({ actorId: event.target.value })} data-testid="audit-filter-user">
            <option value="">Anyone</option>
            {accounts.data?.users.map((account) => (
              <option key={account.id} value={account.id}>
                {account.name} ({account.email})
              </option>
            ))}
          </Select>
        </Field>
        <Field id={clientId} label="Client">
          <ClientPicker id={clientId} value={filters.clientId} onChange={(id) => onChange({ clientId: id })} emptyLabel="Any client" errorTitle="The clients to filter by could not be loaded." data-testid="audit-filter-client" />
        </Field>
        <Field id={fromId} label="From">
          <TextInput id={fromId} type="date" value={filters.from} max={filters.to || undefined} onChange={(event) => onChange({ from: event.target.value })} data-testid="audit-filter-from" />
        </Field>
        <Field id={toId} label="To">
          <TextInput id={toId} type="date" value={filters.to} min={filters.from || undefined} onChange={(event) => onChange({ to: event.target.value })} data-testid="audit-filter-to" />
        </Field>
      </div>
      {accounts.isError && <ErrorMessage error={accounts.error} title="The users to filter by could not be loaded." />}
    </div>
  );
}
