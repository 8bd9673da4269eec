import { useMutation } from "@apollo/client/react";
import { Link, useLocation } from "react-router";
import { messageOf } from "../../errors/messages";
import { useSession } from "../../session/session-context";
import { useFinishSignIn } from "./finish-sign-in";
import { LogIn } from "./operations";
import { textOf } from "../../forms";

/** Log in with email and password (bringing the guest cart along); back to the page that asked for it, or to the shop. */
export function SignInPage() {
  const { guestCartToken } = useSession();
  const finish = useFinishSignIn();
  const from = (useLocation().state as { from?: string } | null)?.from ?? "/";
  const [logIn, { loading, error }] = useMutation(LogIn);
  return (
    <section className="narrow">
      <h1>Sign in</h1>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const variables = { email: textOf(form, "email"), password: textOf(form, "password"), guestCartToken };
          void logIn({ variables }).then(
            async ({ data }) => {
              if (data) await finish(data.logIn, data.logIn.cartMerge, from);
            },
            () => undefined,
          );
        }}
      >
        <label>
          Email
          <input name="email" type="email" autoComplete="email" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && <p role="alert">{messageOf(error)}</p>}
        <button type="submit" disabled={loading}>
          Sign in
        </button>
      </form>
      <p>
        New here?{" "}
        <Link to="/signup" state={{ from }}>
          Create an account
        </Link>
      </p>
    </section>
  );
}
