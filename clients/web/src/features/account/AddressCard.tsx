import { getFragmentData, type FragmentType } from "../../generated";
import { AddressFields } from "./operations";

/** A saved address as lines of text. */
export function AddressCard(props: { address: FragmentType<typeof AddressFields> }) {
  const address = getFragmentData(AddressFields, props.address);
  return (
    <address>
      {address.name}
      <br />
      {address.line1}
      {address.line2 && (
        <>
          <br />
          {address.line2}
        </>
      )}
      <br />
      {address.postalCode} {address.city}, {address.country}
    </address>
  );
}
