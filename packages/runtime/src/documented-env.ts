/**
 * The defaults a README's environment tables document, by variable: rows whose first cell names variables in
 * backticks and whose second cell gives as many defaults in backticks (`empty` is the empty string). Rows that
 * document a range (`USER_PORT` … `ORDER_PORT`) or describe a default in words are left out. Lets a test hold each
 * settings schema and its README to the same defaults.
 */
export function documentedDefaults(markdown: string): Map<string, string> {
  const defaults = new Map<string, string>();
  for (const line of markdown.split("\n")) {
    const [, variables, values] = line.split("|").map((cell) => cell.trim());
    if (!variables || values === undefined || variables.includes("…")) continue;
    const names = backticked(variables).filter((name) => /^[A-Z][A-Z0-9_]*$/.test(name));
    const given = values === "empty" ? [""] : backticked(values);
    if (names.length === 0 || names.length !== given.length) continue;
    names.forEach((name, index) => defaults.set(name, given[index]!));
  }
  return defaults;
}

function backticked(cell: string): string[] {
  return [...cell.matchAll(/`([^`]*)`/g)].map((match) => match[1]!);
}
