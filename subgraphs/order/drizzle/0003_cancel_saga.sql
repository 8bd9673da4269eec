CREATE TYPE "public"."cancellation_step" AS ENUM('REQUESTED', 'REFUNDED', 'RESTOCKED', 'COMPLETED');--> statement-breakpoint
CREATE TABLE "cancellations" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"paid" boolean NOT NULL,
	"note" text NOT NULL,
	"step" "cancellation_step" DEFAULT 'REQUESTED' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "cancel_requested_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "cancellations" ADD CONSTRAINT "cancellations_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cancellations_unfinished_idx" ON "cancellations" USING btree ("updated_at") WHERE "cancellations"."step" <> 'COMPLETED';--> statement-breakpoint
CREATE INDEX "order_events_at_id_idx" ON "order_events" USING btree ("at","id");