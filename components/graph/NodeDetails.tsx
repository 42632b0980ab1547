import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { fetchJson } from '@/lib/client/api';
import { documentTypeLabel, formatDate, formatMoney, otherNames, plural } from '@/lib/client/format';
import { mergeGraphs, neighboursUrl, sourceLinks, viewClientNames, type GraphResponse, type GraphView } from '@/lib/client/graph-view';
import { queryKeys } from '@/lib/client/queries';
import type { GraphNode } from '@/lib/client/types';
import { neighbourName, nodeName, relationLabel } from '@/lib/graph/names';
import { colourOf, nodeTypeLabels } from './nodeStyles';

/** Neighbours listed before a "Show all" button, so a hub with hundreds of debts keeps the panel short. */
const NEIGHBOURS_SHOWN = 25;

const propertyLabels: Record<string, string> = {
  amount: 'Amount',
  currency: 'Currency',
  accountReference: 'Account or reference',
  references: 'References',
  creditor: 'Creditor',
  documentType: 'Type',
  priority: 'Priority',
  asOfDate: 'Balance as of',
  date: 'Date',
  mentionCount: 'Letters mentioning it',
  lockedFields: 'Corrected by an advisor',
  claimNumber: 'Claim number',
  name: 'Name',
  aliases: 'Also known as',
};

const fieldNames: Record<string, string> = {
  amount: 'amount',
  priority: 'priority',
  creditor: 'creditor',
  originalCreditor: 'original creditor',
  accountReference: 'account or reference',
  documentType: 'type',
  asOfDate: 'date of the balance',
  description: 'description',
};

/** Properties only the app uses: the creditor's matching key, and the page the links below already give. */
const internalProperties = new Set(['key', 'pageNumber']);

type PropertyValue = GraphNode['properties'][string];

/**
 * Decides whether a property is worth showing to an advisor. Ids are internal (the links below use
 * them), pounds are the default currency, and a deadline's date and description are shown above.
 */
function isShown(node: GraphNode, key: string, value: PropertyValue): boolean {
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) return false;
  if (key.endsWith('Id') || internalProperties.has(key)) return false;
  if (key === 'currency' && value === 'GBP') return false;
  if (key === 'name' && value === node.label) return false;
  if (key === 'mentionCount' && value === 1) return false;
  if (key === 'references' && Array.isArray(value) && value.length === 1 && value[0] === node.properties.accountReference) return false;
  if (node.type === 'Deadline' && (key === 'date' || key === 'what')) return false;
  return true;
}

function formatProperty(key: string, value: PropertyValue): string {
  if (value === null || value === '') return '—';
  if (key === 'lockedFields' && Array.isArray(value)) return value.map((field) => fieldNames[String(field)] ?? String(field)).join(', ');
  if (Array.isArray(value)) return value.join(', ');
  if (key === 'amount') return formatMoney(value as number);
  if (key === 'priority') return value === true ? 'Priority debt' : 'Non-priority debt';
  if (key === 'documentType') return documentTypeLabel(String(value));
  if (key === 'asOfDate' || key === 'date') return formatDate(String(value));
  return String(value);
}

/** A neighbour under the heading of its relationship, as seen from the selected node; `drawn` when it is on the canvas. */
type Neighbour = { relation: string; other: GraphNode; drawn: boolean };

function neighboursOf(node: GraphNode, known: GraphView, drawnIds: Set<string>): Neighbour[] {
  const byId = new Map(known.nodes.map((candidate) => [candidate.id, candidate]));
  return known.links.flatMap((link): Neighbour[] => {
    if (link.source !== node.id && link.target !== node.id) return [];
    const end = link.source === node.id ? 'source' : 'target';
    const other = byId.get(end === 'source' ? link.target : link.source);
    if (!other) return [];
    return [{ relation: relationLabel(link.type, end), other, drawn: drawnIds.has(other.id) }];
  });
}

/** Groups neighbours under their relationship's heading, in the order the headings first appear. */
function byRelation(neighbours: Neighbour[]): [string, Neighbour[]][] {
  const groups = new Map<string, Neighbour[]>();
  for (const neighbour of neighbours) groups.set(neighbour.relation, [...(groups.get(neighbour.relation) ?? []), neighbour]);
  return [...groups];
}

/**
 * Loads every neighbour of a debt when the view leaves some out, so the panel can name the debt's
 * client and the documents it is mentioned in. A debt has a few neighbours, unlike a creditor hub.
 */
function useDebtNeighbours(node: GraphNode, hiddenLinks: number) {
  return useQuery({
    queryKey: [...queryKeys.graph, 'neighbours', node.id],
    queryFn: () => fetchJson<GraphResponse>(neighboursUrl(node.id, node.clientId)),
    enabled: node.type === 'Debt' && hiddenLinks > 0,
  });
}

type NodeDetailsProps = {
  node: GraphNode;
  view: GraphView;
  /** Links of the node that the view leaves out. */
  hiddenLinks: number;
  onSelect: (id: string) => void;
  onClose: () => void;
  onExpand: () => void;
  expanding: boolean;
  /** Shown when the view is not already this node's neighbourhood. */
  onFocus: (() => void) | null;
};

/** Shows the selected node: its properties, the pages its facts come from, its neighbours, and expand and drill-down actions. */
export function NodeDetails({ node, view, hiddenLinks, onSelect, onClose, onExpand, expanding, onFocus }: NodeDetailsProps) {
  const [allNeighbours, setAllNeighbours] = useState(false);
  const loaded = useDebtNeighbours(node, hiddenLinks);
  const known = useMemo(() => (loaded.data ? mergeGraphs([view, loaded.data]) : view), [view, loaded.data]);
  const neighbours = useMemo(() => neighboursOf(node, known, new Set(view.nodes.map((candidate) => candidate.id))), [node, known, view]);
  const sources = useMemo(() => sourceLinks(node, known), [node, known]);
  const clientNames = useMemo(() => viewClientNames(known), [known]);
  // The client is named here unless it is listed among the neighbours below.
  const clientName = node.type !== 'Client' && node.clientId ? clientNames.get(node.clientId) : undefined;
  const clientRow = clientName && !neighbours.some((neighbour) => neighbour.other.type === 'Client') ? clientName : undefined;
  const properties = Object.entries(node.properties)
    .map(([key, value]): [string, PropertyValue] => [key, key === 'aliases' && Array.isArray(value) ? otherNames(node.label, value.map(String)) : value])
    .filter(([key, value]) => isShown(node, key, value));
  const deadlineWhat = node.type === 'Deadline' && typeof node.properties.what === 'string' ? node.properties.what : null;
  const shortened = !allNeighbours && neighbours.length > NEIGHBOURS_SHOWN;
  const listed = byRelation(shortened ? neighbours.slice(0, NEIGHBOURS_SHOWN) : neighbours);
  const panel = useRef<HTMLElement>(null);

  // The panel opens below the canvas, often out of sight, so the page scrolls to it. A node picked
  // from the list below finds the panel above the view instead, and the list stays in place.
  useEffect(() => {
    if (panel.current && panel.current.getBoundingClientRect().top > window.innerHeight) panel.current.scrollIntoView({ block: 'nearest' });
  }, []);

  useEffect(() => {
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) onClose();
    };
    document.addEventListener('keydown', closeOnEscape);
    return () => document.removeEventListener('keydown', closeOnEscape);
  }, [onClose]);

  return (
    <section ref={panel} aria-labelledby="node-details-heading" className="rounded-lg border border-slate-300 bg-white p-4 shadow-sm" data-testid="node-details" data-node-id={node.id}>
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <span aria-hidden className="inline-block size-3 rounded-full" style={{ backgroundColor: colourOf(node.type) }} />
          <h2 id="node-details-heading" className="text-lg font-semibold" data-testid="node-details-label">
            {nodeName(node)}
          </h2>
          <Badge>{nodeTypeLabels[node.type] ?? node.type}</Badge>
        </div>
        <Button variant="ghost" size="sm" onClick={onClose}>
          Close
        </Button>
      </header>

      {deadlineWhat && (
        <p className="mt-2 text-sm text-slate-800" data-testid="node-details-what">
          {deadlineWhat}
        </p>
      )}

      {sources.length > 0 && (
        <div className="mt-2 text-sm">
          <h3 className="sr-only">Where this comes from</h3>
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            {sources.map((link) => (
              <li key={link.href}>
                <Link href={link.href} className="font-medium" data-testid="node-details-link">
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      {node.type === 'Debt' && node.clientId && (
        <p className="mt-1 text-sm">
          <Link href={`/clients/${node.clientId}#${node.id.replace(/^debt:/, 'debt-')}`} data-testid="node-details-debts-link">
            Check or correct it on the client&apos;s page
          </Link>
        </p>
      )}

      {loaded.isError && <ErrorMessage className="mt-2" error={loaded.error} title="The debt's client and documents could not be loaded." onRetry={() => void loaded.refetch()} />}

      {(properties.length > 0 || clientRow) && (
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {clientRow && (
            <div className="contents">
              <dt className="text-slate-600">Client</dt>
              <dd className="text-slate-900" data-testid="node-details-client">
                {clientRow}
              </dd>
            </div>
          )}
          {properties.map(([key, value]) => (
            <div key={key} className="contents">
              <dt className="text-slate-600">{propertyLabels[key] ?? key}</dt>
              <dd className="text-slate-900">{formatProperty(key, value)}</dd>
            </div>
          ))}
        </dl>
      )}

      <div className="mt-3 flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-700" data-testid="node-details-links">
          {plural(node.degree ?? neighbours.length, 'link')}
          {hiddenLinks > 0 ? `, ${hiddenLinks.toLocaleString('en-GB')} not shown` : ', all shown'}
        </span>
        <Button variant="secondary" size="sm" onClick={onExpand} busy={expanding} disabled={hiddenLinks === 0} title={hiddenLinks === 0 ? 'Every neighbour is already on the graph.' : undefined} data-testid="node-details-expand">
          Expand neighbours
        </Button>
        {onFocus && (
          <Button variant="ghost" size="sm" onClick={onFocus} data-testid="node-details-focus">
            Show only this and its neighbours
          </Button>
        )}
      </div>

      {neighbours.length > 0 && (
        <div className="mt-3">
          <h3 className="text-sm font-semibold text-slate-800">Connected to</h3>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="node-details-neighbours">
            {listed.map(([relation, items]) => (
              <div key={relation} className="contents" data-testid="node-details-relation">
                <dt className="text-slate-600">{relation}</dt>
                <dd>
                  <ul className="flex flex-wrap gap-x-3 gap-y-0.5">
                    {items.map(({ other, drawn }) => {
                      const name = neighbourName(other, node.clientId, other.clientId ? clientNames.get(other.clientId) : undefined);
                      return <li key={other.id}>{drawn ? <NeighbourButton name={name} onSelect={() => onSelect(other.id)} /> : <span title="Not drawn: expand the node to draw it.">{name} (not drawn)</span>}</li>;
                    })}
                  </ul>
                </dd>
              </div>
            ))}
          </dl>
          {shortened && (
            <Button variant="ghost" size="sm" className="mt-1" onClick={() => setAllNeighbours(true)}>
              Show all {neighbours.length.toLocaleString('en-GB')}
            </Button>
          )}
        </div>
      )}
    </section>
  );
}

function NeighbourButton({ name, onSelect }: { name: string; onSelect: () => void }) {
  return (
    <button type="button" className="text-teal-800 underline-offset-2 hover:underline" onClick={onSelect}>
      {name}
    </button>
  );
}
