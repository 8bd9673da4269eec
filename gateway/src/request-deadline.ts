import { requestTimedOut } from "@shop/runtime";

/**
 * The deadline of one client request (GATEWAY_REQUEST_TIMEOUT_MS), started when it arrives. Each subgraph fetch of
 * the request is abandoned when it passes (./data-source), so the plan ends at once with REQUEST_TIMEOUT on whatever
 * had not answered; the status is chosen in ./http-status (504 when nothing was answered).
 */
export function requestDeadline(timeoutMs: number): AbortSignal {
  return AbortSignal.timeout(timeoutMs);
}

/**
 * `work`, or REQUEST_TIMEOUT as soon as `deadline` passes. For a fetch shared by several requests: one sharer's
 * deadline stops that sharer waiting, never the fetch the others still wait for.
 */
export function untilDeadline<T>(work: Promise<T>, deadline: AbortSignal | undefined): Promise<T> {
  if (!deadline) return work;
  if (deadline.aborted) return Promise.reject(requestTimedOut());
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(requestTimedOut());
    deadline.addEventListener("abort", stop, { once: true });
    work.then(resolve, reject).finally(() => deadline.removeEventListener("abort", stop));
  });
}
