import { graphql } from "../../generated";

/** An order as its page shows it; orderUpdated asks for the same fields, so each event redraws the page. */
export const OrderDetails = graphql(`
  fragment OrderDetails on Order {
    id
    status
    trackingNumber
    createdAt
    total {
      amount
      currency
    }
    items {
      title
      quantity
      unitPrice {
        amount
        currency
      }
      lineTotal {
        amount
        currency
      }
    }
    timeline {
      status
      at
      note
    }
  }
`);

export const OrderById = graphql(`
  query OrderById($id: ID!) {
    order(id: $id) {
      id
      ...OrderDetails
    }
  }
`);

export const OrderUpdated = graphql(`
  subscription OrderUpdated($id: ID!) {
    orderUpdated(id: $id) {
      id
      ...OrderDetails
    }
  }
`);

export const MyOrders = graphql(`
  query MyOrders($after: String) {
    myOrders(first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          createdAt
          total {
            amount
            currency
          }
          items {
            title
            quantity
          }
        }
      }
    }
  }
`);
