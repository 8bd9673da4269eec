import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { Redis } from "ioredis";
import { tracesExported } from "./tracing";

export { Redis };

export interface RedisOptions {
  lazyConnect?: boolean;
  /** Put before every key the client sends (also the KEYS of scripts), but not before key names a script builds itself. */
  keyPrefix?: string;
  /**
   * For a cache, which requests must never wait on: a command fails at once while Redis is unreachable (no offline
   * queue, no retries) and after 500 ms when it does not answer.
   */
  failFast?: boolean;
}

/**
 * One ioredis client; commands fail instead of queueing forever while Redis is down. While spans are exported
 * (tracing.ts) each command gets one.
 */
export function connectRedis(url: string, options: RedisOptions = {}): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: options.failFast ? 0 : 3,
    enableOfflineQueue: !options.failFast,
    ...(options.failFast ? { commandTimeout: 500 } : {}),
    lazyConnect: options.lazyConnect ?? false,
    keyPrefix: options.keyPrefix ?? "",
  });
  return tracesExported() ? traceCommands(redis) : redis;
}

/**
 * A span per command, named by the command alone: keys and arguments are customer data (and scripts' sources), so
 * they are left out. Every command of the client passes through `sendCommand`, Lua scripts (EVALSHA) included.
 */
function traceCommands(redis: Redis): Redis {
  const send = redis.sendCommand.bind(redis);
  redis.sendCommand = (command: Parameters<Redis["sendCommand"]>[0], ...rest: unknown[]) => {
    const name = command.name.toLowerCase();
    const span = trace
      .getTracer("shop")
      .startSpan(
        `redis ${name}`,
        { kind: SpanKind.CLIENT, attributes: { "db.system.name": "redis", "db.operation.name": name } },
        context.active(),
      );
    command.promise.then(
      () => span.end(),
      () => {
        span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      },
    );
    return (send as (...args: unknown[]) => unknown)(command, ...rest);
  };
  return redis;
}

/** Quits gracefully (pending replies arrive), or drops the connection when Redis does not answer. */
export async function closeRedis(redis: Redis): Promise<void> {
  await redis.quit().catch(() => redis.disconnect());
}

/**
 * Runs a Lua script by EVALSHA (ioredis sends the source only when Redis does not know it yet), defining it on this
 * client the first time under `name`. Keys vary per call, so their count is sent with them.
 */
export function runScript<Reply>(
  redis: Redis,
  name: string,
  lua: string,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<Reply> {
  const client = redis as unknown as Record<string, (args: unknown[]) => Promise<Reply>>;
  if (typeof client[name] !== "function") redis.defineCommand(name, { lua });
  // One array (ioredis flattens it): callers may pass more arguments than a spread call takes.
  return client[name]!([keys.length, ...keys, ...args]);
}
