import { squeezedLetterSpacing } from './text';
import type { DocumentType } from './types';

type Signal = [phrase: string, weight: number];

/**
 * Phrases that point to each document type, with weights: 6 to 8 for phrases only that type
 * prints ("notice of enforcement"), 1 to 3 for words other types share ("loan", "meter").
 */
const signals: Record<Exclude<DocumentType, 'other'>, Signal[]> = {
  council_tax: [['council tax', 4], ['valuation band', 4], ['single person discount', 3], ['council tax support', 2], ['council tax reduction', 2], ['revenues', 1], ['instalments', 1], ['reminder notice', 2], ['final notice', 2], ['summons', 2], ['liability order', 2], ['financial year', 1]],
  rent: [['rent arrears', 5], ['rent account', 5], ['weekly rent', 4], ['monthly rent', 4], ['tenancy', 3], ['tenant', 2], ['landlord', 2], ['notice of seeking possession', 6], ['housing association', 4], ['social housing', 4], ['possession', 2], ['service charge', 2], ['housing officer', 3], ['managed payment', 2], ['rent', 1]],
  mortgage: [['mortgage', 4], ['mortgage arrears', 6], ['monthly mortgage payment', 5], ['repossession', 3], ['repossessed', 3], ['building society', 3], ['secured on your home', 4], ['secured loan', 4], ['possession claims based on mortgage', 6], ['redemption', 2], ['lender', 1]],
  energy: [['energy', 2], ['electricity', 3], ['gas', 2], ['meter', 3], ['prepayment', 3], ['kwh', 4], ['supply address', 3], ['energy supplier', 4], ['energy regulator', 3], ['ofgem', 4], ['standing charge', 3], ['fuel direct', 3], ['tariff', 1]],
  water: [['water', 2], ['sewerage', 5], ['wastewater', 5], ['water charges', 5], ['water rates', 5], ['water bill', 4], ['water supply', 3], ['watersure', 5], ['ofwat', 5]],
  consumer_credit_default: [['default notice', 6], ['section 87', 6], ['87(1)', 6], ['put the breach right', 6], ['remedy the breach', 6], ['breach', 3], ['default information sheet', 5], ['default sums', 3], ['terminate the agreement', 3], ['consumer credit act', 2]],
  debt_collection: [['notice of assignment', 8], ['bought your account', 5], ['bought this debt', 5], ['purchased your account', 5], ['debt collection agency', 5], ['collections', 2], ['debt purchaser', 5], ['debt purchasing', 5], ['we now own', 5], ['original creditor', 5], ['passed your account to us', 5], ['instructed us to collect', 5], ['collecting this debt', 4], ['debt collection', 4], ['debt collector', 4], ['collection agency', 4], ['assigned', 3], ['assignment', 3], ['sold', 2], ['on behalf of our client', 3], ['debt recovery', 2], ['recoveries', 2]],
  credit_card_statement: [['monthly statement', 4], ['minimum payment', 4], ['credit limit', 4], ['new balance', 4], ['previous balance', 4], ['available to spend', 4], ['minimum payment warning', 5], ['interest summary', 3], ['cash advance', 3], ['credit card', 3], ['card number', 2], ['statement date', 2], ['purchases', 2]],
  catalogue_bnpl: [['buy now pay later', 6], ['bnpl', 6], ['catalogue', 5], ['home shopping', 5], ['shopping account', 4], ['suspended new orders', 4], ['store card', 3], ['order', 1]],
  payday_loan: [['payday', 6], ['continuous payment authority', 6], ['short-term loan', 5], ['short term loan', 5], ['high-cost', 4], ['most you will ever pay', 4], ['total cost of your loan', 3], ['default fee', 2], ['loan', 1], ['instalment', 1]],
  overdraft: [['overdraft', 5], ['overdrawn', 5], ['arranged overdraft', 5], ['unarranged overdraft', 5], ['overdraft limit', 4], ['current account', 2]],
  letter_before_claim: [['letter before claim', 8], ['letter before action', 8], ['pre-action protocol for debt claims', 8], ['reply form', 4], ['financial statement', 2], ['court proceedings', 2], ['information sheet', 2], ['our client', 2], ['solicitors', 2]],
  enforcement_agent: [['notice of enforcement', 8], ['enforcement agent', 6], ['taking control of goods', 6], ['controlled goods agreement', 6], ['certificated enforcement', 6], ['high court enforcement', 6], ['tribunals, courts and enforcement act', 6], ['compliance fee', 5], ['compliance stage', 5], ['enforcement stage', 5], ['bailiff', 5], ['writ of control', 5], ['warrant of control', 3], ['removed and sold', 3], ['sale or disposal', 3]],
  magistrates_fine: [['collection order', 6], ['victim surcharge', 6], ['fines officer', 6], ['fines collection', 6], ['court fine', 5], ['prosecution costs', 4], ['magistrates', 3], ['fines', 3], ['offence', 3], ['hmcts', 3], ['fine', 2], ['attachment of earnings', 2]],
  benefit_overpayment: [['housing benefit overpayment', 6], ['direct earnings attachment', 5], ['overpaid', 4], ['not entitled', 4], ['overpayment', 3], ['department for work and pensions', 3], ["carer's allowance", 3], ['mandatory reconsideration', 3], ['dwp', 2], ['benefit', 2], ['debt management', 2], ['pension credit', 2], ['jobseeker', 2], ['employment and support allowance', 2], ['recover', 1]],
  universal_credit_statement: [['assessment period', 6], ['standard allowance', 6], ['claimant commitment', 6], ['work allowance', 5], ['child amount', 4], ['universal credit', 3], ['journal', 3], ['your payment', 2], ['your statement', 2], ['total deductions', 2], ['housing element', 2]],
  payslip: [['payslip', 8], ['gross pay', 6], ['net pay', 6], ['tax code', 5], ['paye', 4], ['year to date', 4], ['pay date', 4], ['tax period', 4], ['employee', 3], ['ni number', 3], ['employer', 2], ['pension', 1], ['deductions', 1]],
  bank_statement: [['statement period', 5], ['opening balance', 5], ['closing balance', 5], ['bank giro credit', 5], ['balance carried forward', 4], ['paid out', 4], ['paid in', 4], ['money in', 4], ['money out', 4], ['sheet number', 4], ['balance brought forward', 3], ['faster payment', 3], ['current account', 2], ['direct debit', 1], ['standing order', 1], ['sort code', 1]],
  telecoms: [['broadband', 5], ['landline', 5], ['airtime', 5], ['outgoing calls', 5], ['mobile data', 5], ['early termination charge', 5], ['handset', 4], ['social tariff', 4], ['plan charge', 4], ['mobile', 3], ['minimum term', 3], ['ofcom', 3], ['sim', 2], ['phone', 1], ['calls', 1]],
  hmrc_tax_credits: [['tax credits', 6], ['tax credit', 5], ['child tax credit', 6], ['working tax credit', 6], ['hm revenue and customs', 5], ['hmrc', 5], ['final decision notice', 5], ['self assessment', 4], ['unique taxpayer reference', 4], ['tax year', 2], ['income tax', 2]],
  tv_licence: [['tv licence', 8], ['tv licensing', 8], ['television licence', 8], ['watch live tv', 5], ['bbc iplayer', 5], ['licence fee', 4], ['unlicensed', 4], ['enquiry officer', 3], ['licence', 2]],
  county_court_claim: [['county court business centre', 8], ['civil national business centre', 8], ['claim form', 6], ['particulars of claim', 6], ['response pack', 6], ['acknowledgment of service', 5], ['acknowledgement of service', 5], ['admission form', 5], ['amount claimed', 5], ['money claim', 4], ['statement of truth', 4], ['claimant', 3], ['defendant', 3], ['legal representative', 3], ['issue date', 2], ['defence form', 2]],
};

/** Types for which the debt is a priority debt, and those for which it is not (see DESIGN: priority debts). */
const priorityTypes = new Set<DocumentType>(['council_tax', 'rent', 'mortgage', 'energy', 'water', 'magistrates_fine', 'benefit_overpayment', 'hmrc_tax_credits', 'tv_licence']);
const nonPriorityTypes = new Set<DocumentType>(['consumer_credit_default', 'credit_card_statement', 'catalogue_bnpl', 'payday_loan', 'overdraft', 'telecoms', 'debt_collection', 'letter_before_claim']);
/** Income evidence: it carries no debts and has no priority. */
export const incomeTypes = new Set<DocumentType>(['payslip', 'universal_credit_statement', 'bank_statement']);
/** Letters from someone collecting a debt of another kind; their priority follows the kind of debt. */
const collectionTypes = new Set<DocumentType>(['debt_collection', 'letter_before_claim', 'enforcement_agent', 'county_court_claim']);

/** Scores below this leave a document as 'other'. */
const MIN_SCORE = 6;
/** A weaker score is enough to tell what kind of debt a collection letter collects. */
const MIN_UNDERLYING_SCORE = 3;
/** Consumer credit that none of the specific types covers, such as a bank's personal loan: not a priority debt. */
const CONSUMER_CREDIT = /\b(?:loans?|credit agreement|consumer credit act|credit card|hire purchase|store card)\b/i;
/** A phrase counts at most this many times, so one repeated word cannot outvote the rest. */
const MAX_COUNT = 3;

export type Classification = {
  documentType: DocumentType;
  priority: boolean | null;
  /** For collection letters, the kind of debt being collected, when the text shows it. */
  underlyingType: DocumentType | null;
  scores: Partial<Record<DocumentType, number>>;
};

/** Classifies a letter by phrase scores and decides its priority. */
export function classifyDocument(text: string): Classification {
  const scores = scoreTypes(text);
  const ranked = (Object.entries(scores) as [DocumentType, number][]).sort((a, b) => b[1] - a[1]);
  const [best, bestScore] = ranked[0] ?? ['other', 0];
  const documentType: DocumentType = bestScore >= MIN_SCORE ? best : 'other';

  const underlying = collectionTypes.has(documentType)
    ? ranked.find(([type, score]) => score >= MIN_UNDERLYING_SCORE && !collectionTypes.has(type) && !incomeTypes.has(type))?.[0] ?? null
    : null;
  const priority = documentType === 'other' && CONSUMER_CREDIT.test(text) ? false : priorityOf(documentType, underlying);
  return { documentType, priority, underlyingType: underlying, scores };
}

/**
 * Returns whether a debt of this type is a priority debt: null for income documents and for types
 * whose priority depends on facts the letter does not show. A collection letter takes the priority
 * of the debt it collects, so bailiffs collecting council tax make a priority debt.
 */
export function priorityOf(type: DocumentType, underlying: DocumentType | null = null): boolean | null {
  if (collectionTypes.has(type) && underlying) return priorityOf(underlying);
  if (priorityTypes.has(type)) return true;
  if (nonPriorityTypes.has(type)) return false;
  return null;
}

function scoreTypes(text: string): Partial<Record<DocumentType, number>> {
  const body = normalise(text);
  const headings = normalise(
    text
      .split('\n')
      .filter((line) => /^#{1,6}\s/.test(line))
      .join('\n'),
  );
  const squeezed = squeezedLetterSpacing(text).toLowerCase();

  const scores: Partial<Record<DocumentType, number>> = {};
  for (const [type, phrases] of Object.entries(signals) as [DocumentType, Signal[]][]) {
    let score = 0;
    for (const [phrase, weight] of phrases) {
      const pattern = phrasePattern(phrase);
      const count = Math.min(MAX_COUNT, (body.match(pattern) ?? []).length);
      // A phrase in a heading or a letter-spaced title names the document, so it counts once more.
      const squeezedPhrase = phrase.replace(/[^a-z0-9]/g, '');
      const titled = pattern.test(headings) || (squeezedPhrase.length >= 6 && squeezed.includes(squeezedPhrase));
      score += weight * (count + (titled ? 1 : 0));
    }
    if (score > 0) scores[type] = score;
  }
  return scores;
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[‘’]/g, "'").replace(/\s+/g, ' ');
}

const patterns = new Map<string, RegExp>();

function phrasePattern(phrase: string): RegExp {
  let pattern = patterns.get(phrase);
  if (!pattern) {
    const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
    pattern = new RegExp(`(?<![a-z0-9])${escaped}(?![a-z0-9])`, 'g');
    patterns.set(phrase, pattern);
  }
  pattern.lastIndex = 0;
  return pattern;
}
