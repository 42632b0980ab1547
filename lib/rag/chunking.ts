export type PageMarkdown = { pageNumber: number; markdown: string };
export type TextChunk = { pageNumber: number; chunkIndex: number; text: string };

/**
 * Longest chunk in characters. About 400 tokens for English prose at roughly 4 characters a token
 * (an estimate), well inside nomic-embed-text's 2,048-token window and small enough to cite a page.
 */
export const MAX_CHUNK_CHARS = 1600;
const OVERLAP_CHARS = 200;

/**
 * Splits each page into chunks at paragraph boundaries. Chunks never cross pages, so every chunk
 * cites exactly one page; a paragraph longer than the limit is cut at sentence or word boundaries.
 */
export function chunkPages(pages: PageMarkdown[]): TextChunk[] {
  const result: TextChunk[] = [];
  for (const page of pages) {
    const pieces = page.markdown
      .split(/\n\s*\n/)
      .map((paragraph) => paragraph.trim())
      .filter((paragraph) => paragraph.length > 0)
      .flatMap(splitLongParagraph);

    let current = '';
    let chunkIndex = 0;
    const flush = () => {
      if (current.trim().length > 0) result.push({ pageNumber: page.pageNumber, chunkIndex: chunkIndex++, text: current.trim() });
    };
    for (const piece of pieces) {
      if (current.length > 0 && current.length + piece.length + 2 > MAX_CHUNK_CHARS) {
        flush();
        current = tail(current, OVERLAP_CHARS);
      }
      current = current.length > 0 ? `${current}\n\n${piece}` : piece;
    }
    flush();
  }
  return result;
}

function splitLongParagraph(paragraph: string): string[] {
  if (paragraph.length <= MAX_CHUNK_CHARS) return [paragraph];
  const parts: string[] = [];
  let rest = paragraph;
  while (rest.length > MAX_CHUNK_CHARS) {
    const window = rest.slice(0, MAX_CHUNK_CHARS);
    const cut = Math.max(window.lastIndexOf('. '), window.lastIndexOf('\n'), window.lastIndexOf(' '));
    const end = cut > MAX_CHUNK_CHARS / 2 ? cut + 1 : MAX_CHUNK_CHARS;
    parts.push(rest.slice(0, end).trim());
    rest = rest.slice(end).trim();
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}

/** The last `size` characters of a chunk, starting at a word boundary, carried into the next chunk. */
function tail(text: string, size: number): string {
  if (text.length <= size) return text;
  const slice = text.slice(-size);
  const space = slice.indexOf(' ');
  return space >= 0 ? slice.slice(space + 1) : slice;
}
