import { GraphQLError } from "graphql";
import { ErrorCode } from "@shop/runtime";
import type { Context } from "../context";
import type { CheckoutOutcome } from "../services/checkout/outcomes";

/** Maps a stored checkout outcome onto the CheckoutResult union (an interrupted checkout is an error, not data). */
export async function toCheckoutResult(ctx: Context, outcome: CheckoutOutcome) {
  switch (outcome.kind) {
    case "Order":
      return { __typename: "Order" as const, ...(await ctx.loaders.orderById.load(outcome.orderId))! };
    case "InsufficientStockError":
      return { __typename: "InsufficientStockError" as const, message: outcome.message, items: outcome.items };
    case "PaymentDeclinedError":
      return { __typename: "PaymentDeclinedError" as const, message: outcome.message, reason: outcome.reason, orderId: outcome.orderId };
    case "PaymentUnavailableError":
      return { __typename: "PaymentUnavailableError" as const, message: outcome.message, orderId: outcome.orderId };
    case "EmptyCartError":
      return { __typename: "EmptyCartError" as const, message: outcome.message };
    case "Interrupted":
      throw new GraphQLError(outcome.message, { extensions: { code: ErrorCode.CheckoutInterrupted } });
  }
}

/** The union member a result was tagged with above. */
export function checkoutResultType(result: object): string {
  return (result as { __typename: string }).__typename;
}
