import { z } from "zod";
import { badUserInput, isUuid, MAX_ORDER_LINES, parseId, parseInput } from "@shop/runtime";
import type { StockLineInput } from "../../generated/resolvers";

/** Most units of one product an order may hold. */
const MAX_LINE_QUANTITY = 999;
/** Longest hold a caller may ask for: a day. */
export const MAX_TTL_SECONDS = 86_400;

/** Units of one product held for an order: the SDL's StockLineInput. */
export type StockLine = StockLineInput;

const linesSchema = z
  .array(
    z.object({
      productId: z.string().refine(isUuid, "is not a valid id"),
      quantity: z
        .number()
        .int("must be a whole number")
        .min(1, "must be at least 1")
        .max(MAX_LINE_QUANTITY, `must be at most ${MAX_LINE_QUANTITY}`),
    }),
  )
  .min(1, "must hold at least one line")
  // Also the most lines a cart may hold (the cart subgraph checks the same constant), so any cart can be reserved.
  .max(MAX_ORDER_LINES, `must hold at most ${MAX_ORDER_LINES} lines`);

/** A reservation request as the reservation code uses it: ids lower-cased, lines merged per product. */
export interface ReserveRequest {
  orderId: string;
  lines: StockLine[];
  ttlSeconds: number;
}

/**
 * Validates a reserve request (BAD_USER_INPUT naming `orderId`, `lines.<i>.productId`, `lines.<i>.quantity`, `lines`
 * or `ttlSeconds`) and merges lines of the same product; lines come out sorted by product id, the order every
 * lock and key list follows.
 */
export function parseReserveRequest(
  input: { orderId: string; lines: readonly StockLine[]; ttlSeconds?: number | null },
  defaultTtlSeconds: number,
): ReserveRequest {
  const orderId = parseId(input.orderId, "orderId");
  const ttlSeconds = input.ttlSeconds ?? defaultTtlSeconds;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_TTL_SECONDS) {
    throw badUserInput("ttlSeconds", `must be a whole number of seconds from 1 to ${MAX_TTL_SECONDS}`);
  }
  return { orderId, lines: parseStockLines(input.lines), ttlSeconds };
}

/**
 * Validates lines (BAD_USER_INPUT naming `lines.<i>.productId`, `lines.<i>.quantity` or `lines`) and merges lines of
 * the same product; they come out sorted by product id, the order every lock and key list follows.
 */
export function parseStockLines(input: readonly StockLine[]): StockLine[] {
  const merged = new Map<string, number>();
  for (const line of parseInput(linesSchema, input, "lines")) {
    const productId = line.productId.toLowerCase();
    merged.set(productId, (merged.get(productId) ?? 0) + line.quantity);
  }
  const lines = [...merged].map(([productId, quantity]) => ({ productId, quantity })).sort(byProductId);
  const tooMany = lines.find((line) => line.quantity > MAX_LINE_QUANTITY);
  if (tooMany)
    throw badUserInput("lines", `product ${tooMany.productId} adds up to ${tooMany.quantity} units, more than ${MAX_LINE_QUANTITY}`);
  return lines;
}

function byProductId(a: { productId: string }, b: { productId: string }): number {
  return a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0;
}

/** The compact form stored as the value of an order's field in `held`: "p1:q1,p2:q2". */
export function encodeLines(lines: readonly StockLine[]): string {
  return lines.map((line) => `${line.productId}:${line.quantity}`).join(",");
}

/** Reads back `encodeLines`; a malformed part is skipped (the value is written only by this code). */
export function decodeLines(value: string): StockLine[] {
  return value.split(",").flatMap((part) => {
    const [productId, quantity] = part.split(":");
    return productId && quantity && /^\d+$/.test(quantity) ? [{ productId, quantity: Number(quantity) }] : [];
  });
}

/** True when both hold the same units of the same products, whatever their order. */
export function sameLines(a: readonly StockLine[], b: readonly StockLine[]): boolean {
  if (a.length !== b.length) return false;
  const left = encodeLines([...a].sort(byProductId));
  return left === encodeLines([...b].sort(byProductId));
}
