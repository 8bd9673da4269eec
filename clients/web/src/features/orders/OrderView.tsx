import { getFragmentData, type FragmentType } from "../../generated";
import { formatMoney } from "../../money";
import { OrderDetails } from "./operations";
import { formatTime, STATUS_LABELS } from "./status";

/** An order: its status, tracking number, lines, total and the timeline of every status it went through. */
export function OrderView(props: { order: FragmentType<typeof OrderDetails> }) {
  const order = getFragmentData(OrderDetails, props.order);
  return (
    <article>
      <p>
        Status: <strong data-testid="order-status">{STATUS_LABELS[order.status]}</strong>
        {order.trackingNumber && (
          <>
            {" "}
            · Tracking number: <strong>{order.trackingNumber}</strong>
          </>
        )}
      </p>
      <table className="lines">
        <tbody>
          {order.items.map((item, index) => (
            <tr key={index}>
              <td>{item.title}</td>
              <td>
                {item.quantity} × {formatMoney(item.unitPrice)}
              </td>
              <td>{formatMoney(item.lineTotal)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Total
            </th>
            <td>{formatMoney(order.total)}</td>
          </tr>
        </tfoot>
      </table>
      <h2>Timeline</h2>
      <ol className="timeline" aria-label="Order timeline">
        {order.timeline.map((event) => (
          <li key={`${event.status}-${event.at}`}>
            <strong>{STATUS_LABELS[event.status]}</strong> <time dateTime={event.at}>{formatTime(event.at)}</time>
            {event.note && <span className="muted"> · {event.note}</span>}
          </li>
        ))}
      </ol>
    </article>
  );
}
