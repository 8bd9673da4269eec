import { useMutation } from "@apollo/client/react";
import { Link } from "react-router";
import { messageOf } from "../../errors/messages";
import { getFragmentData, type FragmentType } from "../../generated";
import { formatMoney } from "../../money";
import { CartFields, UpdateCartItem } from "./operations";

/** The cart's lines at the catalogue's current prices, with quantities to change (0 removes) and the subtotal. */
export function CartLines(props: { cart: FragmentType<typeof CartFields>; editable?: boolean }) {
  const cart = getFragmentData(CartFields, props.cart);
  const [updateCartItem, updating] = useMutation(UpdateCartItem);
  const setQuantity = (productId: string, quantity: number) =>
    void updateCartItem({ variables: { productId, quantity } }).catch(() => undefined);
  if (cart.items.length === 0) return <p>Your cart is empty.</p>;
  return (
    <>
      <table className="lines">
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Price</th>
            <th scope="col">Quantity</th>
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {cart.items.map((item) => (
            <tr key={item.id}>
              <td>
                <Link to={`/products/${item.product.slug}`}>{item.product.title}</Link>
                {!item.product.inventory.inStock && <span className="stock out"> Sold out</span>}
              </td>
              <td>{formatMoney(item.unitPrice)}</td>
              <td>
                {props.editable ? (
                  <span className="inline">
                    <input
                      aria-label={`Quantity of ${item.product.title}`}
                      type="number"
                      min={0}
                      defaultValue={item.quantity}
                      key={item.quantity}
                      onBlur={(event) => {
                        const quantity = Number(event.target.value);
                        if (Number.isInteger(quantity) && quantity >= 0 && quantity !== item.quantity)
                          setQuantity(item.product.id, quantity);
                      }}
                    />
                    <button type="button" onClick={() => setQuantity(item.product.id, 0)}>
                      Remove <span className="visually-hidden">{item.product.title}</span>
                    </button>
                  </span>
                ) : (
                  item.quantity
                )}
              </td>
              <td>{formatMoney(item.lineTotal)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Subtotal ({cart.itemCount} {cart.itemCount === 1 ? "item" : "items"})
            </th>
            <td>{formatMoney(cart.subtotal)}</td>
          </tr>
        </tfoot>
      </table>
      {updating.error && <p role="alert">{messageOf(updating.error)}</p>}
    </>
  );
}
