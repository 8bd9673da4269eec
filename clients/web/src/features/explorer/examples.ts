/** The explorer's first tabs: one example of each kind of operation the shop answers. */
export const EXAMPLE_TABS = [
  {
    query: `# Products from three subgraphs: the catalogue (product), its category, and stock (inventory).
query Browse($search: String) {
  products(filter: { search: $search }, first: 5) {
    totalCount
    edges {
      node {
        id
        title
        price { amount currency }
        category { name }
        inventory { available inStock }
      }
    }
  }
}`,
    variables: `{ "search": "" }`,
  },
  {
    query: `# Sign in (the demo customer of npm start), then put "Authorization": "Bearer <token>" in Headers.
mutation LogIn {
  logIn(email: "customer@shop.test", password: "customer-password") {
    token
    expiresAt
    user { name role }
  }
}`,
  },
  {
    query: `# The signed-in customer's cart, priced at the catalogue's current prices.
query MyCart {
  cart {
    itemCount
    items { quantity product { title } unitPrice { amount currency } }
    subtotal { amount currency }
  }
}`,
  },
  {
    query: `# Live stock of products (anonymous allowed): change it with setStock as an admin, or buy one.
subscription LiveStock($productIds: [ID!]!) {
  stockChanged(productIds: $productIds) {
    available
    inStock
    product { id }
  }
}`,
    variables: `{ "productIds": [] }`,
  },
  {
    query: `# Every change of the signed-in customer's orders, live.
subscription MyOrders {
  myOrderUpdates {
    id
    status
    trackingNumber
    timeline { status at note }
  }
}`,
  },
];
