import Link from 'next/link';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { documentTypeLabel, formatDate, formatMoney } from '@/lib/client/format';
import type { Graph, GraphNode } from '@/lib/client/types';
import { colourOf, linkTypeLabel, nodeLabel, nodeTypeLabels } from './nodeStyles';

const propertyLabels: Record<string, string> = {
  amount: 'Amount',
  currency: 'Currency',
  accountReference: 'Account or reference',
  references: 'References',
  creditor: 'Creditor',
  documentType: 'Document type',
  priority: 'Priority',
  asOfDate: 'As of',
  date: 'Date',
  pageNumber: 'Page',
  mentionCount: 'Mentions',
  lockedFields: 'Corrected by an advisor',
  claimNumber: 'Claim number',
  name: 'Name',
  aliases: 'Also known as',
};

/** Properties only the app uses: the creditor's matching key. Ids are hidden by their name. */
const internalProperties = new Set(['key']);

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
  if (key === 'lockedFields' && Array.isArray(value)) return value.map((field) => (propertyLabels[field] ?? String(field)).toLowerCase()).join(', ');
  if (Array.isArray(value)) return value.join(', ');
  if (key === 'amount') return formatMoney(value as number);
  if (key === 'priority') return value === true ? 'Priority debt' : 'Non-priority debt';
  if (key === 'documentType') return documentTypeLabel(String(value));
  if (key === 'asOfDate' || key === 'date') return formatDate(String(value));
  return String(value);
}

/** Lists where a node's facts can be checked: the document page it came from, or the client's case. */
function sourceLinks(node: GraphNode): { href: string; label: string }[] {
  const { documentId, pageNumber } = node.properties;
  const links: { href: string; label: string }[] = [];
  if (typeof documentId === 'string') {
    links.push(typeof pageNumber === 'number' ? { href: `/documents/${documentId}#page-${pageNumber}`, label: `Open the document at page ${pageNumber}` } : { href: `/documents/${documentId}`, label: 'Open the document' });
  }
  if (node.type === 'Client' && node.clientId) links.push({ href: `/clients/${node.clientId}`, label: 'Open the client' });
  return links;
}

/** Shows the selected node: its properties, links to its pages and its neighbours. */
export function NodeDetails({ node, graph, onSelect, onClose }: { node: GraphNode; graph: Graph; onSelect: (id: string) => void; onClose: () => void }) {
  const byId = new Map(graph.nodes.map((candidate) => [candidate.id, candidate]));
  const neighbours = graph.links.flatMap((link) => {
    const source = String(link.source);
    const target = String(link.target);
    if (source === node.id && byId.has(target)) return [{ relation: linkTypeLabel(link.type), other: byId.get(target)!, outgoing: true }];
    if (target === node.id && byId.has(source)) return [{ relation: linkTypeLabel(link.type), other: byId.get(source)!, outgoing: false }];
    return [];
  });
  const properties = Object.entries(node.properties).filter(([key, value]) => isShown(node, key, value));
  const deadlineWhat = node.type === 'Deadline' && typeof node.properties.what === 'string' ? node.properties.what : null;

  return (
    <section aria-labelledby="node-details-heading" className="rounded-lg border border-amber-300 bg-white p-4 shadow-sm" data-testid="node-details" data-node-id={node.id}>
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <span aria-hidden className="inline-block size-3 rounded-full" style={{ backgroundColor: colourOf(node.type) }} />
          <h2 id="node-details-heading" className="text-lg font-semibold" data-testid="node-details-label">
            {nodeLabel(node)}
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

      {sourceLinks(node).length > 0 && (
        <p className="mt-2 flex flex-wrap gap-4 text-sm">
          {sourceLinks(node).map((link) => (
            <Link key={link.href} href={link.href} className="font-medium" data-testid="node-details-link">
              {link.label}
            </Link>
          ))}
        </p>
      )}

      {properties.length > 0 && (
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {properties.map(([key, value]) => (
            <div key={key} className="contents">
              <dt className="text-slate-600">{propertyLabels[key] ?? key}</dt>
              <dd className="text-slate-900">{formatProperty(key, value)}</dd>
            </div>
          ))}
        </dl>
      )}

      {neighbours.length > 0 && (
        <div className="mt-3">
          <h3 className="text-sm font-semibold text-slate-800">Connected to</h3>
          <ul className="mt-1 space-y-0.5 text-sm">
            {neighbours.map(({ relation, other, outgoing }) => (
              <li key={`${relation}-${other.id}-${outgoing}`}>
                {outgoing ? (
                  <>
                    <span className="text-slate-600">{relation}</span> <NeighbourButton node={other} onSelect={onSelect} />
                  </>
                ) : (
                  <>
                    <NeighbourButton node={other} onSelect={onSelect} /> <span className="text-slate-600">{relation} this</span>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function NeighbourButton({ node, onSelect }: { node: GraphNode; onSelect: (id: string) => void }) {
  return (
    <button type="button" className="text-teal-800 underline-offset-2 hover:underline" onClick={() => onSelect(node.id)}>
      {nodeLabel(node)}
    </button>
  );
}
