import { useMutation } from "@apollo/client/react";
import { Link, useLocation, useNavigate } from "react-router";
import { messageOf } from "../../errors/messages";
import { getFragmentData } from "../../generated";
import { useSession } from "../../session/session-context";
import { LogIn, SessionFields } from "./operations";
import { textOf } from "../../forms";

/** Log in with email and password; back to the page that asked for it, or to the shop. */
export function SignInPage() {
  const { store } = useSession();
  const navigate = useNavigate();
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
          void logIn({ variables: { email: textOf(form, "email"), password: textOf(form, "password") } }).then(
            async ({ data }) => {
              if (!data) return;
              store.set(getFragmentData(SessionFields, data.logIn));
              await navigate(from);
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
        New here? <Link to="/signup">Create an account</Link>
      </p>
    </section>
  );
}
