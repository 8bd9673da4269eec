import { graphql } from "../../generated";

export const CartFields = graphql(`
  fragment CartFields on Cart {
    id
    itemCount
    subtotal {
      amount
      currency
    }
    items {
      id
      quantity
      unitPrice {
        amount
        currency
      }
      lineTotal {
        amount
        currency
      }
      product {
        id
        slug
        title
        inventory {
          available
          inStock
        }
      }
    }
  }
`);

export const MyCart = graphql(`
  query MyCart {
    cart {
      id
      itemCount
      ...CartFields
    }
  }
`);

export const UpdateCartItem = graphql(`
  mutation UpdateCartItem($productId: ID!, $quantity: Int!) {
    updateCartItem(productId: $productId, quantity: $quantity) {
      id
      guestToken
      ...CartFields
    }
  }
`);
