'use client';

import { keepPreviousData, useQueries, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import { fetchJson } from '@/lib/client/api';
import { expandUrl, graphUrl, mergeGraphs, type GraphFilters, type GraphResponse, type GraphView } from '@/lib/client/graph-view';
import { queryKeys } from '@/lib/client/queries';

export type GraphRequest = {
  filters: GraphFilters;
  /** Node cap of the base graph. */
  limit: number;
  /** A node to drill down to: the base graph is then that node and its neighbours. */
  focusId: string | null;
  /** Nodes whose neighbours are added to the view. */
  expandedIds: string[];
};

/** One expansion's result, or its error, by the id of the node expanded. */
export type Expansion = { id: string; result: GraphResponse | undefined; error: Error | null; pending: boolean };

function fetchGraph(url: string) {
  return fetchJson<GraphResponse>(url);
}

// A module function, so TanStack Query reuses the combined result while no expansion changes.
function combineExpansions(results: UseQueryResult<GraphResponse>[]) {
  return results.map((result) => ({ result: result.data, error: result.error, pending: result.isPending }));
}

/**
 * Loads the graph for the filters, the cap and the drill-down, and the neighbours of each expanded
 * node, and merges them into one view. The previous view stays on screen while a new one loads.
 */
export function useGraphView({ filters, limit, focusId, expandedIds }: GraphRequest) {
  const enabled = filters.types.length > 0;
  const base = useQuery({
    queryKey: [...queryKeys.graph, 'view', filters, limit, focusId],
    queryFn: () => fetchGraph(focusId ? expandUrl(filters, focusId, limit) : graphUrl(filters, limit)),
    enabled,
    placeholderData: keepPreviousData,
  });

  const expansionResults = useQueries({
    queries: expandedIds.map((id) => ({ queryKey: [...queryKeys.graph, 'expand', filters, id], queryFn: () => fetchGraph(expandUrl(filters, id)), enabled })),
    combine: combineExpansions,
  });
  const expansions: Expansion[] = expansionResults.map((expansion, index) => ({ id: expandedIds[index], ...expansion }));

  const view: GraphView | undefined = useMemo(() => {
    if (!base.data) return undefined;
    const parts = expansionResults.map((expansion) => expansion.result).filter((result): result is GraphResponse => result !== undefined);
    return parts.length === 0 ? base.data : mergeGraphs([base.data, ...parts]);
  }, [base.data, expansionResults]);

  return { base, view, expansions };
}
