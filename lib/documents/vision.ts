/** The instruction sent with each page image to the vision model. */
export const VISION_PROMPT = [
  'Transcribe this page image into Markdown.',
  '- Copy every word, number, date, name, address, amount and reference exactly as printed, in reading order. Do not correct, summarise, translate or add anything.',
  '- Write tables as GitHub-flavoured Markdown tables and headings with #.',
  '- Where part of the page cannot be read, write [illegible].',
  '- Output only the transcription: no introduction, no comments, no code fences.',
].join('\n');

export type VisionCheck = { ok: true; markdown: string } | { ok: false; reason: 'empty' | 'looping' };

/** Fewer letters and digits than this is no transcription at all. */
const MIN_ALPHANUMERIC = 3;
/**
 * A stretch of this many words repeating with a short period is a loop: small vision models repeat a
 * line or phrase until they reach their token limit, so real loops run to hundreds of words.
 */
const LOOP_MIN_WORDS = 40;
const LOOP_MAX_PERIOD = 40;
const LOOP_MIN_REPEATS = 4;
/** A line repeated this often, and making up this share of all lines, is a loop as well. */
const REPEATED_LINE_MIN_COUNT = 6;
const REPEATED_LINE_MIN_SHARE = 0.25;

/** Cleans a vision model's output and rejects it when it contains no text or loops. */
export function checkVisionOutput(raw: string): VisionCheck {
  const markdown = cleanVisionOutput(raw);
  if (isEmptyTranscription(markdown)) return { ok: false, reason: 'empty' };
  if (isLooping(markdown)) return { ok: false, reason: 'looping' };
  return { ok: true, markdown };
}

/** Strips what models add around a transcription: a line of chatter before it, code fences, a sign-off after it. */
export function cleanVisionOutput(raw: string): string {
  const lines = raw.replace(/\r\n?/g, '\n').trim().split('\n');

  while (lines.length > 0 && (isLeadingChatter(lines[0]) || lines[0].trim() === '')) lines.shift();
  if (/^\s*```[\w-]*\s*$/.test(lines[0] ?? '')) {
    lines.shift();
    const closing = lines.findLastIndex((line) => /^\s*```\s*$/.test(line));
    if (closing >= 0) lines.splice(closing);
  }
  while (lines.length > 0 && (isTrailingChatter(lines.at(-1)!) || lines.at(-1)!.trim() === '')) lines.pop();

  return lines.join('\n').trim();
}

/** "Here is the transcription of the page:", "Sure! Below is the Markdown:", "**Transcription:**". */
function isLeadingChatter(line: string): boolean {
  const text = line.trim();
  if (text.length > 160) return false;
  if (/^\**(transcription|transcribed text|markdown)\**:?\**$/i.test(text)) return true;
  const opener = /^(sure|certainly|of course|okay|ok|here(?:'|’)?s|here is|here are|below is|the following is)\b/i.test(text);
  return opener && (/:\s*$/.test(text) || /transcri|markdown/i.test(text));
}

/** "Let me know if you need anything else.", "I hope this helps!" */
function isTrailingChatter(line: string): boolean {
  return /^(let me know|i hope (this|that) helps|feel free to|if you (need|have|would like))\b/i.test(line.trim());
}

/** Checks for output with hardly a letter or digit, or a short reply that no text was found. */
function isEmptyTranscription(markdown: string): boolean {
  const alphanumeric = markdown.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
  if (alphanumeric < MIN_ALPHANUMERIC) return true;
  const saysNoText = /\b(no (visible |legible |readable )?text|(the )?(page|image) is (blank|empty)|(cannot|can't|can not|unable to) (read|see|transcribe|make out))\b/i;
  return markdown.length < 200 && saysNoText.test(markdown);
}

/** Checks for a phrase or line repeated over and over, as small vision models write when they lose their place. */
function isLooping(markdown: string): boolean {
  // Words without a letter or digit (table pipes, rules, blanks to fill in) repeat in genuine pages.
  const words = markdown
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (hasRepeatingRun(words)) return true;

  const lines = markdown
    .split('\n')
    .map((line) => line.trim().toLowerCase())
    .filter((line) => (line.match(/[\p{L}\p{N}]/gu)?.length ?? 0) >= MIN_ALPHANUMERIC);
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
  const mostRepeated = Math.max(0, ...counts.values());
  return mostRepeated >= REPEATED_LINE_MIN_COUNT && mostRepeated >= REPEATED_LINE_MIN_SHARE * lines.length;
}

/** Returns true when some stretch of words repeats itself with a period of up to LOOP_MAX_PERIOD words. */
function hasRepeatingRun(words: string[]): boolean {
  for (let period = 1; period <= LOOP_MAX_PERIOD; period++) {
    let run = 0;
    for (let index = period; index < words.length; index++) {
      run = words[index] === words[index - period] ? run + 1 : 0;
      if (run >= LOOP_MIN_WORDS && run >= (LOOP_MIN_REPEATS - 1) * period) return true;
    }
  }
  return false;
}
