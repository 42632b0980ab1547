'use client';

import Link from 'next/link';
import { useState } from 'react';
import { documentTypeLabel, formatDate, formatMoney, formatPence, toPence } from '@/lib/client/format';
import type { BalanceEntry, Debt, MentionView } from '@/lib/client/types';
import { TotalsChoice } from './CountInTotals';
import { DebtCorrections } from './DebtCorrections';
import { MergeWith } from './MergeWith';
import { SeparatedNotice, SeparateMention, type Separation } from './SeparateMention';

const referenceKinds: Record<string, string> = {
  account: 'account',
  'original-account': 'original account',
  claim: 'court claim',
  other: 'other',
};

/** Returns a reference as the advisor reads it: in full as printed, or "ending 9163" for a partial one. */
export function referenceText(reference: Debt['references'][number]): string {
  return reference.partial ? `ending ${reference.value}` : (reference.printed ?? reference.value);
}

function pageHref(documentId: string, pageNumber: number): string {
  return `/documents/${documentId}#page-${pageNumber}`;
}

/** Shows one debt in full: its balance over time, the letters that mention it, and the advisor's corrections. */
export function DebtDetails({ debt }: { debt: Debt }) {
  return (
    <div className="grid gap-6 xl:grid-cols-2" data-testid="debt-details">
      <div className="space-y-5">
        <BalanceHistory entries={debt.balanceHistory} />
        <TotalsChoice debt={debt} />
        <Mentions debt={debt} />
        {debt.references.length > 0 && (
          <section>
            <h3 className="text-sm font-semibold text-slate-800">References</h3>
            <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm" data-testid="debt-references">
              {debt.references.map((reference) => (
                <li key={`${reference.kind}-${reference.value}`}>
                  <span className="font-mono text-xs">{referenceText(reference)}</span> <span className="text-slate-600">({referenceKinds[reference.kind] ?? reference.kind})</span>
                </li>
              ))}
            </ul>
          </section>
        )}
        <MergeWith debt={debt} />
      </div>
      <DebtCorrections debt={debt} />
    </div>
  );
}

function BalanceHistory({ entries }: { entries: BalanceEntry[] }) {
  if (entries.length === 0) return <p className="text-sm text-slate-600">No letter gave a balance for this debt.</p>;
  return (
    <section>
      <h3 className="text-sm font-semibold text-slate-800">Balance history</h3>
      <table className="mt-1 w-full text-left text-sm" data-testid="debt-balance-history">
        <caption className="sr-only">Each balance a letter gave, oldest first</caption>
        <thead>
          <tr className="text-xs text-slate-600">
            <th scope="col" className="py-1 pr-3 font-medium">As of</th>
            <th scope="col" className="py-1 pr-3 text-right font-medium">Balance</th>
            <th scope="col" className="py-1 pr-3 text-right font-medium">Change</th>
            <th scope="col" className="py-1 font-medium">Letter</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry, index) => {
            const change = index === 0 ? null : toPence(entry.amount) - toPence(entries[index - 1].amount);
            return (
              <tr key={entry.mentionId} className="border-t border-slate-200" data-testid="debt-balance-row">
                <td className="py-1 pr-3 whitespace-nowrap">{formatDate(entry.asOfDate)}</td>
                <td className="py-1 pr-3 text-right font-medium tabular-nums" data-testid="debt-balance-amount">
                  {formatMoney(entry.amount)}
                </td>
                <td className="whitespace-nowrap py-1 pr-3 text-right tabular-nums text-slate-600">{change === null ? '' : `${change >= 0 ? '+' : '−'}${formatPence(Math.abs(change))}`}</td>
                <td className="py-1">
                  <Link href={pageHref(entry.documentId, entry.pageNumber)} data-testid="debt-balance-link">
                    {entry.documentName}, page {entry.pageNumber}
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** Summarises what one letter printed about the debt, in the letter's own names. */
function mentionSummary(mention: MentionView): string {
  const parts = [
    mention.creditor && `from ${mention.creditor}`,
    mention.originalCreditor && `originally ${mention.originalCreditor}`,
    mention.collectingAgent && `collected by ${mention.collectingAgent}`,
    mention.amount && `${formatMoney(mention.amount)}${mention.asOfDate ? ` as of ${formatDate(mention.asOfDate)}` : ''}`,
    mention.accountReference && `reference ${mention.accountReference}`,
    documentTypeLabel(mention.documentType).toLowerCase(),
  ];
  return parts.filter(Boolean).join(' · ');
}

/** Lists the letters behind a debt. With two or more, each can be separated into a debt of its own. */
function Mentions({ debt }: { debt: Debt }) {
  const [separation, setSeparation] = useState<Separation | null>(null);
  return (
    <section>
      <h3 className="text-sm font-semibold text-slate-800">Letters that mention it</h3>
      <ul className="mt-1 space-y-1.5 text-sm" data-testid="debt-mentions">
        {debt.mentions.map((mention) => (
          <li key={mention.id} className="flex flex-wrap items-start justify-between gap-x-2" data-testid="debt-mention">
            <div>
              <Link href={pageHref(mention.documentId, mention.pageNumber)} className="font-medium">
                {mention.documentName}, page {mention.pageNumber}
              </Link>
              <div className="text-xs text-slate-600">{mentionSummary(mention)}</div>
            </div>
            {debt.mentions.length > 1 && <SeparateMention debt={debt} mention={mention} onSeparated={setSeparation} />}
          </li>
        ))}
      </ul>
      {separation && <SeparatedNotice clientId={debt.clientId} separation={separation} onDone={() => setSeparation(null)} />}
    </section>
  );
}
