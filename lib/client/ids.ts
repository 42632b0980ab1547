import { z } from 'zod';

// The same check the API applies to ids in its paths, so a page can tell a mistyped or cut-off link
// from a record that is not there, without asking the server.
const uuid = z.uuid();

export function isUuid(value: string): boolean {
  return uuid.safeParse(value).success;
}
