CREATE TABLE "guest_cart_merges" (
	"guest_cart_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"merged_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "carts" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
CREATE INDEX "carts_guest_updated_at_idx" ON "carts" USING btree ("updated_at") WHERE "carts"."user_id" is null;