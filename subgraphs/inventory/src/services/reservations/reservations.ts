import { conflict, notFound, parseId } from "@shop/runtime";
import { GraphQLError } from "graphql";
import { availableKey } from "../stock/counter-keys";
import { commitScript, readReadyToken, releaseScript, reserveScript, returnScript } from "../stock/counters";
import type { StockEngine } from "../stock/engine";
import { parseReserveRequest, parseStockLines, sameLines, type StockLine } from "./reservation-lines";
import { commitOnHand, insertPending, markActive, moveOnHand, readOrder, releaseHeld, type ReservationRow } from "./reservation-rows";
import { shortagesOf, stateOfRows, type ReservationResult, type Shortage } from "./reservation-state";

/** A script that answered MISSING is retried after a resync this many times in all. */
const ATTEMPTS = 4;

/**
 * Reserves all lines of an order or none, for `ttlSeconds` (README "Protocol"). Idempotent per order id: a
 * replay answers from the order's rows. A sold-out line is refused from the counters alone, writing nothing; any
 * other call announces its products' change to live subscribers (a replay's announcement is a harmless repeat).
 */
export async function reserve(
  engine: StockEngine,
  input: { orderId: string; lines: readonly StockLine[]; ttlSeconds?: number | null },
): Promise<ReservationResult> {
  const { orderId, lines, ttlSeconds } = parseReserveRequest(input, engine.defaultTtlSeconds);
  const counters = await engine.redis.mget(lines.map((line) => availableKey(line.productId)));
  const short = shortagesOf(lines, counters);
  if (short.length > 0) {
    const rows = await readOrder(engine.db, orderId);
    return rows.length > 0 ? answerReplay(engine, orderId, lines, rows) : refused(orderId, short);
  }
  try {
    return await reserveWritten(engine, orderId, lines, ttlSeconds);
  } finally {
    await engine.stockChanged(lines.map((line) => line.productId));
  }
}

/** The part of `reserve` that writes: PENDING rows, then the script. */
async function reserveWritten(engine: StockEngine, orderId: string, lines: StockLine[], ttlSeconds: number): Promise<ReservationResult> {
  const written = await insertPending(engine.db, orderId, lines, ttlSeconds);
  if (written.kind === "inserted") return takeInRedis(engine, orderId, lines, written.expiresAt);
  const rows = await readOrder(engine.db, orderId);
  if (rows.length > 0) return answerReplay(engine, orderId, lines, rows);
  if (written.kind === "exists") throw new Error(`reservation rows of order ${orderId} vanished`);
  const unstocked = new Set(written.productIds);
  const lacking = lines.filter((line) => unstocked.has(line.productId));
  return refused(
    orderId,
    lacking.map((line) => ({ productId: line.productId, requested: line.quantity, available: 0 })),
  );
}

/**
 * The lines the counters cannot serve right now, from one MGET: what `reserve` would refuse, without holding or
 * writing anything. A missing counter (Redis lost it; the resync is on its way) is never a shortage.
 */
export async function shortages(engine: StockEngine, input: readonly StockLine[]): Promise<Shortage[]> {
  const lines = parseStockLines(input);
  return shortagesOf(lines, await engine.redis.mget(lines.map((line) => availableKey(line.productId))));
}

/** Gives an order's units back. Idempotent; an order never reserved (or refused) answers RELEASED too. */
export async function release(engine: StockEngine, orderIdArg: string): Promise<ReservationResult> {
  const orderId = parseId(orderIdArg, "orderId");
  const released = await releaseHeld(engine.db, orderId, "CANCELLED");
  const rows = released.length > 0 ? released : await readOrder(engine.db, orderId);
  const state = stateOfRows(rows) ?? "RELEASED";
  // Also on a replay: a crash may have come between the PostgreSQL update and the script (it acts only once).
  if (state === "RELEASED" || state === "REFUSED") await releaseInRedis(engine, orderId, rows);
  if (released.length > 0) await engine.stockChanged(released.map((row) => row.productId));
  return result(orderId, state === "REFUSED" ? "RELEASED" : state, rows);
}

/**
 * Makes a held reservation final: on_hand decremented in PostgreSQL (available already excluded those units).
 * Answers RELEASED when the hold lapsed before payment was committed, so the caller can refund. Idempotent.
 */
export async function commit(engine: StockEngine, orderIdArg: string): Promise<ReservationResult> {
  const orderId = parseId(orderIdArg, "orderId");
  const committed = await commitOnHand(engine.db, orderId);
  const rows = committed.length > 0 ? committed : await readOrder(engine.db, orderId);
  const state = stateOfRows(rows);
  if (state === null) throw notFound("Reservation", orderId);
  if (state === "HELD")
    throw conflict("orderId", `the reservation of order ${orderId} is still being taken: call reserveStock again first`);
  if (state === "COMMITTED") await withRecovery(engine, () => commitScript(engine.redis, orderId));
  if (committed.length > 0) await engine.stockChanged(committed.map((row) => row.productId));
  return result(orderId, state === "REFUSED" ? "RELEASED" : state, rows);
}

/** Puts the units of a committed (paid, then cancelled) order back on hand and into the counters. Idempotent. */
export async function returnStock(engine: StockEngine, orderIdArg: string): Promise<ReservationResult> {
  const orderId = parseId(orderIdArg, "orderId");
  // The token is read while the stock rows are locked: see return.lua for why that makes a double count impossible.
  const { rows: returned, locked: token } = await moveOnHand(engine.db, orderId, { from: "COMMITTED", to: "RETURNED", sign: 1 }, () =>
    readReadyToken(engine.redis),
  );
  if (returned.length > 0) {
    const answer = token === null ? "MISSING" : await returnScript(engine.redis, token, returned);
    // Either way the next resync reads the new on_hand; until it runs the counters only undercount.
    if (answer === "MISSING") await engine.recover();
    if (answer === "STALE") await engine.rebuild();
    await engine.stockChanged(returned.map((row) => row.productId));
    return result(orderId, "RETURNED", returned);
  }
  const rows = await readOrder(engine.db, orderId);
  const state = stateOfRows(rows);
  if (state === null) throw notFound("Reservation", orderId);
  return result(orderId, state, rows);
}

/**
 * A replay: the same lines must be asked; a held order runs the script again (ALREADY) and is marked ACTIVE; a
 * released one also runs release.lua, in case its first caller died between PostgreSQL and Redis.
 */
async function answerReplay(engine: StockEngine, orderId: string, lines: readonly StockLine[], rows: ReservationRow[]) {
  if (!sameLines(lines, rows)) throw conflict("lines", `order ${orderId} was already reserved with other lines`);
  const state = stateOfRows(rows);
  if (state === "HELD") return takeInRedis(engine, orderId, lines, rows[0]!.expiresAt);
  if (state === "RELEASED" || state === "REFUSED") await releaseInRedis(engine, orderId, rows);
  return answerFromRows(engine, orderId, rows);
}

/** Runs reserve.lua for rows already written, and records in PostgreSQL what Redis answered. */
async function takeInRedis(engine: StockEngine, orderId: string, lines: readonly StockLine[], expiresAt: Date): Promise<ReservationResult> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    const answer = await reserveScript(engine.redis, orderId, lines);
    if (answer.kind === "MISSING") {
      await engine.recover();
      continue;
    }
    if (answer.kind === "INSUFFICIENT") {
      const released = await releaseHeld(engine.db, orderId, "REFUSED");
      return released.length > 0
        ? refused(orderId, answer.shortages)
        : answerFromRows(engine, orderId, await readOrder(engine.db, orderId));
    }
    if ((await markActive(engine.db, orderId)) === lines.length) return { orderId, state: "HELD", shortages: [], expiresAt };
    // Released meanwhile (release, sweeper, or a resync that could not fit it): undo what the script took.
    const rows = await readOrder(engine.db, orderId);
    await releaseInRedis(engine, orderId, rows);
    return answerFromRows(engine, orderId, rows);
  }
  throw unavailable();
}

/** The answer for an order that is not (or no longer) held; REFUSED lists the lines short right now. */
async function answerFromRows(engine: StockEngine, orderId: string, rows: ReservationRow[]): Promise<ReservationResult> {
  const state = stateOfRows(rows) ?? "RELEASED";
  if (state !== "REFUSED") return result(orderId, state, rows);
  const counters = await engine.redis.mget(rows.map((row) => availableKey(row.productId)));
  return refused(orderId, shortagesOf(rows, counters));
}

/** release.lua for the order's products, resyncing when Redis lost its keys (the resync reads PostgreSQL). */
function releaseInRedis(engine: StockEngine, orderId: string, rows: readonly { productId: string }[]) {
  return withRecovery(engine, () =>
    releaseScript(
      engine.redis,
      orderId,
      rows.map((row) => row.productId),
    ),
  );
}

/** Runs a script, and after a MISSING resyncs and runs it again, a bounded number of times. */
async function withRecovery<T extends string>(engine: StockEngine, script: () => Promise<T>): Promise<T> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    const answer = await script();
    if (answer !== "MISSING") return answer;
    await engine.recover();
  }
  throw unavailable();
}

function result(orderId: string, state: ReservationResult["state"], rows: readonly ReservationRow[]): ReservationResult {
  return { orderId, state, shortages: [], expiresAt: state === "HELD" ? (rows[0]?.expiresAt ?? null) : null };
}

function refused(orderId: string, shortages: Shortage[]): ReservationResult {
  return { orderId, state: "REFUSED", shortages, expiresAt: null };
}

function unavailable(): GraphQLError {
  return new GraphQLError("Stock counters are being rebuilt: try again", { extensions: { code: "SERVICE_UNAVAILABLE" } });
}
