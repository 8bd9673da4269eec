import { isRouteErrorResponse, Link, useRouteError } from "react-router";

/** What a page that failed to render (or a path that matches none) shows instead of a blank screen. */
export function RouteError() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <main className="page">
      <h1>{notFound ? "Page not found" : "Something went wrong"}</h1>
      <p role="alert">{notFound ? "There is no page at this address." : "This page failed to load. Please try again."}</p>
      <Link to="/">Back to the shop</Link>
    </main>
  );
}
