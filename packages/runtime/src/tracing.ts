import type { IncomingMessage, ServerResponse } from "node:http";
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
} from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { NodeSDK, tracing } from "@opentelemetry/sdk-node";

/**
 * Tracing (OpenTelemetry). Every process starts the SDK once, with the W3C trace context propagator and
 * AsyncLocalStorage context, so a trace id follows each request through its async work, into every log line
 * (logger.ts) and across every hop: subgraph fetches and sibling calls (subgraph-http.ts), graphql-ws subscriptions.
 *
 * - With `OTEL_EXPORTER_OTLP_ENDPOINT` set, spans are recorded (the standard `OTEL_TRACES_SAMPLER` applies; by
 *   default a caller's sampling decision, else every trace) and exported as OTLP over HTTP in batches
 *   (`OTEL_BSP_*`). Spans: each HTTP request served, the gateway's own (@apollo/gateway: validation, query planning,
 *   execution, each fetch), each subgraph call, PostgreSQL statements, Redis commands, payment calls, the checkout.
 * - Without it nothing is recorded: ids are still made and passed on (sampled flag off), so logs join up across
 *   services, but no span is kept and PostgreSQL and Redis are not wrapped at all.
 */
let started: { exporting: boolean; sdk: NodeSDK } | undefined;

const tracer = () => trace.getTracer("shop");

/**
 * Starts tracing for this process, named `service`; later calls do nothing (a test stack runs every service in one
 * process, and the first to start names it).
 */
export function startTracing(service: string, otlpEndpoint: string | undefined): void {
  if (started) return;
  const exporting = Boolean(otlpEndpoint);
  const sdk = new NodeSDK({
    serviceName: service,
    // Instrumentation is explicit (below and where spans start): the packages are bundled ESM, out of reach of
    // require hooks, and the few spans that matter cost less written by hand.
    instrumentations: [],
    autoDetectResources: exporting,
    spanProcessors: exporting
      ? [new tracing.BatchSpanProcessor(new OTLPTraceExporter({ url: `${otlpEndpoint!.replace(/\/$/, "")}/v1/traces` }))]
      : [new tracing.NoopSpanProcessor()],
    ...(exporting ? {} : { sampler: new tracing.AlwaysOffSampler() }),
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  started = { exporting, sdk };
}

/** Whether spans are recorded and exported: what wraps PostgreSQL and Redis (db.ts, redis.ts) asks first. */
export function tracesExported(): boolean {
  return started?.exporting ?? false;
}

/** Sends the spans still buffered (on shutdown); resolves at once when nothing is exported. */
export async function flushTraces(): Promise<void> {
  if (started?.exporting) await started.sdk.shutdown().catch(() => {});
}

/** The trace id of the work running now, for log lines; undefined outside any trace. */
export function currentTraceId(): string | undefined {
  const span = trace.getSpanContext(context.active());
  return span && trace.isSpanContextValid(span) ? span.traceId : undefined;
}

/** Adds the trace context of the work running now (`traceparent`) to outgoing headers. */
export function injectTraceContext(headers: Record<string, string>): Record<string, string> {
  propagation.inject(context.active(), headers);
  return headers;
}

/** The context a caller sent in `carrier` (HTTP headers, or a graphql-ws message's extensions). */
export function extractTraceContext(carrier: Record<string, unknown> | null | undefined): Context {
  return carrier ? propagation.extract(ROOT_CONTEXT, carrier) : ROOT_CONTEXT;
}

/** Sets attributes (an order's id…) on the span running now, if it records. */
export function noteOnSpan(attributes: Attributes): void {
  trace.getActiveSpan()?.setAttributes(attributes);
}

/**
 * Runs `work` in a span of its own (child of the span running now, or of `parent`), ending it when `work` settles; a
 * failure is recorded on the span and rethrown.
 */
export function inSpan<T>(
  name: string,
  options: { kind?: SpanKind; attributes?: Attributes; parent?: Context },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(
    name,
    { kind: options.kind, attributes: options.attributes },
    options.parent ?? context.active(),
    (span) =>
      work(span).then(
        (value) => {
          span.end();
          return value;
        },
        (error: unknown) => {
          failSpan(span, error);
          span.end();
          throw error;
        },
      ),
  );
}

/**
 * Runs synchronous `work` in a span that ends when it returns: the start of something long-lived (a subscription),
 * whose later work runs in the context `work` was given and joins the trace from there.
 */
export function startingSpan<T>(
  name: string,
  options: { kind?: SpanKind; attributes?: Attributes; parent?: Context },
  work: (active: Context) => T,
): T {
  return tracer().startActiveSpan(
    name,
    { kind: options.kind, attributes: options.attributes },
    options.parent ?? context.active(),
    (span) => {
      try {
        return work(context.active());
      } catch (error) {
        failSpan(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** Runs `work` in `parent`'s trace context (work a subscription does later, for an event). */
export function inTraceContext<T>(parent: Context, work: () => T): T {
  return context.with(parent, work);
}

function failSpan(span: Span, error: unknown) {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/** What a served request's span learns once it is answered (access-log.ts notes the same). */
export interface ServedOutcome {
  status: number;
  operation: string | null;
  errorCodes: readonly string[];
}

/**
 * Runs the handling of one HTTP request in a SERVER span, child of the caller's `traceparent` when it sent one. The
 * span is named after the GraphQL operation once known (`outcome`, read when the answer is sent).
 */
export function serveInSpan<T>(req: IncomingMessage, res: ServerResponse, path: string, outcome: () => ServedOutcome, work: () => T): T {
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const span = tracer().startSpan(
    `${req.method} ${path}`,
    { kind: SpanKind.SERVER, attributes: { "http.request.method": req.method ?? "GET", "url.path": path } },
    parent,
  );
  res.once("close", () => {
    const { status, operation, errorCodes } = outcome();
    if (operation) {
      span.updateName(operation);
      span.setAttribute("graphql.operation.name", operation);
    }
    span.setAttribute("http.response.status_code", status);
    if (errorCodes.length > 0) span.setAttribute("graphql.error.codes", [...errorCodes]);
    if (status >= 500 || errorCodes.includes("INTERNAL_SERVER_ERROR")) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  return context.with(trace.setSpan(parent, span), work);
}

export { SpanKind, type Context as TraceContext };
