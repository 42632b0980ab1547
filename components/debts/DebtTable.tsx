'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Badge } from '@/components/ui/Badge';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { Loading } from '@/components/ui/Loading';
import { documentTypeLabel, formatDate, formatMoney, formatPence, plural, toPence } from '@/lib/client/format';
import { fetchDebts, queryKeys } from '@/lib/client/queries';
import type { Debt } from '@/lib/client/types';

/** Sums the amounts of each group: priority, non-priority and debts not yet classified. */
function totals(debts: Debt[]) {
  const sum = (rows: Debt[]) => rows.reduce((pence, debt) => pence + toPence(debt.amount), 0);
  return {
    priority: sum(debts.filter((debt) => debt.priority === true)),
    nonPriority: sum(debts.filter((debt) => debt.priority === false)),
    unclassified: debts.filter((debt) => debt.priority === null),
  };
}

export function PriorityBadge({ priority }: { priority: boolean | null }) {
  if (priority === true) return <Badge tone="priority">Priority</Badge>;
  if (priority === false) return <Badge tone="neutral">Non-priority</Badge>;
  return <Badge tone="warning">Not classified</Badge>;
}

export function DebtTable({ clientId }: { clientId: string }) {
  const debts = useQuery({ queryKey: queryKeys.debts(clientId), queryFn: () => fetchDebts(clientId) });

  if (debts.isPending) return <Loading label="Loading debts…" />;
  if (debts.isError) return <ErrorMessage error={debts.error} title="The debts could not be loaded." onRetry={() => void debts.refetch()} />;
  const rows = debts.data.debts;
  if (rows.length === 0) {
    return (
      <EmptyState title="No debts found yet" data-testid="debts-empty">
        Debts appear here when uploaded documents finish processing.
      </EmptyState>
    );
  }

  const sums = totals(rows);
  return (
    <div>
      <dl className="mb-4 grid gap-3 sm:grid-cols-3" data-testid="debt-totals">
        <Total label="Priority debts" value={formatPence(sums.priority)} testId="debt-total-priority" tone="text-red-800" />
        <Total label="Non-priority debts" value={formatPence(sums.nonPriority)} testId="debt-total-non-priority" tone="text-slate-900" />
        <Total label="Debts found" value={plural(rows.length, 'debt')} testId="debt-count" tone="text-slate-900" />
      </dl>
      {sums.unclassified.length > 0 && (
        <p className="mb-3 text-sm text-amber-900">
          {plural(sums.unclassified.length, 'debt')} could not be classified as priority or non-priority and {sums.unclassified.length === 1 ? 'is' : 'are'} left out of both totals. Check the document.
        </p>
      )}
      <div className="overflow-x-auto">
        <table className="w-full min-w-[56rem] border-collapse text-left text-sm" data-testid="debts-table">
          <caption className="sr-only">Debts found in this client&apos;s documents, with the page each was read from</caption>
          <thead>
            <tr className="border-b border-slate-300 text-xs uppercase tracking-wide text-slate-600">
              <th scope="col" className="py-2 pr-3 font-semibold">Creditor</th>
              <th scope="col" className="py-2 pr-3 text-right font-semibold">Amount</th>
              <th scope="col" className="py-2 pr-3 font-semibold">Account or reference</th>
              <th scope="col" className="py-2 pr-3 font-semibold">Type</th>
              <th scope="col" className="py-2 pr-3 font-semibold">As of</th>
              <th scope="col" className="py-2 pr-3 font-semibold">Deadlines</th>
              <th scope="col" className="py-2 font-semibold">Found in</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((debt) => (
              <DebtRow key={debt.id} debt={debt} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Total({ label, value, testId, tone }: { label: string; value: string; testId: string; tone: string }) {
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className={`text-lg font-semibold tabular-nums ${tone}`} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function DebtRow({ debt }: { debt: Debt }) {
  return (
    <tr className="border-b border-slate-200 align-top" data-testid="debt-row" data-debt-id={debt.id} data-priority={String(debt.priority)}>
      <td className="py-2 pr-3">
        <div className="font-medium text-slate-900" data-testid="debt-creditor">
          {debt.creditor ?? 'Unknown creditor'}
        </div>
        {debt.originalCreditor && <div className="text-xs text-slate-600">Original creditor: {debt.originalCreditor}</div>}
        {debt.collectingAgent && <div className="text-xs text-slate-600">Collecting agent: {debt.collectingAgent}</div>}
        <div className="mt-1">
          <PriorityBadge priority={debt.priority} />
        </div>
      </td>
      <td className="py-2 pr-3 text-right font-medium tabular-nums" data-testid="debt-amount">
        {formatMoney(debt.amount)}
      </td>
      <td className="py-2 pr-3 font-mono text-xs" data-testid="debt-reference">
        {debt.accountReference ?? '—'}
      </td>
      <td className="py-2 pr-3">{documentTypeLabel(debt.documentType)}</td>
      <td className="py-2 pr-3 whitespace-nowrap">{formatDate(debt.asOfDate)}</td>
      <td className="py-2 pr-3">
        {debt.deadlines.length === 0 ? (
          '—'
        ) : (
          <ul className="space-y-0.5">
            {debt.deadlines.map((deadline) => (
              <li key={`${deadline.date}-${deadline.what}`}>
                <span className="whitespace-nowrap font-medium">{formatDate(deadline.date)}</span>: {deadline.what}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td className="py-2">
        <Link href={`/documents/${debt.documentId}#page-${debt.pageNumber}`} className="underline-offset-2 hover:underline" data-testid="debt-source-link">
          {debt.documentName}, page {debt.pageNumber}
        </Link>
      </td>
    </tr>
  );
}
