/**
 * Returns a download file name such as "letter-jane-smith-2026-12-05.txt": a prefix, the name as a
 * safe slug, and `day` (today's date unless given).
 */
export function datedFilename(prefix: string, name: string, extension: string, day = new Date().toISOString().slice(0, 10)): string {
  const slug = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  return `${prefix}-${slug || 'client'}-${day}.${extension}`;
}
