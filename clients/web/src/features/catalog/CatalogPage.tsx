import { useQuery } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { messageOf } from "../../errors/messages";
import { filterFromSearchParams } from "./filters";
import { Catalog } from "./operations";
import { ProductCard } from "./ProductCard";
import { textOf } from "../../forms";

const PAGE_SIZE = 12;

/** Browsing: search, a category, a price range, and pages of products by cursor with the total count. */
export function CatalogPage() {
  const [params, setParams] = useSearchParams();
  // The cursors of the pages before this one, so "Previous" goes back without a backward cursor from the server.
  const [cursors, setCursors] = useState<(string | null)[]>([]);
  const after = cursors.at(-1) ?? null;
  const { data, previousData, loading, error } = useQuery(Catalog, {
    variables: { filter: filterFromSearchParams(params), first: PAGE_SIZE, after },
  });
  const shown = data ?? previousData;

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of ["q", "category", "min", "max"]) {
      const value = textOf(form, key);
      if (value) next.set(key, value);
    }
    setCursors([]);
    setParams(next);
  }

  const page = cursors.length + 1;
  const connection = shown?.products;
  return (
    <section aria-labelledby="catalog-title">
      <h1 id="catalog-title">Products</h1>
      <form className="filters" role="search" onSubmit={applyFilters} key={params.toString()}>
        <label>
          Search
          <input name="q" type="search" defaultValue={params.get("q") ?? ""} />
        </label>
        <label>
          Category
          <select name="category" defaultValue={params.get("category") ?? ""}>
            <option value="">All categories</option>
            {shown?.categories.map((category) => (
              <option key={category.id} value={category.slug}>
                {category.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Min price
          <input name="min" type="number" min="0" step="0.01" inputMode="decimal" defaultValue={params.get("min") ?? ""} />
        </label>
        <label>
          Max price
          <input name="max" type="number" min="0" step="0.01" inputMode="decimal" defaultValue={params.get("max") ?? ""} />
        </label>
        <button type="submit">Apply</button>
      </form>
      {error && <p role="alert">{messageOf(error)}</p>}
      {connection && (
        <>
          <p aria-live="polite">
            {connection.totalCount === 1 ? "1 product" : `${connection.totalCount} products`}
            {connection.totalCount > PAGE_SIZE && ` · page ${page} of ${Math.ceil(connection.totalCount / PAGE_SIZE)}`}
          </p>
          <ul className="grid" aria-busy={loading}>
            {connection.edges.map(({ node }) => (
              <ProductCard key={node.id} product={node} />
            ))}
          </ul>
          <nav className="pager" aria-label="Pages">
            <button type="button" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
              Previous
            </button>
            <button
              type="button"
              disabled={!connection.pageInfo.hasNextPage}
              onClick={() => setCursors([...cursors, connection.pageInfo.endCursor])}
            >
              Next
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
