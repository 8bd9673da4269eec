import { z } from "zod";
import { badUserInput } from "@shop/runtime";

export const SKU_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,39}$/;
const MAX_TITLE_LENGTH = 200;
const MAX_DESCRIPTION_LENGTH = 5000;
/** One million in major units: a guard against typos (cents entered twice), far above any real price here. */
const MAX_PRICE_AMOUNT = 100_000_000;

const title = z.string().trim().min(1, "must not be empty").max(MAX_TITLE_LENGTH, `must be at most ${MAX_TITLE_LENGTH} characters`);
const description = z.string().trim().max(MAX_DESCRIPTION_LENGTH, `must be at most ${MAX_DESCRIPTION_LENGTH} characters`);
const priceAmount = z
  .number()
  .int("must be an integer amount of minor units")
  .min(0, "must be zero or more")
  .max(MAX_PRICE_AMOUNT, `must be at most ${MAX_PRICE_AMOUNT}`);
const currency = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD");
const categorySlug = z.string().trim().min(1, "must not be empty");

/** CreateProductInput: the SKU is trimmed and uppercased before its pattern is checked. */
export const createProductSchema = z.object({
  sku: z.string().trim().toUpperCase().regex(SKU_PATTERN, "must be 2 to 40 letters, digits or dashes, starting with a letter or digit"),
  title,
  description: description.nullish().transform((value) => value ?? ""),
  priceAmount,
  currency: currency.nullish().transform((value) => value ?? "USD"),
  categorySlug,
});

/** UpdateProductInput: every field optional; absent fields keep their value. */
export const updateProductSchema = z.object({
  title: title.optional(),
  description: description.optional(),
  priceAmount: priceAmount.optional(),
  currency: currency.optional(),
  categorySlug: categorySlug.optional(),
});

/** Every product column is NOT NULL, so an explicit null in an update is a mistake, not "clear it". */
export function refuseNulls(input: Record<string, unknown>, path: string): void {
  for (const [field, value] of Object.entries(input)) {
    if (value === null) throw badUserInput(`${path}.${field}`, "must not be null: omit the field to keep its value");
  }
}
