import { useQuery, useSubscription } from "@apollo/client/react";
import { Navigate, useParams } from "react-router";
import { messageOf } from "../../errors/messages";
import { useSession } from "../../session/session-context";
import { OrderById, OrderUpdated } from "./operations";
import { OrderView } from "./OrderView";

/**
 * One order, live: orderUpdated answers its current state and then every change, and each event lands on the same
 * normalized Order in the cache that the page reads, so the timeline grows without a reload.
 */
export function OrderPage() {
  const { id = "" } = useParams();
  const { viewer } = useSession();
  const { data, error } = useQuery(OrderById, { variables: { id }, skip: !viewer });
  const live = useSubscription(OrderUpdated, { variables: { id }, skip: !viewer });
  if (!viewer) return <Navigate to="/signin" state={{ from: `/orders/${id}` }} />;
  return (
    <section>
      <h1>Order {id.slice(0, 8)}</h1>
      {error && <p role="alert">{messageOf(error)}</p>}
      {live.error && <p role="alert">Live updates stopped: {messageOf(live.error)}</p>}
      {/* orderUpdated answers the order's current state first: from then on, every change shows here. */}
      {live.data && !live.error && <p className="muted">Live: this page follows your order as it moves.</p>}
      {data && !data.order && <p role="alert">There is no such order in your account.</p>}
      {data?.order && <OrderView order={data.order} />}
    </section>
  );
}
