/**
 * Prepares a retrieved passage for the Markdown renderer. Passages are cut from pages at paragraph
 * or overlap boundaries, so one can start inside a table, with its header row and delimiter row left
 * in the previous passage. GFM reads table rows without those as plain text full of pipes. So each
 * such run of rows gets an empty header row, hidden by the compact style, and a delimiter row. A row
 * cut at the start of the passage becomes text.
 */
export function excerptMarkdown(excerpt: string): string {
  const lines = excerpt.split('\n');
  const output: string[] = [];

  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index];
    const startsRun = isTableRow(line) && !(index > 0 && isTableRow(lines[index - 1]));

    if (index === 0 && !isTableRow(line) && line.includes('|') && isTableRow(lines[1] ?? '')) {
      output.push(`…${cellsOf(line).filter(Boolean).join(' · ')}`, '');
      continue;
    }

    if (startsRun && !isDelimiterRow(lines[index + 1] ?? '')) {
      if (output.length > 0 && output[output.length - 1].trim() !== '') output.push('');
      const columns = cellsOf(line).length;
      output.push(`|${' |'.repeat(columns)}`, `|${' --- |'.repeat(columns)}`);
      // A passage that starts at the delimiter row has lost only the header, which is now added.
      if (isDelimiterRow(line)) continue;
    }
    output.push(line);
  }
  return output.join('\n');
}

function isTableRow(line: string): boolean {
  return line.trim().startsWith('|');
}

function isDelimiterRow(line: string): boolean {
  return /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line);
}

function cellsOf(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => cell.trim());
}
