import { useQuery } from "@apollo/client/react";
import { Link, Navigate } from "react-router";
import { messageOf } from "../../errors/messages";
import { useSession } from "../../session/session-context";
import { CartLines } from "./CartLines";
import { MyCart } from "./operations";

/** The viewer's cart, asked again on every visit so its prices are the catalogue's of now. */
export function CartPage() {
  const { viewer } = useSession();
  const { data, error } = useQuery(MyCart, { skip: !viewer, fetchPolicy: "cache-and-network" });
  if (!viewer) return <Navigate to="/signin" state={{ from: "/cart" }} />;
  return (
    <section>
      <h1>Your cart</h1>
      {error && <p role="alert">{messageOf(error)}</p>}
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
