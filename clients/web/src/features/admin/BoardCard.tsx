import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { messageOf } from "../../errors/messages";
import type { FragmentType } from "../../generated";
import type { BoardOrderFieldsFragment, OrderStatus } from "../../generated/graphql";
import { formatMoney } from "../../money";
import { STATUS_LABELS } from "../orders/status";
import { NEXT_STATUSES } from "./lifecycle";
import { MoveOrder, type BoardOrderFields } from "./operations";

const MOVE_LABELS: Partial<Record<OrderStatus, string>> = {
  PACKED: "Mark packed",
  SHIPPED: "Mark shipped",
  DELIVERED: "Mark delivered",
  CANCELLED: "Cancel and refund",
};

/** One order on the board, with a button for each move its status allows; shipping asks for the tracking number. */
export function BoardCard({
  order,
  onMoved,
}: {
  order: BoardOrderFieldsFragment;
  onMoved: (order: FragmentType<typeof BoardOrderFields>) => void;
}) {
  const [moveOrder, moving] = useMutation(MoveOrder);
  const [trackingNumber, setTrackingNumber] = useState("");
  const move = (status: OrderStatus) =>
    void moveOrder({ variables: { id: order.id, status, trackingNumber: status === "SHIPPED" ? trackingNumber : null } }).then(
      ({ data }) => data && onMoved(data.updateOrderStatus),
      () => undefined,
    );
  const label = `Order ${order.id.slice(0, 8)}`;
  return (
    <article className="card" aria-label={label} data-order-id={order.id}>
      <strong>{label}</strong>
      <span>{order.user.email}</span>
      <span>{order.items.map((item) => `${item.quantity} × ${item.title}`).join(", ")}</span>
      <span className="price">{formatMoney(order.total)}</span>
      <span>{STATUS_LABELS[order.status]}</span>
      {order.trackingNumber && <span>Tracking: {order.trackingNumber}</span>}
      {NEXT_STATUSES[order.status].includes("SHIPPED") && (
        <label>
          Tracking number
          <input value={trackingNumber} onChange={(event) => setTrackingNumber(event.target.value)} />
        </label>
      )}
      <span className="inline">
        {NEXT_STATUSES[order.status].map((status) => (
          <button key={status} type="button" disabled={moving.loading} onClick={() => move(status)}>
            {MOVE_LABELS[status]}
          </button>
        ))}
      </span>
      {moving.error && <p role="alert">{messageOf(moving.error)}</p>}
    </article>
  );
}
