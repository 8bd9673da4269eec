import { useMutation } from "@apollo/client/react";
import { Link, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { graphql } from "../generated";
import { useSession } from "../session/session-context";

const LogOut = graphql(`
  mutation LogOut($refreshToken: String) {
    logOut(refreshToken: $refreshToken)
  }
`);

/** The frame of every page: the shop's name, the navigation for who is signed in, and the page. */
export function Layout() {
  const { store, viewer, refreshToken } = useSession();
  const navigate = useNavigate();
  // A note the previous page left for this one (e.g. what merging the guest cart at sign-in left out).
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const [logOut] = useMutation(LogOut);
  async function signOut() {
    // Ending the session on the server is best effort: the browser forgets it either way, and a new Apollo Client
    // (App.tsx) leaves nothing of this viewer's cache behind.
    await logOut({ variables: { refreshToken } }).catch(() => undefined);
    store.set(null);
    await navigate("/");
  }
  return (
    <>
      <header className="top">
        <Link to="/" className="brand">
          Shop
        </Link>
        <nav aria-label="Main">
          <NavLink to="/">Browse</NavLink>
          {viewer ? (
            <>
              <NavLink to="/cart">Cart</NavLink>
              <NavLink to="/orders">My orders</NavLink>
              <NavLink to="/account">Account</NavLink>
              {viewer.role === "ADMIN" && <NavLink to="/admin">Admin</NavLink>}
              <button type="button" className="link" onClick={() => void signOut()}>
                Log out
              </button>
            </>
          ) : (
            <>
              <NavLink to="/cart">Cart</NavLink>
              <NavLink to="/signin">Sign in</NavLink>
              <NavLink to="/signup">Sign up</NavLink>
            </>
          )}
          <NavLink to="/explorer">Explorer</NavLink>
        </nav>
      </header>
      <main className="page">
        {notice && (
          <p role="status" className="notice">
            {notice}
          </p>
        )}
        <Outlet />
      </main>
    </>
  );
}
