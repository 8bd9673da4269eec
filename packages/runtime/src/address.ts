import { z } from "zod";

const line = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

/** A postal address as clients send it (AddressInput), shared by the address book and checkout. */
export const addressInputSchema = z.object({
  name: line(120),
  line1: line(200),
  line2: z
    .string()
    .trim()
    .max(200, "must be at most 200 characters")
    .nullish()
    .transform((value) => value || null),
  city: line(120),
  postalCode: line(20),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as US"),
});

export type AddressInput = z.output<typeof addressInputSchema>;
