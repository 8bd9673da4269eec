ALTER TABLE "dead_letters" ADD COLUMN "replayed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dead_letters" ADD COLUMN "replay_outcome" text;