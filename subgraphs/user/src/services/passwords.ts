import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { rateLimited } from "@shop/runtime";
import { createBoundedQueue, QueueFullError, type BoundedQueue } from "./hashing-queue";

/** scrypt: memory-hard, built into Node (no native add-on), recommended by OWASP alongside argon2id. */
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize("NFKC"), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

function options(logN: number, r: number, p: number): ScryptOptions {
  const N = 2 ** logN;
  return { N, r, p, maxmem: 256 * N * r };
}

/** Hashes with cost 2^logN; the parameters are stored in the hash, so raising the cost keeps old hashes valid. */
export async function hashPassword(password: string, logN: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, options(logN, BLOCK_SIZE, PARALLELISM));
  return ["scrypt", logN, BLOCK_SIZE, PARALLELISM, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** Constant-time comparison against a stored hash; false for any malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, logN, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !logN || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const actual = await scrypt(password, Buffer.from(salt, "base64url"), options(Number(logN), Number(r), Number(p)));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Hashes at once: scrypt runs on libuv's thread pool, 4 threads unless UV_THREADPOOL_SIZE says otherwise. More would
 * only wait inside libuv, where nothing bounds or refuses them.
 */
const HASHING_SLOTS = Math.max(1, Number(process.env.UV_THREADPOOL_SIZE) || 4);

/** signUp's and logIn's scrypt work, through a bounded queue (PASSWORD_HASH_QUEUE_LIMIT). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
  /** The queue itself: tests fill it to see what a burst of hashes does. */
  readonly queue: BoundedQueue;
}

/**
 * Every hash and verification waits for one of HASHING_SLOTS, with at most `queueLimit` waiting. A burst of logIns
 * (each ~50–150 ms of a thread) would otherwise queue without bound, and every caller, legitimate or not, would wait
 * seconds; past the limit a call is refused at once with RATE_LIMITED (retry in 1 s) and costs no hashing at all.
 */
export function createPasswordHasher(options: { logN: number; queueLimit: number }): PasswordHasher {
  const queue = createBoundedQueue({ concurrency: HASHING_SLOTS, limit: options.queueLimit });
  const run = async <T>(task: () => Promise<T>): Promise<T> => {
    try {
      return await queue.run(task);
    } catch (error) {
      if (error instanceof QueueFullError) throw rateLimited(1, "Too many sign-ins at this moment: retry shortly");
      throw error;
    }
  };
  return {
    hash: (password) => run(() => hashPassword(password, options.logN)),
    verify: (password, stored) => run(() => verifyPassword(password, stored)),
    queue,
  };
}
