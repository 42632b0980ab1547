'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Fragment, useEffect, useState, useSyncExternalStore } from 'react';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { Loading } from '@/components/ui/Loading';
import { deadlineText, documentTypeLabel, formatDate, formatMoney, otherNames, plural } from '@/lib/client/format';
import { fetchDebts, queryKeys } from '@/lib/client/queries';
import type { Debt, DebtField, DebtTotals } from '@/lib/client/types';
import { ElsewhereNote } from './CountInTotals';
import { DebtDetails } from './DebtDetails';
import { LockedMark } from './LockedMark';
import { PriorityBadge } from './PriorityBadge';

const COLUMN_COUNT = 8;

/** Counts the different amounts the letters give; copies of one letter (a scan and a photo) give the same one. */
function distinctBalances(debt: Debt): number {
  return new Set(debt.balanceHistory.map((entry) => Number(entry.amount).toFixed(2))).size;
}

/** Lists the client's debts, one row per debt however many letters mention it, with totals and each debt's history and corrections. */
export function DebtTable({ clientId }: { clientId: string }) {
  const debts = useQuery({ queryKey: queryKeys.debts(clientId), queryFn: () => fetchDebts(clientId) });
  // Details the advisor opened or closed; a debt named by the address's #debt-<id> anchor (a link
  // from /graph) starts open.
  const [toggled, setToggled] = useState<Map<string, boolean>>(new Map());
  const hash = useSyncExternalStore(subscribeToHash, () => window.location.hash, () => '');
  const linkedId = hash.startsWith('#debt-') ? hash.slice('#debt-'.length) : null;
  const isOpen = (id: string) => toggled.get(id) ?? id === linkedId;
  const loaded = debts.isSuccess;

  // The browser jumps to the anchor before the list exists, so the jump is made again once it has arrived.
  useEffect(() => {
    if (loaded && (hash === '#debts' || hash.startsWith('#debt-'))) requestAnimationFrame(() => document.getElementById(hash.slice(1))?.scrollIntoView({ block: 'start' }));
  }, [loaded, hash]);

  if (debts.isPending) return <Loading label="Loading debts…" />;
  if (debts.isError) return <ErrorMessage error={debts.error} title="The debts could not be loaded." onRetry={() => void debts.refetch()} />;
  const rows = debts.data.debts;
  if (rows.length === 0) {
    return (
      <EmptyState title="No debts found yet" data-testid="debts-empty">
        Debts appear here when uploaded documents finish processing. If a document is ready and no debt appears, no sum owed could be read from it: read it
        yourself.
      </EmptyState>
    );
  }

  function toggle(id: string) {
    setToggled((current) => new Map(current).set(id, !isOpen(id)));
  }

  return (
    <div>
      <Totals clientId={clientId} debts={rows} totals={debts.data.totals} />
      {/* Long names, references and filenames wrap, so with typical letters the table fits its card from about 900 px of screen width. Narrower, this box scrolls. */}
      <div className="overflow-x-auto">
        <table className="w-full min-w-[44rem] border-collapse text-left text-sm" data-testid="debts-table">
          <caption className="sr-only">Debts found in this client&apos;s documents, each counted once, with the page of its latest balance</caption>
          <thead>
            <tr className="border-b border-slate-300 text-xs uppercase tracking-wide text-slate-600">
              <th scope="col" className="py-2 pr-3 font-semibold">Creditor</th>
              <th scope="col" className="py-2 pr-3 text-right font-semibold">Latest balance</th>
              <th scope="col" className="py-2 pr-3 font-semibold">Account or reference</th>
              <th scope="col" className="py-2 pr-3 font-semibold">Type</th>
              <th scope="col" className="py-2 pr-3 font-semibold">As of</th>
              <th scope="col" className="py-2 pr-3 font-semibold">Deadlines</th>
              {/* A set width, because filenames may break anywhere and would otherwise get a sliver of a column. */}
              <th scope="col" className="w-44 py-2 pr-3 font-semibold">Found in</th>
              <th scope="col" className="px-2 py-2 font-semibold">
                <span className="sr-only">Details and corrections</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((debt) => (
              <Fragment key={debt.id}>
                <DebtRow debt={debt} open={isOpen(debt.id)} onToggle={() => toggle(debt.id)} />
                {isOpen(debt.id) && (
                  <tr className="border-b border-slate-200 bg-slate-50/60" data-testid="debt-details-row">
                    <td colSpan={COLUMN_COUNT} className="px-3 py-4">
                      {/* A zero width that grows to the cell's keeps the details from widening the table, which would scroll it sideways. */}
                      <div id={detailsId(debt.id)} className="w-0 min-w-full">
                        <DebtDetails debt={debt} />
                      </div>
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Totals({ clientId, debts, totals }: { clientId: string; debts: Debt[]; totals: DebtTotals }) {
  return (
    <>
      <dl className="mb-4 grid gap-3 sm:grid-cols-3" data-testid="debt-totals">
        <Total label="Priority debts" value={formatMoney(totals.priority)} testId="debt-total-priority" tone={Number(totals.priority) > 0 ? 'text-red-800' : 'text-slate-900'} />
        <Total label="Non-priority debts" value={formatMoney(totals.nonPriority)} testId="debt-total-non-priority" tone="text-slate-900" />
        <Total label="Debts found" value={plural(totals.count, 'debt')} testId="debt-count" tone="text-slate-900" />
      </dl>
      <ElsewhereNote clientId={clientId} debts={debts.filter((debt) => debt.addressedTo !== null && debt.countedInTotals)} amount={totals.elsewhere.amount} />
      {totals.leftOut.count > 0 && (
        <p className="mb-3 text-sm text-slate-700" data-testid="debt-left-out-note">
          {totals.leftOut.count === 1 ? 'One debt is' : `${plural(totals.leftOut.count, 'debt')} are`} left out of the totals ({formatMoney(totals.leftOut.amount)}). Open a debt&apos;s details to count
          it again.
        </p>
      )}
      {totals.unclassifiedCount > 0 && (
        <p className="mb-3 text-sm text-amber-900" data-testid="debt-unclassified-note">
          {plural(totals.unclassifiedCount, 'debt')} {totals.unclassifiedCount === 1 ? 'has' : 'have'} no priority yet and {totals.unclassifiedCount === 1 ? 'is' : 'are'} left out of both totals. Open the debt&apos;s details to set its priority.
        </p>
      )}
    </>
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

function DebtRow({ debt, open, onToggle }: { debt: Debt; open: boolean; onToggle: () => void }) {
  const locked = (field: DebtField) => debt.lockedFields.includes(field);
  const balances = distinctBalances(debt);
  const otherLetters = new Set(debt.mentions.map((mention) => mention.documentId)).size - 1;
  const aliases = otherNames(debt.creditor, debt.creditorAliases);
  const today = new Date().toISOString().slice(0, 10);

  return (
    <tr id={`debt-${debt.id}`} className="scroll-mt-4 border-b border-slate-200 align-top" data-testid="debt-row" data-debt-id={debt.id} data-priority={String(debt.priority)} data-counted={debt.countedInTotals}>
      <td className="py-2 pr-3">
        <div className="font-medium text-slate-900">
          <span data-testid="debt-creditor">{debt.creditor ?? 'Unknown creditor'}</span>
          {locked('creditor') && <LockedMark field="creditor" />}
        </div>
        {aliases.length > 0 && (
          <div className="text-xs text-slate-600" data-testid="debt-aliases">
            Also written as {aliases.join(', ')}
          </div>
        )}
        {debt.originalCreditor && <div className="text-xs text-slate-600">Original creditor: {debt.originalCreditor}</div>}
        {debt.collectingAgent && <div className="text-xs text-slate-600">Collecting agent: {debt.collectingAgent}</div>}
        {debt.addressedTo && (
          <div className="mt-1 text-xs font-medium text-amber-900" data-testid="debt-addressed-to">
            The letter is to {debt.addressedTo}
          </div>
        )}
        {!debt.countedInTotals && (
          <div className="mt-1 text-xs font-medium text-slate-600" data-testid="debt-left-out">
            Left out of the totals
          </div>
        )}
        <div className="mt-1 flex items-center">
          <PriorityBadge priority={debt.priority} />
          {locked('priority') && <LockedMark field="priority" />}
        </div>
      </td>
      <td className="py-2 pr-3 text-right tabular-nums">
        <span className={debt.countedInTotals ? 'font-medium' : 'font-medium text-slate-500'} data-testid="debt-amount">
          {formatMoney(debt.amount)}
        </span>
        {locked('amount') && <LockedMark field="amount" />}
        {balances > 1 && (
          <div className="text-xs text-slate-600" data-testid="debt-balance-count">
            {plural(balances, 'balance')} in the letters
          </div>
        )}
      </td>
      <td className="py-2 pr-3 font-mono text-xs wrap-anywhere">
        <span data-testid="debt-reference">{debt.accountReference ?? '—'}</span>
        {locked('accountReference') && <LockedMark field="accountReference" />}
      </td>
      <td className="py-2 pr-3">
        {documentTypeLabel(debt.documentType)}
        {locked('documentType') && <LockedMark field="documentType" />}
      </td>
      <td className="py-2 pr-3 whitespace-nowrap">
        {formatDate(debt.asOfDate)}
        {locked('asOfDate') && <LockedMark field="asOfDate" />}
      </td>
      <td className="py-2 pr-3">
        {debt.deadlines.length === 0 ? (
          '—'
        ) : (
          <ul className="space-y-0.5">
            {debt.deadlines.map((deadline) => {
              const passed = deadline.date < today;
              return (
                <li key={`${deadline.date}-${deadline.what}`} className={passed ? 'text-slate-500' : undefined} data-passed={passed}>
                  <span className="whitespace-nowrap font-medium">{formatDate(deadline.date)}</span>
                  {passed && <span className="ml-1 whitespace-nowrap text-xs">(passed)</span>}
                  {deadlineText(deadline.what, deadline.date) && <>: {deadlineText(deadline.what, deadline.date)}</>}
                </li>
              );
            })}
          </ul>
        )}
      </td>
      <td className="py-2 pr-3">
        <Link href={`/documents/${debt.documentId}#page-${debt.pageNumber}`} className="underline-offset-2 wrap-anywhere hover:underline" data-testid="debt-source-link">
          {debt.documentName}, page {debt.pageNumber}
        </Link>
        {otherLetters > 0 && <div className="text-xs text-slate-600">and {plural(otherLetters, 'other letter')}</div>}
      </td>
      {/* The padding leaves room for the focus ring inside the scrolling box, which would clip it. */}
      <td className="px-2 py-2 text-right">
        <button
          type="button"
          onClick={onToggle}
          aria-expanded={open}
          aria-controls={open ? detailsId(debt.id) : undefined}
          className="inline-flex items-center gap-1 whitespace-nowrap rounded px-2 py-1 text-sm font-medium text-teal-800 hover:bg-teal-50"
          data-testid="debt-toggle"
        >
          <svg aria-hidden viewBox="0 0 16 16" className={`size-3.5 transition-transform ${open ? 'rotate-90' : ''}`} fill="currentColor">
            <path d="M6 3.5 10.5 8 6 12.5z" />
          </svg>
          Details<span className="sr-only"> and corrections for {debt.creditor ?? 'the unknown creditor'}</span>
        </button>
      </td>
    </tr>
  );
}

function detailsId(debtId: string): string {
  return `debt-details-${debtId}`;
}

function subscribeToHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}
