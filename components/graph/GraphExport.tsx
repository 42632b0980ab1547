'use client';

import { useMutation } from '@tanstack/react-query';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { ErrorMessage } from '@/components/ui/ErrorMessage';
import { downloadFile } from '@/lib/client/download';
import { exportUrl, type GraphFilters } from '@/lib/client/graph-view';

type Format = 'json' | 'csv';

/** Downloads the graph under the current filters as JSON or CSV. */
export function GraphExport({ filters }: { filters: GraphFilters }) {
  const download = useMutation({
    mutationFn: (format: Format) => downloadFile(exportUrl(filters, format)),
  });
  const busy = (format: Format) => download.isPending && download.variables === format;

  return (
    <Card title="Export" headingLevel={2} description="Every node matching the filters, up to 20,000, without the node cap or expanded neighbours. The CSV is a table with one row per node, debts first, naming each node's client, creditors, documents and links. The JSON has every node and link. Each export is recorded in the audit log.">
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" size="sm" busy={busy('json')} disabled={download.isPending || filters.types.length === 0} onClick={() => download.mutate('json')} data-testid="graph-export-json">
          Download JSON
        </Button>
        <Button variant="secondary" size="sm" busy={busy('csv')} disabled={download.isPending || filters.types.length === 0} onClick={() => download.mutate('csv')} data-testid="graph-export-csv">
          Download CSV
        </Button>
      </div>
      {download.isError && <ErrorMessage error={download.error} title="The export could not be downloaded." className="mt-3" data-testid="graph-export-error" />}
    </Card>
  );
}
