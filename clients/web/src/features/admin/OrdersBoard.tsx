import { useApolloClient, useQuery, useSubscription } from "@apollo/client/react";
import { useState } from "react";
import { messageOf } from "../../errors/messages";
import { getFragmentData, type FragmentType } from "../../generated";
import type { BoardOrderFieldsFragment, OrderStatus } from "../../generated/graphql";
import { STATUS_LABELS } from "../orders/status";
import { BoardCard } from "./BoardCard";
import { BOARD_COLUMNS } from "./lifecycle";
import { AdminOrders, BoardOrder, BoardOrderFields, OrderEvents } from "./operations";
import { textOf } from "../../forms";

/**
 * The orders board: a column per status. On open it loads the newest orders (Query.orders, optionally one status's);
 * the admin-only orderEvents subscription then brings every new order and every change, the admin's own moves
 * included. Changes to a loaded order reach its card through the normalized cache (same Order id); orders that
 * arrive live or are opened by id are kept beside the loaded page.
 */
export function OrdersBoard() {
  const client = useApolloClient();
  const [status, setStatus] = useState<OrderStatus | null>(null);
  const feed = useQuery(AdminOrders, { variables: { status }, fetchPolicy: "cache-and-network" });
  const [arrived, setArrived] = useState<ReadonlyMap<string, BoardOrderFieldsFragment>>(new Map());
  const [lookupError, setLookupError] = useState<string | null>(null);
  const show = (masked: FragmentType<typeof BoardOrderFields>) => {
    const order = getFragmentData(BoardOrderFields, masked);
    setArrived((current) => new Map(current).set(order.id, order));
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

  const page = feed.data?.orders;
  const loaded = (page?.edges ?? []).map(({ node }) => getFragmentData(BoardOrderFields, node));
  const sorted = newestFirst(loaded, [...arrived.values()]).filter((order) => !status || order.status === status);
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
      <label>
        Show
        <select value={status ?? ""} onChange={(event) => setStatus((event.target.value || null) as OrderStatus | null)}>
          <option value="">Every status</option>
          {BOARD_COLUMNS.map((column) => (
            <option key={column} value={column}>
              {STATUS_LABELS[column]}
            </option>
          ))}
        </select>
      </label>
      {feed.error && <p role="alert">{messageOf(feed.error)}</p>}
      {page && (
        <p>
          {page.edges.length} of {page.totalCount} orders loaded
        </p>
      )}
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
      {page?.pageInfo.hasNextPage && (
        <button
          type="button"
          onClick={() =>
            void feed.fetchMore({
              variables: { after: page.pageInfo.endCursor },
              updateQuery: (previous, { fetchMoreResult }) => ({
                orders: { ...fetchMoreResult.orders, edges: [...previous.orders.edges, ...fetchMoreResult.orders.edges] },
              }),
            })
          }
        >
          More orders
        </button>
      )}
    </>
  );
}

/**
 * The loaded page and the orders seen since, once each, newest first. Where both hold an order, the later state wins
 * (a card's own copy may be older or newer than the cache's, depending on which answer came last).
 */
function newestFirst(loaded: BoardOrderFieldsFragment[], arrived: BoardOrderFieldsFragment[]) {
  const byId = new Map(loaded.map((order) => [order.id, order]));
  for (const order of arrived) {
    const known = byId.get(order.id);
    if (!known || order.updatedAt > known.updatedAt) byId.set(order.id, order);
  }
  return [...byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
