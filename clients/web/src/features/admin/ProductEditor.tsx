import { useMutation } from "@apollo/client/react";
import { getFragmentData, type FragmentType } from "../../generated";
import { messageOf } from "../../errors/messages";
import { formatMoney } from "../../money";
import { AdminProductFields, ArchiveProduct, SetStock, UpdateProduct } from "./operations";
import { textOf } from "../../forms";

/** One product in the admin list: its title and price to edit, its stock to set, and archiving. */
export function ProductEditor(props: { product: FragmentType<typeof AdminProductFields>; onArchived: () => void }) {
  const product = getFragmentData(AdminProductFields, props.product);
  const [updateProduct, updating] = useMutation(UpdateProduct);
  const [setStock, stocking] = useMutation(SetStock, {
    // setStock answers the Inventory, which has no id: write it into its product.
    update: (cache, { data }) => {
      if (!data) return;
      cache.modify({
        id: cache.identify({ __typename: "Product", id: product.id }),
        fields: { inventory: (current: object) => ({ ...current, ...data.setStock }) },
      });
    },
  });
  const [archiveProduct, archiving] = useMutation(ArchiveProduct);
  const failure = updating.error ?? stocking.error ?? archiving.error;
  return (
    <li className="card" aria-label={product.title}>
      <strong>{product.title}</strong>
      <span className="muted">
        {product.sku} · {product.category.name} · {formatMoney(product.price)} · {product.inventory.onHand} on hand,{" "}
        {product.inventory.reserved} reserved, {product.inventory.available} available
      </span>
      <form
        className="inline"
        onSubmit={(event) => {
          event.preventDefault();
          const fields = new FormData(event.currentTarget);
          const input = { title: textOf(fields, "title"), priceAmount: Math.round(Number(textOf(fields, "price")) * 100) };
          void updateProduct({ variables: { id: product.id, input } }).catch(() => undefined);
        }}
      >
        <label>
          Title
          <input name="title" defaultValue={product.title} required />
        </label>
        <label>
          Price
          <input name="price" type="number" min="0" step="0.01" defaultValue={(product.price.amount / 100).toFixed(2)} required />
        </label>
        <button type="submit" disabled={updating.loading}>
          Save
        </button>
      </form>
      <form
        className="inline"
        onSubmit={(event) => {
          event.preventDefault();
          const onHand = Number(textOf(new FormData(event.currentTarget), "onHand"));
          void setStock({ variables: { productId: product.id, onHand } }).catch(() => undefined);
        }}
      >
        <label>
          On hand
          <input name="onHand" type="number" min="0" step="1" defaultValue={product.inventory.onHand} required />
        </label>
        <button type="submit" disabled={stocking.loading}>
          Set stock
        </button>
      </form>
      <button
        type="button"
        className="danger"
        disabled={archiving.loading}
        onClick={() => void archiveProduct({ variables: { id: product.id } }).then(props.onArchived, () => undefined)}
      >
        Archive
      </button>
      {failure && <p role="alert">{messageOf(failure)}</p>}
    </li>
  );
}
