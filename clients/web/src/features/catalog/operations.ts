import { graphql } from "../../generated";

export const ProductCardFields = graphql(`
  fragment ProductCardFields on Product {
    id
    slug
    title
    price {
      amount
      currency
    }
    category {
      name
    }
    inventory {
      available
      inStock
    }
  }
`);

export const Catalog = graphql(`
  query Catalog($filter: ProductFilter, $first: Int, $after: String) {
    products(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...ProductCardFields
        }
      }
    }
    categories {
      id
      slug
      name
    }
  }
`);

export const ProductBySlug = graphql(`
  query ProductBySlug($slug: String!) {
    product(slug: $slug) {
      id
      slug
      title
      description
      status
      price {
        amount
        currency
      }
      category {
        name
      }
      inventory {
        available
        inStock
      }
    }
  }
`);

/** The part of a product that stockChanged events rewrite in the cache. */
export const ProductStock = graphql(`
  fragment ProductStock on Product {
    inventory {
      available
      inStock
    }
  }
`);

export const StockChanged = graphql(`
  subscription StockChanged($productIds: [ID!]!) {
    stockChanged(productIds: $productIds) {
      available
      inStock
      product {
        id
      }
    }
  }
`);

export const AddToCart = graphql(`
  mutation AddToCart($productId: ID!, $quantity: Int!) {
    addToCart(productId: $productId, quantity: $quantity) {
      id
      itemCount
      guestToken
    }
  }
`);
