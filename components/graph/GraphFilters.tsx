'use client';

import { useId } from 'react';
import { ClientPicker } from '@/components/clients/ClientPicker';
import { Card } from '@/components/ui/Card';
import { Field, Select, TextInput } from '@/components/ui/Field';
import { nodeCaps, type PriorityFilter } from '@/lib/client/graph-view';
import type { GraphNodeType } from '@/lib/client/types';
import { graphNodeTypes } from '@/lib/graph/types';
import { nodeColours, nodeTypeLabels } from './nodeStyles';

type GraphFiltersProps = {
  clientId: string;
  onClientChange: (clientId: string) => void;
  search: string;
  onSearchChange: (search: string) => void;
  types: GraphNodeType[];
  onTypesChange: (types: GraphNodeType[]) => void;
  /** Nodes of each type in the view, shown beside each ticked type; an unticked type has none in the view, and shows no count. */
  typeCounts: Map<string, number> | null;
  priority: PriorityFilter;
  onPriorityChange: (priority: PriorityFilter) => void;
  limit: number;
  onLimitChange: (limit: number) => void;
};

/** Renders the graph's filters: client, search, node types (which are also the colour key), priority and node cap. */
export function GraphFilters(props: GraphFiltersProps) {
  const ids = { client: useId(), search: useId(), priority: useId(), limit: useId() };
  const { types, onTypesChange } = props;

  function toggleType(type: GraphNodeType, checked: boolean) {
    onTypesChange(checked ? graphNodeTypes.filter((candidate) => candidate === type || types.includes(candidate)) : types.filter((candidate) => candidate !== type));
  }

  return (
    <Card title="Show" headingLevel={2}>
      <div className="space-y-4">
        <Field id={ids.client} label="Client" hint="One client, or all your clients: creditors they share become hubs.">
          <ClientPicker id={ids.client} value={props.clientId} onChange={props.onClientChange} emptyLabel="All clients" errorTitle="The client list could not be loaded." aria-describedby={`${ids.client}-hint`} data-testid="graph-client-select" />
        </Field>

        <Field id={ids.search} label="Search" hint="Names, amounts, references or debt types such as council tax. Matches are shown with their neighbours.">
          <TextInput id={ids.search} type="search" value={props.search} onChange={(event) => props.onSearchChange(event.target.value)} aria-describedby={`${ids.search}-hint`} data-testid="graph-search" />
        </Field>

        <fieldset data-testid="graph-type-filters">
          <legend className="mb-1 text-sm font-medium text-slate-800">Types (colour key)</legend>
          <ul className="space-y-1">
            {graphNodeTypes.map((type) => (
              <li key={type}>
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={types.includes(type)} onChange={(event) => toggleType(type, event.target.checked)} className="size-4 accent-teal-700" data-testid={`graph-type-${type}`} />
                  <span aria-hidden className="inline-block size-3 rounded-full" style={{ backgroundColor: nodeColours[type] }} />
                  {nodeTypeLabels[type]}
                  {props.typeCounts && types.includes(type) && <span className="text-xs text-slate-500" data-testid={`graph-type-count-${type}`}>({(props.typeCounts.get(type) ?? 0).toLocaleString('en-GB')})</span>}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>

        <Field id={ids.priority} label="Debts">
          <Select id={ids.priority} value={props.priority} onChange={(event) => props.onPriorityChange(event.target.value as PriorityFilter)} data-testid="graph-priority-filter">
            <option value="">Priority and non-priority</option>
            <option value="priority">Priority debts only</option>
            <option value="non-priority">Non-priority debts only</option>
          </Select>
        </Field>

        <Field id={ids.limit} label="Most nodes drawn" hint="The most connected are drawn first. Larger graphs take longer to lay out.">
          <Select id={ids.limit} value={props.limit} onChange={(event) => props.onLimitChange(Number(event.target.value))} aria-describedby={`${ids.limit}-hint`} data-testid="graph-node-cap">
            {nodeCaps.map((cap) => (
              <option key={cap} value={cap}>
                {cap.toLocaleString('en-GB')}
              </option>
            ))}
          </Select>
        </Field>
      </div>
    </Card>
  );
}
