import { graphql } from "../../generated";

export const AdminProductFields = graphql(`
  fragment AdminProductFields on Product {
    id
    sku
    slug
    title
    description
    status
    price {
      amount
      currency
    }
    category {
      slug
      name
    }
    inventory {
      available
      onHand
      reserved
    }
  }
`);

/** Ten at a time: the gateway's query cost limit counts every product's inventory, which is another subgraph. */
export const AdminProducts = graphql(`
  query AdminProducts($search: String, $after: String) {
    products(filter: { search: $search }, first: 10, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...AdminProductFields
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

export const CreateProduct = graphql(`
  mutation CreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      id
      ...AdminProductFields
    }
  }
`);

export const UpdateProduct = graphql(`
  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {
    updateProduct(id: $id, input: $input) {
      id
      ...AdminProductFields
    }
  }
`);

export const ArchiveProduct = graphql(`
  mutation ArchiveProduct($id: ID!) {
    archiveProduct(id: $id) {
      id
      status
    }
  }
`);

export const SetStock = graphql(`
  mutation SetStock($productId: ID!, $onHand: Int!) {
    setStock(productId: $productId, onHand: $onHand) {
      available
      onHand
      reserved
    }
  }
`);

export const BoardOrderFields = graphql(`
  fragment BoardOrderFields on Order {
    id
    status
    trackingNumber
    createdAt
    updatedAt
    total {
      amount
      currency
    }
    user {
      id
      email
    }
    items {
      title
      quantity
    }
  }
`);

export const OrderEvents = graphql(`
  subscription OrderEvents {
    orderEvents {
      id
      ...BoardOrderFields
    }
  }
`);

/** The board's first page on open (and "More orders"): every customer's newest orders, or one status's. */
export const AdminOrders = graphql(`
  query AdminOrders($status: OrderStatus, $after: String) {
    orders(status: $status, first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...BoardOrderFields
        }
      }
    }
  }
`);

export const BoardOrder = graphql(`
  query BoardOrder($id: ID!) {
    order(id: $id) {
      id
      ...BoardOrderFields
    }
  }
`);

export const MoveOrder = graphql(`
  mutation MoveOrder($id: ID!, $status: OrderStatus!, $trackingNumber: String) {
    updateOrderStatus(id: $id, status: $status, trackingNumber: $trackingNumber) {
      id
      ...BoardOrderFields
    }
  }
`);
