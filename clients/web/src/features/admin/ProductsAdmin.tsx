import { useMutation, useQuery } from "@apollo/client/react";
import { useState } from "react";
import { messageOf } from "../../errors/messages";
import { AdminProducts, CreateProduct } from "./operations";
import { ProductEditor } from "./ProductEditor";
import { textOf } from "../../forms";

/** Products: find one by search, create one, and edit, restock or archive each. */
export function ProductsAdmin() {
  const [search, setSearch] = useState("");
  const { data, error, refetch } = useQuery(AdminProducts, { variables: { search: search || null }, fetchPolicy: "cache-and-network" });
  const [createProduct, creating] = useMutation(CreateProduct);
  return (
    <>
      <form
        role="search"
        className="inline"
        onSubmit={(event) => {
          event.preventDefault();
          setSearch(textOf(new FormData(event.currentTarget), "search"));
        }}
      >
        <label>
          Find products
          <input name="search" type="search" />
        </label>
        <button type="submit">Find</button>
      </form>
      {error && <p role="alert">{messageOf(error)}</p>}
      {data && <p>{data.products.totalCount} active products</p>}
      <ul className="admin-products">
        {data?.products.edges.map(({ node }) => (
          <ProductEditor key={node.id} product={node} onArchived={() => void refetch()} />
        ))}
      </ul>
      <h2>New product</h2>
      <form
        className="stack narrow"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const fields = new FormData(form);
          const input = {
            sku: textOf(fields, "sku"),
            title: textOf(fields, "title"),
            description: textOf(fields, "description"),
            priceAmount: Math.round(Number(textOf(fields, "price")) * 100),
            categorySlug: textOf(fields, "category"),
          };
          void createProduct({ variables: { input } }).then(
            async () => {
              form.reset();
              setSearch(input.title);
              await refetch();
            },
            () => undefined,
          );
        }}
      >
        <label>
          SKU
          <input name="sku" required />
        </label>
        <label>
          Title
          <input name="title" required />
        </label>
        <label>
          Description
          <textarea name="description" rows={3} />
        </label>
        <label>
          Price
          <input name="price" type="number" min="0" step="0.01" required />
        </label>
        <label>
          Category
          <select name="category" required>
            {data?.categories.map((category) => (
              <option key={category.id} value={category.slug}>
                {category.name}
              </option>
            ))}
          </select>
        </label>
        {creating.error && <p role="alert">{messageOf(creating.error)}</p>}
        <button type="submit" disabled={creating.loading}>
          Create product
        </button>
      </form>
    </>
  );
}
