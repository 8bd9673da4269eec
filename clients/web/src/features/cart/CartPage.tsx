import { useQuery } from "@apollo/client/react";
import { Link } from "react-router";
import { messageOf } from "../../errors/messages";
import { useSession } from "../../session/session-context";
import { CartLines } from "./CartLines";
import { MyCart } from "./operations";

/**
 * The viewer's cart, or a signed-out visitor's guest cart, asked again on every visit so its prices are the
 * catalogue's of now. A visitor who never added anything has no cart yet (`cart` would be UNAUTHENTICATED): nothing
 * to ask.
 */
export function CartPage() {
  const { viewer, guestCartToken } = useSession();
  const hasCart = Boolean(viewer ?? guestCartToken);
  const { data, error } = useQuery(MyCart, { skip: !hasCart, fetchPolicy: "cache-and-network" });
  return (
    <section>
      <h1>Your cart</h1>
      {!hasCart && <p>Your cart is empty.</p>}
      {hasCart && error && <p role="alert">{messageOf(error)}</p>}
      {data && (
        <>
          <CartLines cart={data.cart} editable />
          {data.cart.itemCount > 0 && (
            <Link to="/checkout" className="button">
              Check out
            </Link>
          )}
        </>
      )}
    </section>
  );
}
