CREATE TYPE "public"."delivery_status" AS ENUM('pending', 'sent', 'skipped', 'dead');--> statement-breakpoint
CREATE TABLE "dead_letters" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"stream_entry_id" text NOT NULL,
	"event_id" bigint,
	"reason" text NOT NULL,
	"payload" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"event_id" bigint NOT NULL,
	"channel" text NOT NULL,
	"order_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" "delivery_status" DEFAULT 'pending' NOT NULL,
	"message_id" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deliveries_event_id_channel_pk" PRIMARY KEY("event_id","channel")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "dead_letters_stream_entry_id_unique" ON "dead_letters" USING btree ("stream_entry_id");