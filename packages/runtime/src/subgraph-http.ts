import { Agent, request } from "undici";
import { latencyHistogram } from "./metrics";
import { scopeHeaders } from "./request-scope";
import { inSpan, injectTraceContext, SpanKind } from "./tracing";
import { CACHE_TAGS_HEADER } from "./response-cache";

/** What a subgraph answered over HTTP: the status, the headers the caller reads, and the body as text. */
export interface SubgraphAnswer {
  status: number;
  /** The callee's `Cache-Control` (its @cacheControl policy for this operation), if any. */
  cacheControl: string | undefined;
  /** The callee's `x-shop-cache-tags`: the catalogue entities this answer depends on (see response-cache). */
  cacheTags: string | undefined;
  text: string;
}

/** Thrown when the callee did not answer in time, or not at all; its message carries the URL, for the log only. */
export class SubgraphUnreachableError extends Error {
  override readonly name = "SubgraphUnreachableError";
}

// One keep-alive pool per process for every subgraph origin it calls: a connection is reused across requests
// instead of opened per fetch. Idle sockets close after 30 s, before the subgraphs' own 65 s keep-alive timeout,
// so the pool never writes to a socket the server is closing.
const agent = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 30_000, connections: 256 });

const fetchDuration = latencyHistogram(
  "shop_subgraph_fetch_duration_seconds",
  "Calls to a subgraph (the gateway's fetches, a subgraph's calls to its siblings), by callee and outcome: ok (HTTP 2xx), refused (any other status) or unreachable (no answer in time).",
  ["subgraph", "outcome"],
);

/**
 * POSTs a GraphQL request body to a subgraph over the shared pool, giving up after `timeoutMs` for the whole exchange
 * (connect, headers and body). Statuses are the caller's to judge; only "no answer" throws. `subgraph` names the
 * callee in the fetch metrics.
 */
export async function postToSubgraph(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  subgraph = "unnamed",
): Promise<SubgraphAnswer> {
  return inSpan(`POST ${subgraph}`, { kind: SpanKind.CLIENT, attributes: { "shop.subgraph": subgraph, "url.full": url } }, (span) =>
    post(url, body, headers, timeoutMs, subgraph).then((answer) => {
      span.setAttribute("http.response.status_code", answer.status);
      return answer;
    }),
  );
}

async function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number, subgraph: string) {
  const signal = AbortSignal.timeout(timeoutMs);
  const stopTimer = fetchDuration.startTimer({ subgraph });
  try {
    const response = await request(url, {
      method: "POST",
      // The request this fetch serves goes with it (request id, trace context), so the callee's lines join the caller's.
      headers: injectTraceContext({ "content-type": "application/json", ...scopeHeaders(), ...headers }),
      body,
      dispatcher: agent,
      signal,
    });
    const text = await response.body.text();
    stopTimer({ outcome: response.statusCode >= 200 && response.statusCode < 300 ? "ok" : "refused" });
    return {
      status: response.statusCode,
      cacheControl: headerValue(response.headers["cache-control"]),
      cacheTags: headerValue(response.headers[CACHE_TAGS_HEADER]),
      text,
    };
  } catch (error) {
    stopTimer({ outcome: "unreachable" });
    const what = signal.aborted ? `did not answer within ${timeoutMs} ms` : "did not answer";
    throw new SubgraphUnreachableError(`${url} ${what}`, { cause: error });
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(", ") : value;
}
