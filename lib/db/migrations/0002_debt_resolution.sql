CREATE TABLE "creditor_aliases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alias_key" text NOT NULL,
	"creditor_id" uuid NOT NULL,
	"client_id" uuid,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "creditors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"aliases" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "creditors_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "merge_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"debt_id" uuid NOT NULL,
	"other_debt_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "merge_proposals_pair" UNIQUE("debt_id","other_debt_id")
);
--> statement-breakpoint
CREATE TABLE "resolved_debts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"creditor_id" uuid,
	"original_creditor_id" uuid,
	"collecting_agent_id" uuid,
	"amount" numeric(14, 2),
	"currency" text DEFAULT 'GBP' NOT NULL,
	"as_of_date" text,
	"account_reference" text,
	"references" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"document_type" text NOT NULL,
	"priority" boolean,
	"description" text,
	"court_claim_number" text,
	"deadlines" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"corrections" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "debts" ADD COLUMN "resolved_debt_id" uuid;--> statement-breakpoint
ALTER TABLE "debts" ADD COLUMN "creditor_id" uuid;--> statement-breakpoint
ALTER TABLE "debts" ADD COLUMN "original_creditor_id" uuid;--> statement-breakpoint
ALTER TABLE "debts" ADD COLUMN "collecting_agent_id" uuid;--> statement-breakpoint
ALTER TABLE "debts" ADD COLUMN "original_account_reference" text;--> statement-breakpoint
ALTER TABLE "debts" ADD COLUMN "court_claim_number" text;--> statement-breakpoint
ALTER TABLE "debts" ADD COLUMN "other_references" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "creditor_aliases" ADD CONSTRAINT "creditor_aliases_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creditor_aliases" ADD CONSTRAINT "creditor_aliases_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_proposals" ADD CONSTRAINT "merge_proposals_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_proposals" ADD CONSTRAINT "merge_proposals_debt_id_resolved_debts_id_fk" FOREIGN KEY ("debt_id") REFERENCES "public"."resolved_debts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_proposals" ADD CONSTRAINT "merge_proposals_other_debt_id_resolved_debts_id_fk" FOREIGN KEY ("other_debt_id") REFERENCES "public"."resolved_debts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolved_debts" ADD CONSTRAINT "resolved_debts_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolved_debts" ADD CONSTRAINT "resolved_debts_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolved_debts" ADD CONSTRAINT "resolved_debts_original_creditor_id_creditors_id_fk" FOREIGN KEY ("original_creditor_id") REFERENCES "public"."creditors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolved_debts" ADD CONSTRAINT "resolved_debts_collecting_agent_id_creditors_id_fk" FOREIGN KEY ("collecting_agent_id") REFERENCES "public"."creditors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "creditor_aliases_key_idx" ON "creditor_aliases" USING btree ("alias_key");--> statement-breakpoint
CREATE INDEX "merge_proposals_client_idx" ON "merge_proposals" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "resolved_debts_client_idx" ON "resolved_debts" USING btree ("client_id");--> statement-breakpoint
ALTER TABLE "debts" ADD CONSTRAINT "debts_resolved_debt_id_resolved_debts_id_fk" FOREIGN KEY ("resolved_debt_id") REFERENCES "public"."resolved_debts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debts" ADD CONSTRAINT "debts_creditor_id_creditors_id_fk" FOREIGN KEY ("creditor_id") REFERENCES "public"."creditors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debts" ADD CONSTRAINT "debts_original_creditor_id_creditors_id_fk" FOREIGN KEY ("original_creditor_id") REFERENCES "public"."creditors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debts" ADD CONSTRAINT "debts_collecting_agent_id_creditors_id_fk" FOREIGN KEY ("collecting_agent_id") REFERENCES "public"."creditors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "debts_resolved_debt_idx" ON "debts" USING btree ("resolved_debt_id");