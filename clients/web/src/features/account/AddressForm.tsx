import type { AddressInput } from "../../generated/graphql";
import { textOf } from "../../forms";

/** The fields of a postal address, named as AddressInput names them; read back with `addressFrom`. */
export function AddressFields({ defaults = {} }: { defaults?: Partial<AddressInput> | undefined }) {
  return (
    <fieldset className="stack">
      <legend>Address</legend>
      <label>
        Full name
        <input name="name" defaultValue={defaults.name ?? ""} autoComplete="name" required />
      </label>
      <label>
        Address line 1
        <input name="line1" defaultValue={defaults.line1 ?? ""} autoComplete="address-line1" required />
      </label>
      <label>
        Address line 2
        <input name="line2" defaultValue={defaults.line2 ?? ""} autoComplete="address-line2" />
      </label>
      <label>
        City
        <input name="city" defaultValue={defaults.city ?? ""} autoComplete="address-level2" required />
      </label>
      <label>
        Postal code
        <input name="postalCode" defaultValue={defaults.postalCode ?? ""} autoComplete="postal-code" required />
      </label>
      <label>
        Country
        <input name="country" defaultValue={defaults.country ?? ""} autoComplete="country" required placeholder="GB" />
      </label>
    </fieldset>
  );
}

/** The address a form with AddressFields holds. */
export function addressFrom(form: FormData): AddressInput {
  const text = (name: string) => textOf(form, name);
  return {
    name: text("name"),
    line1: text("line1"),
    ...(text("line2") ? { line2: text("line2") } : {}),
    city: text("city"),
    postalCode: text("postalCode"),
    country: text("country"),
  };
}
