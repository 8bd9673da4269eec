import { useMutation, useQuery } from "@apollo/client/react";
import { useState } from "react";
import { useNavigate } from "react-router";
import { codeOf, messageOf } from "../../errors/messages";
import { addressFrom, AddressFields } from "../account/AddressForm";
import { CartLines } from "../cart/CartLines";
import { MyCart } from "../cart/operations";
import { useSession } from "../../session/session-context";
import { CheckoutAttempt } from "./attempt";
import { CheckoutNeedsAccount } from "./CheckoutNeedsAccount";
import { CheckoutForm, PlaceOrder } from "./operations";
import { refusalMessage } from "./refusals";
import { TEST_CARDS } from "./test-cards";
import { textOf } from "../../forms";

/**
 * Checkout: the cart as it will be bought, a shipping address (typed, or one from the address book), and a test card.
 * A refusal (sold out, declined, provider down) or an error (rate limited, unreachable) is shown and the cart stays.
 */
export function CheckoutPage() {
  const { viewer } = useSession();
  const navigate = useNavigate();
  const { data, error } = useQuery(CheckoutForm, { skip: !viewer, fetchPolicy: "cache-and-network" });
  const [placeOrder, placing] = useMutation(PlaceOrder, { refetchQueries: [MyCart, CheckoutForm] });
  const [attempt] = useState(() => new CheckoutAttempt());
  const [addressIndex, setAddressIndex] = useState(-1);
  const [problem, setProblem] = useState<string | null>(null);
  if (!viewer) return <CheckoutNeedsAccount />;
  const addresses = data?.me?.addresses ?? [];
  const chosen = addresses[addressIndex];

  async function submit(form: FormData) {
    setProblem(null);
    const request = { shippingAddress: addressFrom(form), paymentToken: textOf(form, "card") };
    try {
      const { data: answer } = await placeOrder({ variables: { input: { ...request, idempotencyKey: attempt.keyFor(request) } } });
      if (!answer) return;
      attempt.settled();
      const result = answer.checkout;
      if (result.__typename === "Order") await navigate(`/orders/${result.id}`);
      else setProblem(refusalMessage(result));
    } catch (failure) {
      // No answer, or not a final one: the same request retried keeps its key, so it is never charged twice.
      if (codeOf(failure) === "BAD_USER_INPUT") attempt.settled();
      setProblem(messageOf(failure));
    }
  }

  return (
    <section>
      <h1>Checkout</h1>
      {error && <p role="alert">{messageOf(error)}</p>}
      {data && <CartLines cart={data.cart} />}
      {data && data.cart.itemCount > 0 && (
        <form
          className="stack narrow"
          onSubmit={(event) => {
            event.preventDefault();
            void submit(new FormData(event.currentTarget));
          }}
        >
          {addresses.length > 0 && (
            <label>
              Saved address
              <select value={addressIndex} onChange={(event) => setAddressIndex(Number(event.target.value))}>
                <option value={-1}>A new address</option>
                {addresses.map((address, index) => (
                  <option key={address.id} value={index}>
                    {address.name}, {address.line1}, {address.city}
                  </option>
                ))}
              </select>
            </label>
          )}
          <AddressFields key={chosen?.id ?? "new"} defaults={chosen} />
          <fieldset className="stack">
            <legend>Payment card</legend>
            {TEST_CARDS.map((card, index) => (
              <label key={card.token} className="choice">
                <input type="radio" name="card" value={card.token} defaultChecked={index === 0} />
                {card.name}
              </label>
            ))}
          </fieldset>
          {problem && <p role="alert">{problem}</p>}
          <button type="submit" disabled={placing.loading}>
            {placing.loading ? "Placing order…" : "Place order"}
          </button>
        </form>
      )}
    </section>
  );
}
