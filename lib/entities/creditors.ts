import { splitLines, type TextLine } from './text';
import type { PageText } from './types';

/** One printed mention of an organisation. Offsets are within its page's text. */
export type OrganisationMention = { name: string; key: string; pageNumber: number; start: number; end: number; line: number; inHeading: boolean };

/** The parties to a debt as a letter names them. */
export type Parties = {
  /** The sender, from the letterhead, the registered-office footer and the sign-off. */
  issuer: string | null;
  /** The organisation owed the money now. */
  creditor: string | null;
  /** The organisation that sold or assigned the debt, when it was sold or assigned. */
  originalCreditor: string | null;
  /** Solicitors, a collection agency or enforcement agents acting for the creditor. */
  collectingAgent: string | null;
};

const LEGAL_FORMS = new Set(['ltd', 'limited', 'plc', 'llp', 'llc', 'lp', 'cic']);
/** Last words that make a run of capitalised words an organisation's name. */
const KIND_WORDS = new Set(['council', 'bank', 'society', 'energy', 'homes', 'housing', 'association', 'trust', 'water', 'court', 'mobile', 'telecom', 'telecoms', 'finance', 'loans', 'lending', 'mortgages', 'company', 'recoveries', 'collections', 'insurance', 'utilities']);
/** Words that cannot name an organisation on their own, as in "Borough Council" or "County Court". */
const GENERIC_WORDS = new Set([
  'borough', 'city', 'county', 'district', 'town', 'parish', 'metropolitan', 'magistrates', "magistrates'", 'magistrates’', 'community', 'housing', 'home', 'homes',
  'council', 'court', 'bank', 'building', 'society', 'energy', 'water', 'mobile', 'finance', 'loans', 'tax', 'customer', 'services', 'accounts', 'team', 'debt',
  'credit', 'card', 'national', 'the', 'and', 'of', 'for', '&', 'association', 'trust', 'company', 'recoveries', 'collections', 'insurance', 'group', 'uk', 'priority',
  'free', 'independent', 'advice', 'online', 'phone', 'transfer', 'support', 'local', 'social', 'county court', 'high', 'civil',
]);
/** Words stripped from the front of a name: "Dear", "Your", titles, and labels such as "Client:". */
const LEADING_WORDS = new Set([
  'the', 'a', 'an', 'dear', 'your', 'our', 'to', 'from', 'pay', 're', 'client', 'creditor', 'original', 'mr', 'mrs', 'ms', 'miss', 'dr', 'if', 'we', 'you', 'please',
  'tel', 'at', 'by', 'on', 'in', 'for', 'with', 'of', 'and', '&', 'acting', 'solicitors', 'letter', 'before', 'claim', 'notice', 'reminder', 'important', 'when', 'as',
  'all', 'any', 'this', 'that', 'these', 'payments', 'payment', 'contact', 'call', 'write', 'account', 'accounts', 'landlord', 'lender', 'agent', 'agents', 'creditors',
]);
const CONNECTORS = new Set(['and', 'of', 'for', '&']);
const COURT_WORDS = /^(?:magistrates['’]?|county|crown|high|family|combined|justice)$/i;

/** Public bodies, found by their names and abbreviations; the key is the full name's. */
const PUBLIC_BODIES: { pattern: RegExp; canonical: string }[] = [
  { pattern: /\b(?:Department for Work (?:and|&) Pensions|DWP)\b/g, canonical: 'Department for Work and Pensions' },
  { pattern: /\b(?:(?:HM|Her Majesty's|His Majesty's) Revenue (?:and|&) Customs|HMRC)\b/g, canonical: 'HM Revenue and Customs' },
  { pattern: /\bTV Licensing\b/g, canonical: 'TV Licensing' },
  { pattern: /\b(?:Driver and Vehicle Licensing Agency|DVLA)\b/g, canonical: 'Driver and Vehicle Licensing Agency' },
  { pattern: /\bChild Maintenance Service\b/g, canonical: 'Child Maintenance Service' },
  { pattern: /\bStudent Loans Company\b/g, canonical: 'Student Loans Company' },
];

/**
 * Normalises an organisation's name for comparison: case, accents, "&" and "and", punctuation,
 * a leading "the", legal forms (Ltd, Limited, plc, LLP) and the abbreviations HMRC and DWP.
 * "Penhallow & Finch Home Shopping Ltd" and "PENHALLOW AND FINCH HOME SHOPPING LIMITED" give the same key.
 */
export function normaliseOrganisationName(name: string): string {
  let key = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the /, '');
  let previous = '';
  while (key !== previous) {
    previous = key;
    key = key.replace(/ (?:public limited company|limited liability partnership|limited|ltd|plc|llp|llc|lp|cic)$/, '');
  }
  if (key === 'hmrc' || /^(?:her|his) majestys revenue and customs$/.test(key)) return 'hm revenue and customs';
  if (key === 'dwp') return 'department for work and pensions';
  return key;
}

/** Finds the organisations named on the pages, in reading order. */
export function findOrganisations(pages: PageText[]): OrganisationMention[] {
  const mentions: OrganisationMention[] = [];
  for (const page of pages) {
    const lines = splitLines(page.text);
    lines.forEach((line, lineNumber) => {
      for (const cell of line.cells) {
        for (const found of namesInCell(page.text, cell.text, cell.start, lines[lineNumber - 1], line)) {
          mentions.push({ ...found, key: normaliseOrganisationName(found.name), pageNumber: page.pageNumber, line: lineNumber, inHeading: line.isHeading });
        }
      }
    });
    for (const body of PUBLIC_BODIES) {
      for (const match of page.text.matchAll(body.pattern)) {
        const start = match.index!;
        const lineNumber = lines.findIndex((line) => start >= line.start && start <= line.end);
        mentions.push({ name: match[0], key: normaliseOrganisationName(body.canonical), pageNumber: page.pageNumber, start, end: start + match[0].length, line: lineNumber, inHeading: lines[lineNumber]?.isHeading ?? false });
      }
    }
  }
  return mentions.sort((a, b) => a.pageNumber - b.pageNumber || a.start - b.start);
}

type Token = { text: string; start: number; end: number };

/** Finds names in one cell: runs of capitalised words ending in a legal form or a kind word. */
function namesInCell(pageText: string, cellText: string, cellStart: number, previousLine: TextLine | undefined, line: TextLine): { name: string; start: number; end: number }[] {
  const tokens: Token[] = [...cellText.matchAll(/[\p{L}\p{N}'’&.\-]+/gu)].map((match) => {
    const text = match[0].replace(/[.,]+$/, '');
    return { text, start: cellStart + match.index!, end: cellStart + match.index! + text.length };
  });
  const names: { name: string; start: number; end: number }[] = [];

  for (let index = 0; index < tokens.length; index++) {
    const word = tokens[index].text.toLowerCase();
    const isLegal = LEGAL_FORMS.has(word);
    const isKind = KIND_WORDS.has(word) && isCapitalised(tokens[index].text);
    if (!isLegal && !isKind) continue;
    if (isKind && word === 'council' && /^tax$/i.test(tokens[index + 1]?.text ?? '')) continue;
    // "Beacon Court" is an address; a court that can be owed money is named as one ("Magistrates' Court").
    if (isKind && word === 'court' && !COURT_WORDS.test(tokens[index - 1]?.text ?? '')) continue;
    // "Quillstone Energy Ltd": a kind word followed by a legal form is one name; take the longer.
    if (isKind && LEGAL_FORMS.has(tokens[index + 1]?.text.toLowerCase() ?? '')) continue;

    let end = index;
    if (isKind && tokens[index + 1]?.text === 'of' && isCapitalised(tokens[index + 2]?.text ?? '')) end = index + 2;
    let start = index;
    while (start > 0 && index - start < 7 && joinsName(tokens, start - 1, pageText)) start--;
    while (start < index && (LEADING_WORDS.has(tokens[start].text.toLowerCase()) || tokens[start].text.length === 1 || isOcrSpeck(tokens[start].text, tokens[start + 1].text))) start++;

    const words = tokens.slice(start, end + 1);
    if (!words.some((token) => !GENERIC_WORDS.has(token.text.toLowerCase()) && !LEGAL_FORMS.has(token.text.toLowerCase()))) continue;

    let name = pageText.slice(words[0].start, words.at(-1)!.end).replace(/\s+/g, ' ');
    let nameStart = words[0].start;
    if (start === 0 && line.cells[0] && line.cells[0].start === cellStart && !line.isTableRow && previousLine) {
      const carried = trailingCapitalised(previousLine.text);
      if (carried) {
        name = `${carried} ${name}`;
        nameStart = previousLine.end - carried.length;
      }
    }
    names.push({ name, start: nameStart, end: words.at(-1)!.end });
  }
  return names;
}

/** Tests whether a token belongs to the name after it: a capitalised word, or a connector between capitalised words. */
function joinsName(tokens: Token[], index: number, pageText: string): boolean {
  const token = tokens[index];
  const gap = pageText.slice(token.end, tokens[index + 1].start);
  if (!/^ ?$/.test(gap)) return false;
  if (CONNECTORS.has(token.text.toLowerCase())) return index > 0 && isCapitalised(tokens[index - 1].text);
  return isCapitalised(token.text);
}

/** Tests for a short mixed-case word before a name in capitals, as OCR reads a logo beside it ("Ja BLACKTHORN RIGG"). */
function isOcrSpeck(word: string, next: string): boolean {
  return word.length <= 2 && word !== word.toUpperCase() && next.length >= 2 && next === next.toUpperCase() && /\p{L}/u.test(next);
}

function isCapitalised(word: string): boolean {
  return /^[\p{Lu}\p{N}]/u.test(word) && !/^\d+$/.test(word);
}

/**
 * Returns the capitalised words that end a line of prose, which a name wrapped onto the next line
 * began with ("…took effect on 1 September 2026. Corrivale" + "Card Services Ltd should…").
 */
function trailingCapitalised(line: string): string {
  if (!/\b[a-z]{3,}\b/.test(line) || /[.:,;|]\s*$/.test(line)) return '';
  const match = line.match(/(?:^|[\s.])((?:[\p{Lu}][\p{L}'’&-]*\s?){1,4})$/u);
  return match ? match[1].trim() : '';
}

/** Groups mentions by normalised name; a short name that starts a longer one joins it ("Penhallow & Finch"). */
function groupMentions(mentions: OrganisationMention[]): Map<string, OrganisationMention[]> {
  const groups = new Map<string, OrganisationMention[]>();
  const keys = [...new Set(mentions.map((mention) => mention.key))].sort((a, b) => b.length - a.length);
  for (const mention of mentions) {
    const longer = keys.find((key) => key !== mention.key && key.startsWith(`${mention.key} `) && mention.key.includes(' '));
    const key = longer ?? mention.key;
    groups.set(key, [...(groups.get(key) ?? []), mention]);
  }
  return groups;
}

/** Returns the best printed form of a group: one with a legal form, in mixed case, as long as possible. */
function displayName(group: OrganisationMention[]): string {
  return preferredOrganisationName(group.map((mention) => mention.name));
}

/** Returns the best of several printed forms of one name ("Northmere Bank plc" over "NORTHMERE BANK" and "Northmere"). */
export function preferredOrganisationName(names: string[]): string {
  const best = [...names].sort((a, b) => rankName(b) - rankName(a))[0];
  return best === best.toUpperCase() ? titleCase(best) : best;
}

function rankName(name: string): number {
  const words = name.toLowerCase().split(/\s+/);
  return (LEGAL_FORMS.has(words.at(-1)!) ? 100 : 0) + (name === name.toUpperCase() ? 0 : 50) + name.length;
}

const TITLE_CASE_EXCEPTIONS: Record<string, string> = { and: 'and', of: 'of', for: 'for', plc: 'plc', llp: 'LLP', uk: 'UK' };

/** Converts a name printed in capitals to title case: "BLACKTHORN RIGG ENFORCEMENT LTD" reads "Blackthorn Rigg Enforcement Ltd". */
function titleCase(name: string): string {
  return name
    .toLowerCase()
    .split(' ')
    .map((word) => TITLE_CASE_EXCEPTIONS[word] ?? word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

const REGISTERED = /^[^.]{0,120}?\b(?:is authorised|authorised and regulated|registered in (?:england|scotland|northern ireland)|registered office|registered society|registered provider|limited liability partnership|company (?:no|number)|registered no)/i;
const SIGN_OFF = /\b(?:yours sincerely|yours faithfully|kind regards|best regards|thanks|thank you),?\s*$/i;
const LETTERHEAD_LINES = 8;

/** Scores each group as the letter's sender: letterhead, headings, registered-office footer, sign-off, mentions. */
function issuerScores(groups: Map<string, OrganisationMention[]>, pages: PageText[]): Map<string, number> {
  const firstPage = pages[0]?.pageNumber;
  const linesByPage = new Map(pages.map((page) => [page.pageNumber, splitLines(page.text)]));
  const textByPage = new Map(pages.map((page) => [page.pageNumber, page.text]));
  const scores = new Map<string, number>();

  for (const [key, group] of groups) {
    const first = group.filter((mention) => mention.pageNumber === firstPage);
    let score = Math.min(3, group.length);
    if (first.some((mention) => nonEmptyLinesBefore(linesByPage.get(mention.pageNumber)!, mention.line) < LETTERHEAD_LINES)) score += 4;
    if (first.some((mention) => mention.inHeading)) score += 3;
    if (group.some((mention) => REGISTERED.test(textByPage.get(mention.pageNumber)!.slice(mention.end)))) score += 4;
    if (group.some((mention) => followsSignOff(linesByPage.get(mention.pageNumber)!, mention.line))) score += 3;
    scores.set(key, score);
  }
  return scores;
}

function nonEmptyLinesBefore(lines: TextLine[], line: number): number {
  return lines.slice(0, line).filter((candidate) => candidate.text.trim() !== '').length;
}

function followsSignOff(lines: TextLine[], line: number): boolean {
  return lines.slice(Math.max(0, line - 5), line).some((candidate) => SIGN_OFF.test(candidate.text));
}

/** "We act for X", "Client: X", "Creditor | X", "on behalf of X", "X has instructed us": X is owed the money. */
const ACTS_FOR_BEFORE = /(?:\b(?:we|i)\s+(?:act|are acting|have been instructed)\s+(?:for|on behalf of|by)|\bacting\s+(?:for|on behalf of)|\bon behalf of|\bsolicitors\s+(?:for|to)|\bagents?\s+(?:for|of)|\bclient\s*[:|]|\bour client,?|\bcreditor\s*[:|]?|\binstructed\s+by|\bclaimant\s*[:|]?|\bcollecting\s+(?:this\s+debt\s+)?(?:for|on behalf of))\s*(?:our client,?\s*)?(?:the\s+)?["“]?$/i;
const ACTS_FOR_AFTER = /^\s*(?:\(\s*["“]?our client["”]?\s*\)|(?:has|have)\s+instructed\s+us|obtained\s+a\s+liability\s+order|(?:has|have)\s+passed\s+(?:your|this|the)\s+(?:account|debt))/i;
/** "Original creditor | X", "bought from X", "X has sold (or assigned) …": X was owed the money before. */
const ORIGINAL_BEFORE = /(?:\boriginal\s+(?:creditor|lender)\s*[:|]?|\b(?:bought|purchased|acquired)\s+(?:\w+\s+){0,4}from|\bpreviously\s+(?:owed\s+to|with)|\bformerly)\s*$/i;
const ORIGINAL_AFTER = /^\s*(?:has|have)\s+(?:\w+\s+){0,2}(?:sold|assigned|transferred)\b/i;
/** "… sold and assigned your account to X": X is owed the money now. */
const NEW_OWNER_BEFORE = /\b(?:sold|assigned|transferred)\b[^.]{0,80}?\bto\s*$/i;
/** Phrases in which the sender claims the debt as its own: "we have bought", "sold to us". */
const SENDER_OWNS = /\bwe\s+(?:have\s+)?(?:bought|purchased|acquired|now\s+own)\b|\b(?:sold|assigned|transferred)\s+(?:\w+\s+){0,4}to\s+us\b/i;

/**
 * Works out who sent a letter, who is owed the money, who owned the debt before it was sold, and
 * who collects it for the creditor.
 */
export function resolveParties(pages: PageText[]): Parties {
  const mentions = findOrganisations(pages);
  if (mentions.length === 0) return { issuer: null, creditor: null, originalCreditor: null, collectingAgent: null };

  const groups = groupMentions(mentions);
  const keyOf = new Map<OrganisationMention, string>();
  for (const [key, group] of groups) for (const mention of group) keyOf.set(mention, key);
  const scores = issuerScores(groups, pages);
  const issuerKey = [...scores].sort((a, b) => b[1] - a[1] || firstIndex(groups.get(a[0])!) - firstIndex(groups.get(b[0])!))[0][0];

  const textByPage = new Map(pages.map((page) => [page.pageNumber, page.text]));
  const cued = (before: RegExp, after: RegExp | null) =>
    mentions.filter((mention) => {
      const text = textByPage.get(mention.pageNumber)!;
      const preceding = text.slice(Math.max(0, mention.start - 120), mention.start).replace(/\s+/g, ' ');
      const following = text.slice(mention.end, mention.end + 80).replace(/\s+/g, ' ');
      return before.test(preceding) || (after !== null && after.test(following));
    });
  const mostCued = (found: OrganisationMention[], except: (string | undefined)[]) => {
    const counts = new Map<string, number>();
    for (const mention of found) {
      const key = keyOf.get(mention)!;
      if (!except.includes(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  };

  const originalKey = mostCued(cued(ORIGINAL_BEFORE, ORIGINAL_AFTER), []);
  const newOwnerKey = mostCued(cued(NEW_OWNER_BEFORE, null), [originalKey]);
  const actsForKey = mostCued(cued(ACTS_FOR_BEFORE, ACTS_FOR_AFTER), [originalKey, issuerKey]);
  const senderOwns = pages.some((page) => SENDER_OWNS.test(page.text.replace(/\s+/g, ' ')));

  let creditorKey = issuerKey;
  if (actsForKey) creditorKey = actsForKey;
  else if (newOwnerKey) creditorKey = newOwnerKey;
  else if (originalKey && (senderOwns || originalKey !== issuerKey)) creditorKey = issuerKey;
  const name = (key: string | undefined) => (key ? displayName(groups.get(key)!) : null);

  return {
    issuer: name(issuerKey),
    creditor: name(creditorKey),
    originalCreditor: originalKey && originalKey !== creditorKey ? name(originalKey) : null,
    collectingAgent: creditorKey !== issuerKey && issuerKey !== originalKey ? name(issuerKey) : null,
  };
}

function firstIndex(group: OrganisationMention[]): number {
  return group[0].pageNumber * 1_000_000 + group[0].start;
}
