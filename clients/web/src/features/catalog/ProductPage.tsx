import { useMutation, useQuery, useSubscription } from "@apollo/client/react";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { messageOf } from "../../errors/messages";
import { formatMoney } from "../../money";
import { AddToCart, ProductBySlug, ProductStock, StockChanged } from "./operations";

/**
 * One product, its stock kept live by stockChanged: it shows "Sold out" the moment the last unit goes. Anyone may add
 * it to a cart: a signed-out visitor's first addToCart starts a guest cart (its token is kept by the Apollo links).
 */
export function ProductPage() {
  const { slug = "" } = useParams();
  const { data, loading, error } = useQuery(ProductBySlug, { variables: { slug } });
  const product = data?.product;
  const live = useSubscription(StockChanged, {
    variables: { productIds: product ? [product.id] : [] },
    skip: !product,
    onData: ({ client, data: event }) => {
      const stock = event.data?.stockChanged;
      if (!stock) return;
      // Inventory has no id of its own: it lives inside its product, so the event is written there.
      const inventory = { __typename: "Inventory" as const, available: stock.available, inStock: stock.inStock };
      client.cache.writeFragment({
        id: client.cache.identify({ __typename: "Product", id: stock.product.id }),
        fragment: ProductStock,
        data: { inventory },
      });
    },
  });
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState(false);
  const [addToCart, adding] = useMutation(AddToCart);

  if (loading) return <p>Loading…</p>;
  if (error) return <p role="alert">{messageOf(error)}</p>;
  if (!product) return <p role="alert">There is no such product.</p>;
  const soldOut = !product.inventory.inStock;
  return (
    <article className="product">
      <h1>{product.title}</h1>
      <p className="muted">{product.category.name}</p>
      <p className="price">{formatMoney(product.price)}</p>
      <p role="status" className={soldOut ? "stock out" : "stock"}>
        {soldOut ? "Sold out" : `${product.inventory.available} in stock`}
      </p>
      {/* stockChanged answers the current stock first: from then on, every change shows here. */}
      {live.data && !live.error && <p className="muted">Stock updates live.</p>}
      {live.error && <p role="alert">Live stock stopped: {messageOf(live.error)}</p>}
      <p>{product.description}</p>
      <form
        className="inline"
        onSubmit={(event) => {
          event.preventDefault();
          setAdded(false);
          void addToCart({ variables: { productId: product.id, quantity } }).then(
            () => setAdded(true),
            () => undefined,
          );
        }}
      >
        <label>
          Quantity
          <input
            type="number"
            min={1}
            max={Math.max(1, product.inventory.available)}
            value={quantity}
            onChange={(event) => setQuantity(Math.max(1, Number(event.target.value) || 1))}
          />
        </label>
        <button type="submit" disabled={soldOut || adding.loading}>
          Add to cart
        </button>
      </form>
      {added && (
        <p role="status">
          Added to your cart. <Link to="/cart">View cart</Link>
        </p>
      )}
      {adding.error && <p role="alert">{messageOf(adding.error)}</p>}
    </article>
  );
}
