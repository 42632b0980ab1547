import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const clients = pgTable('clients', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

/** Documents of one client (scope 'client') or of the centre's knowledge base (scope 'knowledge'). */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    scope: text('scope', { enum: ['client', 'knowledge'] }).notNull(),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    status: text('status', { enum: ['queued', 'processing', 'ready', 'failed'] }).notNull().default('queued'),
    /** What the pipeline is doing now: reading pages, indexing or extracting. */
    stage: text('stage'),
    pagesTotal: integer('pages_total'),
    pagesDone: integer('pages_done').notNull().default(0),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    /** The client upload link the document arrived through, when a client uploaded it. */
    uploadLinkId: uuid('upload_link_id'),
    /** Warnings the advisor should see on a ready document, e.g. a model that was unreachable. */
    warnings: jsonb('warnings').$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('documents_client_idx').on(table.clientId), index('documents_scope_idx').on(table.scope)],
);

/** The markdown of one page and how it was read. */
export const documentPages = pgTable(
  'document_pages',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    pageNumber: integer('page_number').notNull(),
    method: text('method', { enum: ['text-layer', 'vision', 'ocr', 'none'] }).notNull(),
    markdown: text('markdown').notNull(),
    /** Why the page was not read from its text layer, or why vision output was rejected. */
    note: text('note'),
  },
  (table) => [primaryKey({ columns: [table.documentId, table.pageNumber] })],
);

/** Retrieval chunks; the same ids are used in Chroma. clientId is null for knowledge-base chunks. */
export const chunks = pgTable(
  'chunks',
  {
    id: text('id').primaryKey(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    scope: text('scope', { enum: ['client', 'knowledge'] }).notNull(),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'cascade' }),
    pageNumber: integer('page_number').notNull(),
    chunkIndex: integer('chunk_index').notNull(),
    text: text('text').notNull(),
    embedded: boolean('embedded').notNull().default(false),
    /** The embedders whose Chroma collections have this chunk, e.g. "ollama:nomic-embed-text". */
    embeddedBy: text('embedded_by').array().notNull().default(sql`'{}'::text[]`),
    tsv: tsvector('tsv')
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('english', "text")`),
  },
  (table) => [
    index('chunks_document_idx').on(table.documentId),
    index('chunks_client_idx').on(table.clientId),
    index('chunks_tsv_idx').using('gin', table.tsv),
  ],
);

export type DebtDeadline = { date: string; what: string };

/** A debt found in one document; every figure keeps its document and page. */
export const debts = pgTable(
  'debts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    pageNumber: integer('page_number').notNull(),
    creditor: text('creditor'),
    originalCreditor: text('original_creditor'),
    collectingAgent: text('collecting_agent'),
    /** Pounds, two decimal places; kept as a string to avoid floating-point rounding. */
    amount: numeric('amount', { precision: 14, scale: 2 }),
    currency: text('currency').notNull().default('GBP'),
    accountReference: text('account_reference'),
    documentType: text('document_type').notNull(),
    priority: boolean('priority'),
    asOfDate: text('as_of_date'),
    deadlines: jsonb('deadlines').$type<DebtDeadline[]>().notNull().default([]),
    description: text('description'),
    /** 'model' when the text model linked the facts, 'rules' when deterministic rules alone did. */
    source: text('source', { enum: ['model', 'rules'] }).notNull(),
    createdAt: createdAt(),
    /** The resolved debt this mention belongs to; one debt named in three letters has three mentions. */
    resolvedDebtId: uuid('resolved_debt_id').references((): AnyPgColumn => resolvedDebts.id, { onDelete: 'set null' }),
    /** The creditors the names above resolved to. */
    creditorId: uuid('creditor_id').references((): AnyPgColumn => creditors.id, { onDelete: 'set null' }),
    originalCreditorId: uuid('original_creditor_id').references((): AnyPgColumn => creditors.id, { onDelete: 'set null' }),
    collectingAgentId: uuid('collecting_agent_id').references((): AnyPgColumn => creditors.id, { onDelete: 'set null' }),
    /** The account number at the original creditor, printed in letters about a debt that was sold on. */
    originalAccountReference: text('original_account_reference'),
    courtClaimNumber: text('court_claim_number'),
    /** Other numbers printed for the debt, such as a masked card number, as printed with their labels. */
    otherReferences: jsonb('other_references').$type<DebtReferenceMention[]>().notNull().default([]),
  },
  (table) => [
    index('debts_client_idx').on(table.clientId),
    index('debts_document_idx').on(table.documentId),
    index('debts_resolved_debt_idx').on(table.resolvedDebtId),
  ],
);

export type DebtReferenceMention = { reference: string; label: string | null };

/** Persisted state of background jobs, so that work queued before a restart is picked up again. */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['process-document'] }).notNull(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (table) => [index('jobs_status_idx').on(table.status)],
);

export const letters = pgTable('letters', {
  id: uuid('id').primaryKey().defaultRandom(),
  clientId: uuid('client_id').references(() => clients.id, { onDelete: 'cascade' }),
  clientName: text('client_name').notNull(),
  notes: text('notes').notNull(),
  body: text('body').notNull(),
  /** Figures from the notes that the generated letter did not contain. */
  missingFigures: jsonb('missing_figures').$type<string[]>().notNull().default([]),
  /** The rest of the check made when the letter was written; letters stored before it have {}. */
  checks: jsonb('checks').$type<LetterChecks>().notNull().default({}),
  createdAt: createdAt(),
});

/** The findings of a written letter's check besides missing figures (see lib/letters/letter.ts). */
export type LetterChecks = Partial<{ addedFigures: string[]; missingSections: string[]; repeatsInstructions: boolean }>;

/** Nodes of the embedded graph store. `key` is the normalised identity used to merge mentions. */
export const graphNodes = pgTable(
  'graph_nodes',
  {
    id: text('id').primaryKey(),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    label: text('label').notNull(),
    properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default({}),
    updatedAt: updatedAt(),
  },
  (table) => [index('graph_nodes_client_idx').on(table.clientId), index('graph_nodes_type_idx').on(table.type)],
);

export const graphEdges = pgTable(
  'graph_edges',
  {
    source: text('source')
      .notNull()
      .references(() => graphNodes.id, { onDelete: 'cascade' }),
    target: text('target')
      .notNull()
      .references(() => graphNodes.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    /** The document that produced this edge, so deleting the document removes it. */
    documentId: uuid('document_id').references(() => documents.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'cascade' }),
    properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default({}),
  },
  (table) => [
    primaryKey({ columns: [table.source, table.target, table.type] }),
    index('graph_edges_client_idx').on(table.clientId),
    index('graph_edges_document_idx').on(table.documentId),
  ],
);

// Tables managed by better-auth (sign-in, sessions, password accounts, rate limits). Property names
// are the field names better-auth uses; the admin plugin adds role and ban fields to users.
export const users = pgTable('auth_users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  role: text('role'),
  banned: boolean('banned').default(false),
  banReason: text('ban_reason'),
  banExpires: timestamp('ban_expires', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const sessions = pgTable(
  'auth_sessions',
  {
    id: text('id').primaryKey(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    token: text('token').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    impersonatedBy: text('impersonated_by'),
  },
  (table) => [index('auth_sessions_user_idx').on(table.userId)],
);

export const accounts = pgTable(
  'auth_accounts',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
    refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true }),
    scope: text('scope'),
    /** The password hash (scrypt, by better-auth) for email and password accounts. */
    password: text('password'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('auth_accounts_user_idx').on(table.userId)],
);

export const verifications = pgTable(
  'auth_verifications',
  {
    id: text('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('auth_verifications_identifier_idx').on(table.identifier)],
);

/** Request counts per key and window, kept in the database so every app replica shares the limit. */
export const rateLimits = pgTable('auth_rate_limits', {
  id: text('id').primaryKey(),
  key: text('key').notNull().unique(),
  count: integer('count').notNull(),
  lastRequest: bigint('last_request', { mode: 'number' }).notNull(),
});

/**
 * Failed sign-ins per account, keyed by a SHA-256 of the lowercased email so the table holds no
 * address. Limits guessing one account's password from any number of network addresses.
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountKey: text('account_key').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('sign_in_failures_key_idx').on(table.accountKey, table.at)],
);

/** The advisors assigned to each client. */
export const clientAdvisors = pgTable(
  'client_advisors',
  {
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.clientId, table.userId] }), index('client_advisors_user_idx').on(table.userId)],
);

/** Centre-wide settings that admins change in the app, one row per key. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
  updatedBy: text('updated_by'),
});

/** Links that let a client upload documents to their own record, and nothing else. */
export const uploadLinks = pgTable(
  'upload_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [index('upload_links_client_idx').on(table.clientId)],
);

/**
 * Who did what to which record, and when. Rows carry ids and action names only, never document text,
 * names or amounts; they outlive the records they name, so an erasure stays on the record.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorType: text('actor_type', { enum: ['user', 'upload-link', 'system'] }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    clientId: uuid('client_id'),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, string | number | boolean | null>>().notNull().default({}),
  },
  (table) => [
    index('audit_events_at_idx').on(table.at),
    index('audit_events_actor_idx').on(table.actorId),
    index('audit_events_actor_target_idx').on(table.actorId, table.targetType, table.targetId, table.at),
    index('audit_events_client_idx').on(table.clientId),
  ],
);

/**
 * Creditors, shared by every client that owes them. `key` is the normalised name
 * (normaliseOrganisationName), so "NORTHMERE BANK" and "Northmere Bank plc" are one row.
 */
export const creditors = pgTable('creditors', {
  id: uuid('id').primaryKey().defaultRandom(),
  key: text('key').notNull().unique(),
  /** The best printed form of the name: mixed case, with its legal form. */
  name: text('name').notNull(),
  /** Every form of the name printed in letters that resolved to this creditor. */
  aliases: jsonb('aliases').$type<string[]>().notNull().default([]),
  createdAt: createdAt(),
});

/**
 * Further keys that resolve to a creditor, learned when one client's letters name it in a short and a
 * long form. A short form ("northmere" for Northmere Bank) applies to that client only, because
 * another client's "Northmere" may be another company. A long form applies to every client (client_id null).
 */
export const creditorAliases = pgTable(
  'creditor_aliases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    aliasKey: text('alias_key').notNull(),
    creditorId: uuid('creditor_id')
      .notNull()
      .references(() => creditors.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'cascade' }),
    source: text('source', { enum: ['short-form', 'long-form'] }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('creditor_aliases_key_idx').on(table.aliasKey)],
);

export type DebtReferenceKind = 'account' | 'original-account' | 'claim' | 'other';
/** A normalised identifier of a debt: upper case, letters and digits only; `partial` for masked or last-four forms. */
/** `value` is compared across letters (capitals and digits only); `printed` is the form the letter shows. */
export type DebtReference = { value: string; kind: DebtReferenceKind; partial: boolean; printed?: string };

/** Fields an advisor can correct on a resolved debt; a corrected field is locked against re-extraction. */
export type DebtCorrections = Partial<{
  amount: string | null;
  priority: boolean | null;
  creditorId: string | null;
  originalCreditorId: string | null;
  collectingAgentId: string | null;
  accountReference: string | null;
  documentType: string;
  asOfDate: string | null;
  description: string | null;
  /** False when the advisor left the debt out of the client's totals, e.g. one owed by someone else. */
  countInTotals: boolean;
}>;

/**
 * One debt of one client, however many letters mention it. The fields are derived from its mentions
 * (the `debts` rows): the latest balance, the current creditor and the first original creditor.
 * `corrections` contains the advisor's values, which win over the derived ones.
 */
export const resolvedDebts = pgTable(
  'resolved_debts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    creditorId: uuid('creditor_id').references(() => creditors.id, { onDelete: 'set null' }),
    originalCreditorId: uuid('original_creditor_id').references(() => creditors.id, { onDelete: 'set null' }),
    collectingAgentId: uuid('collecting_agent_id').references(() => creditors.id, { onDelete: 'set null' }),
    amount: numeric('amount', { precision: 14, scale: 2 }),
    currency: text('currency').notNull().default('GBP'),
    asOfDate: text('as_of_date'),
    accountReference: text('account_reference'),
    references: jsonb('references').$type<DebtReference[]>().notNull().default([]),
    documentType: text('document_type').notNull(),
    priority: boolean('priority'),
    description: text('description'),
    courtClaimNumber: text('court_claim_number'),
    deadlines: jsonb('deadlines').$type<DebtDeadline[]>().notNull().default([]),
    corrections: jsonb('corrections').$type<DebtCorrections>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('resolved_debts_client_idx').on(table.clientId)],
);

/**
 * Two resolved debts that may be one: a partial reference in common, or the same creditor with
 * nothing to tell them apart. The advisor accepts (merge) or rejects (keep apart, never asked again).
 * `debtId` is the smaller of the two ids, so each pair is stored once.
 */
export const mergeProposals = pgTable(
  'merge_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    debtId: uuid('debt_id')
      .notNull()
      .references(() => resolvedDebts.id, { onDelete: 'cascade' }),
    otherDebtId: uuid('other_debt_id')
      .notNull()
      .references(() => resolvedDebts.id, { onDelete: 'cascade' }),
    /** The reason the pair was proposed. 'separated-by-advisor' marks a pair an advisor split apart, which starts rejected. */
    reason: text('reason', { enum: ['partial-reference', 'reference-other-creditor', 'same-creditor-same-amount', 'same-creditor-no-reference', 'same-amount-creditor-unknown', 'same-deadline-creditor-unknown', 'separated-by-advisor'] }).notNull(),
    status: text('status', { enum: ['open', 'accepted', 'rejected'] }).notNull().default('open'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [index('merge_proposals_client_idx').on(table.clientId), unique('merge_proposals_pair').on(table.debtId, table.otherDebtId)],
);
