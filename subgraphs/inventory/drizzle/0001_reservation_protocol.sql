-- Hand-edited from drizzle-kit's output: it adds the enum values with ALTER TYPE ... ADD VALUE, but the migrator
-- applies every pending migration in ONE transaction and PostgreSQL refuses to use a value added in the same
-- transaction (the index predicates below use 'PENDING'). So the type is rebuilt with all five values instead.
CREATE TYPE "public"."reservation_release_reason" AS ENUM('REFUSED', 'CANCELLED', 'EXPIRED', 'ABANDONED');--> statement-breakpoint
DROP INDEX "reservations_active_product_idx";--> statement-breakpoint
DROP INDEX "reservations_active_expires_idx";--> statement-breakpoint
ALTER TYPE "public"."reservation_status" RENAME TO "reservation_status_v1";--> statement-breakpoint
CREATE TYPE "public"."reservation_status" AS ENUM('PENDING', 'ACTIVE', 'COMMITTED', 'RELEASED', 'RETURNED');--> statement-breakpoint
ALTER TABLE "reservations" ALTER COLUMN "status" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "reservations" ALTER COLUMN "status" SET DATA TYPE "public"."reservation_status" USING "status"::text::"public"."reservation_status";--> statement-breakpoint
ALTER TABLE "reservations" ALTER COLUMN "status" SET DEFAULT 'ACTIVE';--> statement-breakpoint
DROP TYPE "public"."reservation_status_v1";--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "release_reason" "reservation_release_reason";--> statement-breakpoint
CREATE INDEX "reservations_held_product_idx" ON "reservations" USING btree ("product_id") WHERE "reservations"."status" in ('PENDING', 'ACTIVE');--> statement-breakpoint
CREATE INDEX "reservations_held_expires_idx" ON "reservations" USING btree ("expires_at") WHERE "reservations"."status" in ('PENDING', 'ACTIVE');--> statement-breakpoint
CREATE INDEX "reservations_pending_created_idx" ON "reservations" USING btree ("created_at") WHERE "reservations"."status" = 'PENDING';
