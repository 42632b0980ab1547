import pino from 'pino';
import { getConfig } from './config';

/**
 * The process logger. Log ids (request, client, document, job) and shapes (counts, sizes, codes);
 * never document text, client names, addresses or amounts.
 */
export const logger = pino({
  level: getConfig().LOG_LEVEL,
  base: { service: 'rma-advisor' },
  redact: { paths: ['password', '*.password', 'authorization', '*.authorization'], censor: '[redacted]' },
});

/** Returns a child logger for one module, e.g. `moduleLogger('documents.pipeline')`. */
export function moduleLogger(module: string) {
  return logger.child({ module });
}
