/**
 * The part of Apollo Server's overall cache policy a data source uses. The gateway interface types the policy as
 * `any` (it spans Apollo Server versions); this is its documented `restrict` method.
 */
export interface CachePolicy {
  restrict(hint: { maxAge?: number; scope?: "PUBLIC" | "PRIVATE" }): void;
}

/**
 * Folds one subgraph answer's `Cache-Control` (computed there from its schema's @cacheControl hints) into the
 * operation's overall policy, which Apollo Server turns into the response's `Cache-Control`. An answer without a
 * max-age makes the whole response uncacheable, as Apollo's own data source does; `private` makes it per-viewer.
 */
export function restrictByCacheControl(policy: CachePolicy, header: string | undefined): void {
  let maxAge = 0;
  let scope: "PUBLIC" | "PRIVATE" | undefined;
  for (const directive of header?.split(",") ?? []) {
    const [name, value] = directive.trim().toLowerCase().split("=", 2);
    if (name === "max-age" && value && /^\d+$/.test(value)) maxAge = Number(value);
    if (name === "private") scope = "PRIVATE";
    if (name === "public") scope ??= "PUBLIC";
  }
  policy.restrict(scope ? { maxAge, scope } : { maxAge });
}
