import { useMutation } from "@apollo/client/react";
import { useNavigate } from "react-router";
import { messageOf } from "../../errors/messages";
import { getFragmentData } from "../../generated";
import { useSession } from "../../session/session-context";
import { SessionFields, SignUp } from "./operations";
import { textOf } from "../../forms";

/** Create a customer account; signed in at once. */
export function SignUpPage() {
  const { store } = useSession();
  const navigate = useNavigate();
  const [signUp, { loading, error }] = useMutation(SignUp);
  return (
    <section className="narrow">
      <h1>Create an account</h1>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const input = { name: textOf(form, "name"), email: textOf(form, "email"), password: textOf(form, "password") };
          void signUp({ variables: { input } }).then(
            async ({ data }) => {
              if (!data) return;
              store.set(getFragmentData(SessionFields, data.signUp));
              await navigate("/");
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
