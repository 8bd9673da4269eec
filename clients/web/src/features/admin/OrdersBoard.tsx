import { useApolloClient, useSubscription } from "@apollo/client/react";
import { useState } from "react";
import { messageOf } from "../../errors/messages";
import { getFragmentData, type FragmentType } from "../../generated";
import type { BoardOrderFieldsFragment } from "../../generated/graphql";
import { STATUS_LABELS } from "../orders/status";
import { BoardCard } from "./BoardCard";
import { BOARD_COLUMNS } from "./lifecycle";
import { BoardOrder, BoardOrderFields, OrderEvents } from "./operations";
import { textOf } from "../../forms";

/**
 * The orders board: a column per status, fed live by the admin-only orderEvents subscription (every new order and
 * every change, the admin's own moves included). Orders from before the board opened are added by id.
 */
export function OrdersBoard() {
  const client = useApolloClient();
  const [orders, setOrders] = useState<ReadonlyMap<string, BoardOrderFieldsFragment>>(new Map());
  const [lookupError, setLookupError] = useState<string | null>(null);
  const show = (masked: FragmentType<typeof BoardOrderFields>) => {
    const order = getFragmentData(BoardOrderFields, masked);
    setOrders((current) => new Map(current).set(order.id, order));
  };
  const live = useSubscription(OrderEvents, { onData: ({ data }) => data.data && show(data.data.orderEvents) });

  async function lookUp(id: string) {
    setLookupError(null);
    try {
      const { data } = await client.query({ query: BoardOrder, variables: { id }, fetchPolicy: "network-only" });
      if (data?.order) show(data.order);
      else setLookupError(`There is no order ${id}.`);
    } catch (error) {
      setLookupError(messageOf(error));
    }
  }

  const sorted = [...orders.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <>
      <p role="status">
        {live.error ? `Live updates stopped: ${messageOf(live.error)}` : "Live: new orders and changes appear here as they happen."}
      </p>
      <form
        className="inline"
        onSubmit={(event) => {
          event.preventDefault();
          const id = textOf(new FormData(event.currentTarget), "orderId");
          if (id) void lookUp(id);
        }}
      >
        <label>
          Order id
          <input name="orderId" />
        </label>
        <button type="submit">Open order</button>
      </form>
      {lookupError && <p role="alert">{lookupError}</p>}
      <div className="board">
        {BOARD_COLUMNS.map((status) => (
          <section key={status} aria-label={STATUS_LABELS[status]} className="column">
            <h2>{STATUS_LABELS[status]}</h2>
            {sorted
              .filter((order) => order.status === status)
              .map((order) => (
                <BoardCard key={order.id} order={order} onMoved={show} />
              ))}
          </section>
        ))}
      </div>
    </>
  );
}
