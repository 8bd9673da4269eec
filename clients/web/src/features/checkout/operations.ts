import { graphql } from "../../generated";

export const CheckoutForm = graphql(`
  query CheckoutForm {
    cart {
      id
      itemCount
      ...CartFields
    }
    me {
      id
      addresses {
        id
        name
        line1
        line2
        city
        postalCode
        country
      }
    }
  }
`);

export const PlaceOrder = graphql(`
  mutation PlaceOrder($input: CheckoutInput!) {
    checkout(input: $input) {
      __typename
      ... on Order {
        id
        status
      }
      ... on InsufficientStockError {
        message
        items {
          requested
          available
          product {
            id
            title
          }
        }
      }
      ... on PaymentDeclinedError {
        message
        reason
      }
      ... on PaymentUnavailableError {
        message
      }
      ... on EmptyCartError {
        message
      }
    }
  }
`);
