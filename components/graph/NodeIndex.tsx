'use client';

import { useMemo, useState } from 'react';
import { compareForList, viewClientNames, type GraphView } from '@/lib/client/graph-view';
import type { GraphNode } from '@/lib/client/types';
import { nodeName } from '@/lib/graph/names';
import { colourOf, nodeTypeLabels } from './nodeStyles';

/**
 * Up to this many nodes the list is rendered even while folded, so the browser's find and the tests
 * reach every node. A larger list is built only when opened, because thousands of buttons slow every render.
 */
const ALWAYS_RENDERED_MAX = 500;
/** Most nodes listed at once; a search narrows the rest. */
const LISTED_MAX = 1_000;

type NodeIndexProps = {
  view: GraphView;
  /** Set when the view may hold several clients' nodes: each entry then names its client. */
  showClients: boolean;
  selectedId: string | null;
  onSelect: (id: string) => void;
};

/** Lists the drawn nodes as buttons, so every node can be reached and opened from the keyboard. */
export function NodeIndex({ view, showClients, selectedId, onSelect }: NodeIndexProps) {
  const { nodes } = view;
  const [open, setOpen] = useState(false);
  const sorted = useMemo(() => [...nodes].sort(compareForList).slice(0, LISTED_MAX), [nodes]);
  const rendered = open || nodes.length <= ALWAYS_RENDERED_MAX;
  // Two clients' debts to one creditor can have the same amount, so with several clients each entry names its client.
  const clientNames = useMemo(() => viewClientNames(view), [view]);
  const clientOf = (node: GraphNode) => (showClients && node.type !== 'Client' && node.clientId ? clientNames.get(node.clientId) : undefined);

  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer text-sm font-medium text-slate-800">All nodes as a list ({nodes.length.toLocaleString('en-GB')})</summary>
      {rendered && (
        <>
          {nodes.length > sorted.length && <p className="mt-2 text-xs text-slate-600">The first {LISTED_MAX.toLocaleString('en-GB')} by type and name. Search or filter to find the others.</p>}
          <ul className="mt-3 grid gap-1 sm:grid-cols-2" data-testid="graph-node-list">
            {sorted.map((node) => (
              <li key={node.id}>
                <button
                  type="button"
                  onClick={() => onSelect(node.id)}
                  aria-pressed={node.id === selectedId}
                  className="flex w-full items-center gap-2 rounded px-2 py-1 text-left text-sm hover:bg-slate-100 aria-pressed:bg-amber-50"
                  data-testid="graph-node-item"
                  data-node-id={node.id}
                >
                  <span aria-hidden className="inline-block size-2.5 shrink-0 rounded-full" style={{ backgroundColor: colourOf(node.type) }} />
                  <span className="truncate">{nodeName(node)}</span>
                  <span className="ml-auto shrink-0 text-xs text-slate-500">
                    {nodeTypeLabels[node.type] ?? node.type}
                    {clientOf(node) && ` · ${clientOf(node)}`}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}
