import { useMutation } from "@apollo/client/react";
import { useLocation } from "react-router";
import { messageOf } from "../../errors/messages";
import { useSession } from "../../session/session-context";
import { useFinishSignIn } from "./finish-sign-in";
import { SignUp } from "./operations";
import { textOf } from "../../forms";

/** Create a customer account (the guest cart becomes its cart); signed in at once, back where the visitor came from. */
export function SignUpPage() {
  const { guestCartToken } = useSession();
  const finish = useFinishSignIn();
  const from = (useLocation().state as { from?: string } | null)?.from ?? "/";
  const [signUp, { loading, error }] = useMutation(SignUp);
  return (
    <section className="narrow">
      <h1>Create an account</h1>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const input = {
            name: textOf(form, "name"),
            email: textOf(form, "email"),
            password: textOf(form, "password"),
            guestCartToken,
          };
          void signUp({ variables: { input } }).then(
            async ({ data }) => {
              if (data) await finish(data.signUp, data.signUp.cartMerge, from);
            },
            () => undefined,
          );
        }}
      >
        <label>
          Name
          <input name="name" autoComplete="name" required />
        </label>
        <label>
          Email
          <input name="email" type="email" autoComplete="email" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="new-password" minLength={8} required />
        </label>
        {error && <p role="alert">{messageOf(error)}</p>}
        <button type="submit" disabled={loading}>
          Sign up
        </button>
      </form>
    </section>
  );
}
