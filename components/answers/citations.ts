import type { Source } from '@/lib/client/types';

/** Returns the address of a cited page: the document's page view, scrolled to that page. */
export function sourceHref(source: Pick<Source, 'documentId' | 'pageNumber'>): string {
  return `/documents/${source.documentId}#page-${source.pageNumber}`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (character) => `\\${character}`);
}

function citationLink(text: string, source: Source): string {
  const title = `${source.documentName}, page ${source.pageNumber}`.replace(/["\\]/g, "'");
  return `[${escapeMarkdown(text)}](${sourceHref(source)} "${title}")`;
}

/**
 * Rewrites citation markers in generated text as markdown links to the cited pages. The prompt
 * requests numbered markers such as [2] or [1, 3]. A model sometimes cites "[file.pdf, page 2]"
 * instead, which is linked too when that file and page are among the sources. Numbers with no
 * matching passage stay as plain, escaped text.
 */
export function linkCitations(text: string, sources: Source[]): string {
  const byNumber = new Map(sources.map((source) => [source.n, source]));

  const withNamed = text.replace(/\[([^[\]\n]+?),\s*page\s+(\d+)\]/gi, (marker, name: string, page: string) => {
    const source = sources.find((candidate) => candidate.documentName === name.trim() && candidate.pageNumber === Number(page));
    return source ? citationLink(marker, source) : marker;
  });

  return withNamed.replace(/\[(\d+(?:\s*,\s*\d+)*)\](?!\()/g, (_marker, numbers: string) =>
    numbers
      .split(',')
      .map((part) => {
        const n = Number(part.trim());
        const source = byNumber.get(n);
        return source ? citationLink(`[${n}]`, source) : `\\[${n}\\]`;
      })
      .join(''),
  );
}
