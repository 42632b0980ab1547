ALTER TABLE "chunks" ADD COLUMN "embedded_by" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
-- Chunks embedded before this column existed are taken to be in the default embedder's collection.
UPDATE "chunks" SET "embedded_by" = ARRAY['ollama:nomic-embed-text'] WHERE "embedded";
