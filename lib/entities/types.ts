/** The kinds of document an advisor uploads; income documents (payslip, statements) carry no debts. */
export type DocumentType =
  | 'council_tax'
  | 'rent'
  | 'mortgage'
  | 'energy'
  | 'water'
  | 'consumer_credit_default'
  | 'debt_collection'
  | 'credit_card_statement'
  | 'catalogue_bnpl'
  | 'payday_loan'
  | 'overdraft'
  | 'letter_before_claim'
  | 'enforcement_agent'
  | 'magistrates_fine'
  | 'benefit_overpayment'
  | 'universal_credit_statement'
  | 'payslip'
  | 'bank_statement'
  | 'telecoms'
  | 'hmrc_tax_credits'
  | 'tv_licence'
  | 'county_court_claim'
  | 'other';

export const documentTypes = [
  'council_tax',
  'rent',
  'mortgage',
  'energy',
  'water',
  'consumer_credit_default',
  'debt_collection',
  'credit_card_statement',
  'catalogue_bnpl',
  'payday_loan',
  'overdraft',
  'letter_before_claim',
  'enforcement_agent',
  'magistrates_fine',
  'benefit_overpayment',
  'universal_credit_statement',
  'payslip',
  'bank_statement',
  'telecoms',
  'hmrc_tax_credits',
  'tv_licence',
  'county_court_claim',
  'other',
] as const satisfies readonly DocumentType[];

/** The markdown of one page, 1-based. */
export type PageText = { pageNumber: number; text: string };

/**
 * One figure found by the rules, with where it is printed.
 * - amount: `value` is pounds as a decimal string ('1234.56', '-460.54').
 * - date: `value` is ISO 'YYYY-MM-DD'.
 * - reference: `raw` as printed; `value` upper case without spaces.
 * - postcode: `value` upper case with one space before the inward code.
 * `index` is the character offset of `raw` in the page text; `label` is the nearby words that name the figure.
 */
export type Fact = {
  kind: 'amount' | 'date' | 'reference' | 'postcode';
  value: string;
  raw: string;
  pageNumber: number;
  index: number;
  label?: string;
};

export type Deadline = { date: string; what: string };

export type ExtractedDebt = {
  creditor: string | null;
  originalCreditor: string | null;
  collectingAgent: string | null;
  /** Pounds, '1234.56'. */
  amount: string | null;
  accountReference: string | null;
  documentType: DocumentType;
  priority: boolean | null;
  /** ISO date the amount was worked out at. */
  asOfDate: string | null;
  deadlines: Deadline[];
  description: string | null;
  /** Page where the amount is printed. */
  pageNumber: number;
  /** The account number at the original creditor, for a debt that was sold or assigned. */
  originalAccountReference: string | null;
  /** County court claim number, as printed. */
  courtClaimNumber: string | null;
  /** Further numbers that identify the debt, such as a masked card number, with their printed labels. */
  otherReferences: { reference: string; label: string | null }[];
};

export type ExtractionResult = {
  documentType: DocumentType;
  priority: boolean | null;
  debts: ExtractedDebt[];
  facts: Fact[];
  source: 'model' | 'rules';
  /** Messages for the advisor; they never quote document text. */
  warnings: string[];
};
