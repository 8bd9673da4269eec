import { Link } from "react-router";

/** What a signed-out visitor sees at checkout: an order needs an account, and signing in keeps the guest cart. */
export function CheckoutNeedsAccount() {
  return (
    <section className="narrow">
      <h1>Checkout</h1>
      <p>Checking out needs an account. Your cart comes with you.</p>
      <p>
        <Link to="/signin" state={{ from: "/checkout" }} className="button">
          Sign in to check out
        </Link>{" "}
        <Link to="/signup" state={{ from: "/checkout" }}>
          Create an account
        </Link>
      </p>
    </section>
  );
}
