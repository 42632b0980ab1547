import { Badge } from '@/components/ui/Badge';

export function PriorityBadge({ priority }: { priority: boolean | null }) {
  if (priority === true) return <Badge tone="priority">Priority</Badge>;
  if (priority === false) return <Badge tone="neutral">Non-priority</Badge>;
  return <Badge tone="warning">Not classified</Badge>;
}
