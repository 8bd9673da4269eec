import { useQuery } from "@apollo/client/react";
import { Link, Navigate } from "react-router";
import { messageOf } from "../../errors/messages";
import { formatMoney } from "../../money";
import { useSession } from "../../session/session-context";
import { MyOrders } from "./operations";
import { formatTime, STATUS_LABELS } from "./status";

/** The viewer's orders, newest first. */
export function MyOrdersPage() {
  const { viewer } = useSession();
  const { data, error, fetchMore } = useQuery(MyOrders, { skip: !viewer, fetchPolicy: "cache-and-network" });
  if (!viewer) return <Navigate to="/signin" state={{ from: "/orders" }} />;
  const orders = data?.myOrders;
  return (
    <section>
      <h1>My orders</h1>
      {error && <p role="alert">{messageOf(error)}</p>}
      {orders?.totalCount === 0 && <p>No orders yet.</p>}
      <ul className="orders">
        {orders?.edges.map(({ node }) => (
          <li key={node.id}>
            <Link to={`/orders/${node.id}`}>
              {formatTime(node.createdAt)}: {node.items.map((item) => `${item.quantity} × ${item.title}`).join(", ")}
            </Link>{" "}
            <span>{STATUS_LABELS[node.status]}</span> <span className="price">{formatMoney(node.total)}</span>
          </li>
        ))}
      </ul>
      {orders?.pageInfo.hasNextPage && (
        <button
          type="button"
          onClick={() =>
            void fetchMore({
              variables: { after: orders.pageInfo.endCursor },
              updateQuery: (previous, { fetchMoreResult }) => ({
                myOrders: { ...fetchMoreResult.myOrders, edges: [...previous.myOrders.edges, ...fetchMoreResult.myOrders.edges] },
              }),
            })
          }
        >
          More orders
        </button>
      )}
    </section>
  );
}
