import { z } from "zod";

/**
 * The order events this worker reads: entries of the `orders.events` stream that the order subgraph's outbox relay
 * writes (subgraphs/order/src/services/events.ts is the writer's side). Fields of an entry: `id` (the outbox id),
 * `topic`, `payload` (JSON). Only `order.status_changed` is known; the payload holds ids and the new status, never
 * personal data.
 */
const ORDER_STATUS_CHANGED = "order.status_changed";

const ORDER_STATUSES = ["PENDING_PAYMENT", "PAID", "PACKED", "SHIPPED", "DELIVERED", "CANCELLED"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const payloadSchema = z.object({
  eventId: z.number().int().positive(),
  orderId: z.string().uuid(),
  userId: z.string().uuid(),
  status: z.enum(ORDER_STATUSES),
  note: z.string().nullable(),
  at: z.string(),
});

export type OrderEvent = z.infer<typeof payloadSchema>;

/** One stream entry: its id and its fields as Redis returns them (a flat name, value, name, value list). */
export interface StreamEntry {
  id: string;
  fields: string[];
}

export type ParsedEntry = { ok: true; event: OrderEvent } | { ok: false; reason: string; eventId: number | null };

/** The entry's order event, or why it is not one (a poison entry, dead-lettered without retry). */
export function parseEntry(entry: StreamEntry): ParsedEntry {
  const fields = new Map<string, string>();
  for (let index = 0; index + 1 < entry.fields.length; index += 2) fields.set(entry.fields[index]!, entry.fields[index + 1]!);
  const topic = fields.get("topic");
  if (topic !== ORDER_STATUS_CHANGED) return { ok: false, reason: `unknown topic ${JSON.stringify(topic ?? null)}`, eventId: null };
  let json: unknown;
  try {
    json = JSON.parse(fields.get("payload") ?? "");
  } catch {
    return { ok: false, reason: "payload is not JSON", eventId: null };
  }
  const parsed = payloadSchema.safeParse(json);
  if (parsed.success) return { ok: true, event: parsed.data };
  const eventId = (json as { eventId?: unknown } | null)?.eventId;
  return {
    ok: false,
    reason: `malformed payload: ${parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"} ${issue.message}`).join("; ")}`,
    eventId: typeof eventId === "number" && Number.isSafeInteger(eventId) ? eventId : null,
  };
}

/** The entry's fields as one readable line, for the dead-letter list. */
export function describeFields(entry: StreamEntry): string {
  const fields: Record<string, string> = {};
  for (let index = 0; index + 1 < entry.fields.length; index += 2) fields[entry.fields[index]!] = entry.fields[index + 1]!;
  return JSON.stringify(fields);
}
