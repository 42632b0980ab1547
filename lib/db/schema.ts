import { sql } from 'drizzle-orm';
import {
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
  uuid,
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
  },
  (table) => [index('debts_client_idx').on(table.clientId), index('debts_document_idx').on(table.documentId)],
);

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
  createdAt: createdAt(),
});

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
