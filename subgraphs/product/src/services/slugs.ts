/** Longest slug body; the uniqueness suffix (-2, -3, …) comes on top. */
export const MAX_SLUG_LENGTH = 80;

/**
 * A URL-friendly name: lowercase ASCII letters, digits and single dashes, accents folded ("Crème brûlée" →
 * "creme-brulee"), cut at a word boundary; "product" when nothing usable is left.
 */
export function slugify(title: string): string {
  const words = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/['’]/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = "";
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > MAX_SLUG_LENGTH) break;
    slug = next;
  }
  return slug || words[0]?.slice(0, MAX_SLUG_LENGTH) || "product";
}

/**
 * The first free slug among `base`, `base-2`, `base-3`, … given the slugs already taken that start with `base`.
 * Gaps are reused; other slugs that merely share the prefix ("base-plate") are ignored.
 */
export function firstFreeSlug(base: string, taken: Iterable<string>): string {
  const used = new Set<number>();
  for (const slug of taken) {
    if (slug === base) used.add(1);
    const match = slug.startsWith(`${base}-`) ? /^([1-9][0-9]{0,8})$/.exec(slug.slice(base.length + 1)) : null;
    if (match) used.add(Number(match[1]));
  }
  let n = 1;
  while (used.has(n)) n += 1;
  return n === 1 ? base : `${base}-${n}`;
}
