import { Card } from '@/components/ui/Card';
import { priorityColours, priorityLabels, UNCLASSIFIED_DASH } from './nodeStyles';

const priorities = ['priority', 'non-priority', 'unclassified'] as const;

function LineSample({ colour, width = 3, dashed = false }: { colour: string; width?: number; dashed?: boolean }) {
  return (
    <svg aria-hidden width="28" height="10" className="shrink-0">
      <line x1="1" y1="5" x2="27" y2="5" stroke={colour} strokeWidth={width} strokeDasharray={dashed ? UNCLASSIFIED_DASH.join(' ') : undefined} />
    </svg>
  );
}

/** Explains what the colours, widths, sizes and rings on the canvas mean. */
export function GraphLegend() {
  return (
    <Card title="Reading the graph" headingLevel={2}>
      <ul className="space-y-1.5 text-sm text-slate-700" data-testid="graph-legend">
        {priorities.map((priority) => (
          <li key={priority} className="flex items-center gap-2" data-testid={`graph-legend-${priority}`}>
            <LineSample colour={priorityColours[priority]} dashed={priority === 'unclassified'} />
            {priorityLabels[priority]}
          </li>
        ))}
        <li className="flex items-center gap-2">
          <LineSample colour={priorityColours.none} width={1.5} />
          Documents, deadlines and claims
        </li>
      </ul>
      <p className="mt-3 text-xs text-slate-600">
        A debt&apos;s lines, from the client and to the creditor, are thicker the more is owed. A debt&apos;s ring has its priority colour. Larger circles have more links. A thin grey outer ring means some links are not shown: select the node and expand it. In a graph of thousands of links, lines are drawn thin until you zoom in.
      </p>
    </Card>
  );
}
