import { z } from 'zod';
import { auditActions } from '@/lib/audit';

/** Filters of the audit log, shared by the list and the CSV export. */
export const auditFilterSchema = z.object({
  actorId: z.string().min(1).max(100).optional(),
  action: z.enum(auditActions).optional(),
  clientId: z.uuid().optional(),
  targetId: z.string().min(1).max(200).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});

export const auditPageSchema = auditFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
