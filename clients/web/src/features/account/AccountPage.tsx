import { useMutation, useQuery } from "@apollo/client/react";
import { Navigate } from "react-router";
import { messageOf } from "../../errors/messages";
import { useSession } from "../../session/session-context";
import { AddressCard } from "./AddressCard";
import { addressFrom, AddressFields } from "./AddressForm";
import { AddAddress, MyAddresses, RemoveAddress } from "./operations";

/** Who is signed in, and their address book. */
export function AccountPage() {
  const { viewer } = useSession();
  const { data, error } = useQuery(MyAddresses, { skip: !viewer });
  const [addAddress, adding] = useMutation(AddAddress, { refetchQueries: [MyAddresses] });
  const [removeAddress, removing] = useMutation(RemoveAddress);
  if (!viewer) return <Navigate to="/signin" state={{ from: "/account" }} />;
  const me = data?.me;
  return (
    <section>
      <h1>Your account</h1>
      {error && <p role="alert">{messageOf(error)}</p>}
      {me && (
        <p>
          {me.name} · {me.email}
        </p>
      )}
      <h2>Address book</h2>
      {me?.addresses.length === 0 && <p>No saved addresses yet.</p>}
      <ul className="addresses">
        {me?.addresses.map((address) => (
          <li key={address.id}>
            <AddressCard address={address} />
            <button type="button" onClick={() => void removeAddress({ variables: { id: address.id } }).catch(() => undefined)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      {removing.error && <p role="alert">{messageOf(removing.error)}</p>}
      <h2>Add an address</h2>
      <form
        className="stack narrow"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          void addAddress({ variables: { input: addressFrom(new FormData(form)) } }).then(
            () => form.reset(),
            () => undefined,
          );
        }}
      >
        <AddressFields />
        {adding.error && <p role="alert">{messageOf(adding.error)}</p>}
        <button type="submit" disabled={adding.loading}>
          Save address
        </button>
      </form>
    </section>
  );
}
