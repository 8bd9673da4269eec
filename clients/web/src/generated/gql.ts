/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment SessionFields on AuthPayload {\n    token\n    refreshToken\n    expiresAt\n    user {\n      id\n      name\n      email\n      role\n    }\n  }\n": typeof types.SessionFieldsFragmentDoc,
    "\n  fragment CartMergeFields on CartMerge {\n    merged\n    droppedLines {\n      quantity\n      reason\n      product {\n        id\n        title\n      }\n    }\n    cappedLines {\n      requested\n      quantity\n      product {\n        id\n        title\n      }\n    }\n  }\n": typeof types.CartMergeFieldsFragmentDoc,
    "\n  mutation LogIn($email: String!, $password: String!, $guestCartToken: String) {\n    logIn(email: $email, password: $password, guestCartToken: $guestCartToken) {\n      ...SessionFields\n      cartMerge {\n        ...CartMergeFields\n      }\n    }\n  }\n": typeof types.LogInDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      ...SessionFields\n      cartMerge {\n        ...CartMergeFields\n      }\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  fragment AddressFields on Address {\n    id\n    name\n    line1\n    line2\n    city\n    postalCode\n    country\n  }\n": typeof types.AddressFieldsFragmentDoc,
    "\n  query MyAddresses {\n    me {\n      id\n      name\n      email\n      addresses {\n        id\n        ...AddressFields\n      }\n    }\n  }\n": typeof types.MyAddressesDocument,
    "\n  mutation AddAddress($input: AddressInput!) {\n    addAddress(input: $input) {\n      id\n      ...AddressFields\n    }\n  }\n": typeof types.AddAddressDocument,
    "\n  mutation RemoveAddress($id: ID!) {\n    removeAddress(id: $id) {\n      id\n      addresses {\n        id\n      }\n    }\n  }\n": typeof types.RemoveAddressDocument,
    "\n  fragment AdminProductFields on Product {\n    id\n    sku\n    slug\n    title\n    description\n    status\n    price {\n      amount\n      currency\n    }\n    category {\n      slug\n      name\n    }\n    inventory {\n      available\n      onHand\n      reserved\n    }\n  }\n": typeof types.AdminProductFieldsFragmentDoc,
    "\n  query AdminProducts($search: String, $after: String) {\n    products(filter: { search: $search }, first: 10, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...AdminProductFields\n        }\n      }\n    }\n    categories {\n      id\n      slug\n      name\n    }\n  }\n": typeof types.AdminProductsDocument,
    "\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n      ...AdminProductFields\n    }\n  }\n": typeof types.CreateProductDocument,
    "\n  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, input: $input) {\n      id\n      ...AdminProductFields\n    }\n  }\n": typeof types.UpdateProductDocument,
    "\n  mutation ArchiveProduct($id: ID!) {\n    archiveProduct(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.ArchiveProductDocument,
    "\n  mutation SetStock($productId: ID!, $onHand: Int!) {\n    setStock(productId: $productId, onHand: $onHand) {\n      available\n      onHand\n      reserved\n    }\n  }\n": typeof types.SetStockDocument,
    "\n  fragment BoardOrderFields on Order {\n    id\n    status\n    trackingNumber\n    createdAt\n    updatedAt\n    total {\n      amount\n      currency\n    }\n    user {\n      id\n      email\n    }\n    items {\n      title\n      quantity\n    }\n  }\n": typeof types.BoardOrderFieldsFragmentDoc,
    "\n  subscription OrderEvents {\n    orderEvents {\n      id\n      ...BoardOrderFields\n    }\n  }\n": typeof types.OrderEventsDocument,
    "\n  query AdminOrders($status: OrderStatus, $after: String) {\n    orders(status: $status, first: 20, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...BoardOrderFields\n        }\n      }\n    }\n  }\n": typeof types.AdminOrdersDocument,
    "\n  query BoardOrder($id: ID!) {\n    order(id: $id) {\n      id\n      ...BoardOrderFields\n    }\n  }\n": typeof types.BoardOrderDocument,
    "\n  mutation MoveOrder($id: ID!, $status: OrderStatus!, $trackingNumber: String) {\n    updateOrderStatus(id: $id, status: $status, trackingNumber: $trackingNumber) {\n      id\n      ...BoardOrderFields\n    }\n  }\n": typeof types.MoveOrderDocument,
    "\n  fragment CartFields on Cart {\n    id\n    itemCount\n    subtotal {\n      amount\n      currency\n    }\n    items {\n      id\n      quantity\n      unitPrice {\n        amount\n        currency\n      }\n      lineTotal {\n        amount\n        currency\n      }\n      product {\n        id\n        slug\n        title\n        inventory {\n          available\n          inStock\n        }\n      }\n    }\n  }\n": typeof types.CartFieldsFragmentDoc,
    "\n  query MyCart {\n    cart {\n      id\n      itemCount\n      ...CartFields\n    }\n  }\n": typeof types.MyCartDocument,
    "\n  mutation UpdateCartItem($productId: ID!, $quantity: Int!) {\n    updateCartItem(productId: $productId, quantity: $quantity) {\n      id\n      guestToken\n      ...CartFields\n    }\n  }\n": typeof types.UpdateCartItemDocument,
    "\n  fragment ProductCardFields on Product {\n    id\n    slug\n    title\n    price {\n      amount\n      currency\n    }\n    category {\n      name\n    }\n    inventory {\n      available\n      inStock\n    }\n  }\n": typeof types.ProductCardFieldsFragmentDoc,
    "\n  query Catalog($filter: ProductFilter, $first: Int, $after: String) {\n    products(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...ProductCardFields\n        }\n      }\n    }\n    categories {\n      id\n      slug\n      name\n    }\n  }\n": typeof types.CatalogDocument,
    "\n  query ProductBySlug($slug: String!) {\n    product(slug: $slug) {\n      id\n      slug\n      title\n      description\n      status\n      price {\n        amount\n        currency\n      }\n      category {\n        name\n      }\n      inventory {\n        available\n        inStock\n      }\n    }\n  }\n": typeof types.ProductBySlugDocument,
    "\n  fragment ProductStock on Product {\n    inventory {\n      available\n      inStock\n    }\n  }\n": typeof types.ProductStockFragmentDoc,
    "\n  subscription StockChanged($productIds: [ID!]!) {\n    stockChanged(productIds: $productIds) {\n      available\n      inStock\n      product {\n        id\n      }\n    }\n  }\n": typeof types.StockChangedDocument,
    "\n  mutation AddToCart($productId: ID!, $quantity: Int!) {\n    addToCart(productId: $productId, quantity: $quantity) {\n      id\n      itemCount\n      guestToken\n    }\n  }\n": typeof types.AddToCartDocument,
    "\n  query CheckoutForm {\n    cart {\n      id\n      itemCount\n      ...CartFields\n    }\n    me {\n      id\n      addresses {\n        id\n        name\n        line1\n        line2\n        city\n        postalCode\n        country\n      }\n    }\n  }\n": typeof types.CheckoutFormDocument,
    "\n  mutation PlaceOrder($input: CheckoutInput!) {\n    checkout(input: $input) {\n      __typename\n      ... on Order {\n        id\n        status\n      }\n      ... on InsufficientStockError {\n        message\n        items {\n          requested\n          available\n          product {\n            id\n            title\n          }\n        }\n      }\n      ... on PaymentDeclinedError {\n        message\n        reason\n      }\n      ... on PaymentUnavailableError {\n        message\n      }\n      ... on EmptyCartError {\n        message\n      }\n    }\n  }\n": typeof types.PlaceOrderDocument,
    "\n  fragment OrderDetails on Order {\n    id\n    status\n    trackingNumber\n    createdAt\n    total {\n      amount\n      currency\n    }\n    items {\n      title\n      quantity\n      unitPrice {\n        amount\n        currency\n      }\n      lineTotal {\n        amount\n        currency\n      }\n    }\n    timeline {\n      status\n      at\n      note\n    }\n  }\n": typeof types.OrderDetailsFragmentDoc,
    "\n  query OrderById($id: ID!) {\n    order(id: $id) {\n      id\n      ...OrderDetails\n    }\n  }\n": typeof types.OrderByIdDocument,
    "\n  subscription OrderUpdated($id: ID!) {\n    orderUpdated(id: $id) {\n      id\n      ...OrderDetails\n    }\n  }\n": typeof types.OrderUpdatedDocument,
    "\n  query MyOrders($after: String) {\n    myOrders(first: 20, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          status\n          createdAt\n          total {\n            amount\n            currency\n          }\n          items {\n            title\n            quantity\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyOrdersDocument,
    "\n  mutation LogOut($refreshToken: String) {\n    logOut(refreshToken: $refreshToken)\n  }\n": typeof types.LogOutDocument,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      token\n      refreshToken\n      expiresAt\n      user {\n        id\n        name\n        email\n        role\n      }\n    }\n  }\n": typeof types.RefreshSessionDocument,
};
const documents: Documents = {
    "\n  fragment SessionFields on AuthPayload {\n    token\n    refreshToken\n    expiresAt\n    user {\n      id\n      name\n      email\n      role\n    }\n  }\n": types.SessionFieldsFragmentDoc,
    "\n  fragment CartMergeFields on CartMerge {\n    merged\n    droppedLines {\n      quantity\n      reason\n      product {\n        id\n        title\n      }\n    }\n    cappedLines {\n      requested\n      quantity\n      product {\n        id\n        title\n      }\n    }\n  }\n": types.CartMergeFieldsFragmentDoc,
    "\n  mutation LogIn($email: String!, $password: String!, $guestCartToken: String) {\n    logIn(email: $email, password: $password, guestCartToken: $guestCartToken) {\n      ...SessionFields\n      cartMerge {\n        ...CartMergeFields\n      }\n    }\n  }\n": types.LogInDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      ...SessionFields\n      cartMerge {\n        ...CartMergeFields\n      }\n    }\n  }\n": types.SignUpDocument,
    "\n  fragment AddressFields on Address {\n    id\n    name\n    line1\n    line2\n    city\n    postalCode\n    country\n  }\n": types.AddressFieldsFragmentDoc,
    "\n  query MyAddresses {\n    me {\n      id\n      name\n      email\n      addresses {\n        id\n        ...AddressFields\n      }\n    }\n  }\n": types.MyAddressesDocument,
    "\n  mutation AddAddress($input: AddressInput!) {\n    addAddress(input: $input) {\n      id\n      ...AddressFields\n    }\n  }\n": types.AddAddressDocument,
    "\n  mutation RemoveAddress($id: ID!) {\n    removeAddress(id: $id) {\n      id\n      addresses {\n        id\n      }\n    }\n  }\n": types.RemoveAddressDocument,
    "\n  fragment AdminProductFields on Product {\n    id\n    sku\n    slug\n    title\n    description\n    status\n    price {\n      amount\n      currency\n    }\n    category {\n      slug\n      name\n    }\n    inventory {\n      available\n      onHand\n      reserved\n    }\n  }\n": types.AdminProductFieldsFragmentDoc,
    "\n  query AdminProducts($search: String, $after: String) {\n    products(filter: { search: $search }, first: 10, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...AdminProductFields\n        }\n      }\n    }\n    categories {\n      id\n      slug\n      name\n    }\n  }\n": types.AdminProductsDocument,
    "\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n      ...AdminProductFields\n    }\n  }\n": types.CreateProductDocument,
    "\n  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, input: $input) {\n      id\n      ...AdminProductFields\n    }\n  }\n": types.UpdateProductDocument,
    "\n  mutation ArchiveProduct($id: ID!) {\n    archiveProduct(id: $id) {\n      id\n      status\n    }\n  }\n": types.ArchiveProductDocument,
    "\n  mutation SetStock($productId: ID!, $onHand: Int!) {\n    setStock(productId: $productId, onHand: $onHand) {\n      available\n      onHand\n      reserved\n    }\n  }\n": types.SetStockDocument,
    "\n  fragment BoardOrderFields on Order {\n    id\n    status\n    trackingNumber\n    createdAt\n    updatedAt\n    total {\n      amount\n      currency\n    }\n    user {\n      id\n      email\n    }\n    items {\n      title\n      quantity\n    }\n  }\n": types.BoardOrderFieldsFragmentDoc,
    "\n  subscription OrderEvents {\n    orderEvents {\n      id\n      ...BoardOrderFields\n    }\n  }\n": types.OrderEventsDocument,
    "\n  query AdminOrders($status: OrderStatus, $after: String) {\n    orders(status: $status, first: 20, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...BoardOrderFields\n        }\n      }\n    }\n  }\n": types.AdminOrdersDocument,
    "\n  query BoardOrder($id: ID!) {\n    order(id: $id) {\n      id\n      ...BoardOrderFields\n    }\n  }\n": types.BoardOrderDocument,
    "\n  mutation MoveOrder($id: ID!, $status: OrderStatus!, $trackingNumber: String) {\n    updateOrderStatus(id: $id, status: $status, trackingNumber: $trackingNumber) {\n      id\n      ...BoardOrderFields\n    }\n  }\n": types.MoveOrderDocument,
    "\n  fragment CartFields on Cart {\n    id\n    itemCount\n    subtotal {\n      amount\n      currency\n    }\n    items {\n      id\n      quantity\n      unitPrice {\n        amount\n        currency\n      }\n      lineTotal {\n        amount\n        currency\n      }\n      product {\n        id\n        slug\n        title\n        inventory {\n          available\n          inStock\n        }\n      }\n    }\n  }\n": types.CartFieldsFragmentDoc,
    "\n  query MyCart {\n    cart {\n      id\n      itemCount\n      ...CartFields\n    }\n  }\n": types.MyCartDocument,
    "\n  mutation UpdateCartItem($productId: ID!, $quantity: Int!) {\n    updateCartItem(productId: $productId, quantity: $quantity) {\n      id\n      guestToken\n      ...CartFields\n    }\n  }\n": types.UpdateCartItemDocument,
    "\n  fragment ProductCardFields on Product {\n    id\n    slug\n    title\n    price {\n      amount\n      currency\n    }\n    category {\n      name\n    }\n    inventory {\n      available\n      inStock\n    }\n  }\n": types.ProductCardFieldsFragmentDoc,
    "\n  query Catalog($filter: ProductFilter, $first: Int, $after: String) {\n    products(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...ProductCardFields\n        }\n      }\n    }\n    categories {\n      id\n      slug\n      name\n    }\n  }\n": types.CatalogDocument,
    "\n  query ProductBySlug($slug: String!) {\n    product(slug: $slug) {\n      id\n      slug\n      title\n      description\n      status\n      price {\n        amount\n        currency\n      }\n      category {\n        name\n      }\n      inventory {\n        available\n        inStock\n      }\n    }\n  }\n": types.ProductBySlugDocument,
    "\n  fragment ProductStock on Product {\n    inventory {\n      available\n      inStock\n    }\n  }\n": types.ProductStockFragmentDoc,
    "\n  subscription StockChanged($productIds: [ID!]!) {\n    stockChanged(productIds: $productIds) {\n      available\n      inStock\n      product {\n        id\n      }\n    }\n  }\n": types.StockChangedDocument,
    "\n  mutation AddToCart($productId: ID!, $quantity: Int!) {\n    addToCart(productId: $productId, quantity: $quantity) {\n      id\n      itemCount\n      guestToken\n    }\n  }\n": types.AddToCartDocument,
    "\n  query CheckoutForm {\n    cart {\n      id\n      itemCount\n      ...CartFields\n    }\n    me {\n      id\n      addresses {\n        id\n        name\n        line1\n        line2\n        city\n        postalCode\n        country\n      }\n    }\n  }\n": types.CheckoutFormDocument,
    "\n  mutation PlaceOrder($input: CheckoutInput!) {\n    checkout(input: $input) {\n      __typename\n      ... on Order {\n        id\n        status\n      }\n      ... on InsufficientStockError {\n        message\n        items {\n          requested\n          available\n          product {\n            id\n            title\n          }\n        }\n      }\n      ... on PaymentDeclinedError {\n        message\n        reason\n      }\n      ... on PaymentUnavailableError {\n        message\n      }\n      ... on EmptyCartError {\n        message\n      }\n    }\n  }\n": types.PlaceOrderDocument,
    "\n  fragment OrderDetails on Order {\n    id\n    status\n    trackingNumber\n    createdAt\n    total {\n      amount\n      currency\n    }\n    items {\n      title\n      quantity\n      unitPrice {\n        amount\n        currency\n      }\n      lineTotal {\n        amount\n        currency\n      }\n    }\n    timeline {\n      status\n      at\n      note\n    }\n  }\n": types.OrderDetailsFragmentDoc,
    "\n  query OrderById($id: ID!) {\n    order(id: $id) {\n      id\n      ...OrderDetails\n    }\n  }\n": types.OrderByIdDocument,
    "\n  subscription OrderUpdated($id: ID!) {\n    orderUpdated(id: $id) {\n      id\n      ...OrderDetails\n    }\n  }\n": types.OrderUpdatedDocument,
    "\n  query MyOrders($after: String) {\n    myOrders(first: 20, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          status\n          createdAt\n          total {\n            amount\n            currency\n          }\n          items {\n            title\n            quantity\n          }\n        }\n      }\n    }\n  }\n": types.MyOrdersDocument,
    "\n  mutation LogOut($refreshToken: String) {\n    logOut(refreshToken: $refreshToken)\n  }\n": types.LogOutDocument,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      token\n      refreshToken\n      expiresAt\n      user {\n        id\n        name\n        email\n        role\n      }\n    }\n  }\n": types.RefreshSessionDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionFields on AuthPayload {\n    token\n    refreshToken\n    expiresAt\n    user {\n      id\n      name\n      email\n      role\n    }\n  }\n"): (typeof documents)["\n  fragment SessionFields on AuthPayload {\n    token\n    refreshToken\n    expiresAt\n    user {\n      id\n      name\n      email\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CartMergeFields on CartMerge {\n    merged\n    droppedLines {\n      quantity\n      reason\n      product {\n        id\n        title\n      }\n    }\n    cappedLines {\n      requested\n      quantity\n      product {\n        id\n        title\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment CartMergeFields on CartMerge {\n    merged\n    droppedLines {\n      quantity\n      reason\n      product {\n        id\n        title\n      }\n    }\n    cappedLines {\n      requested\n      quantity\n      product {\n        id\n        title\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogIn($email: String!, $password: String!, $guestCartToken: String) {\n    logIn(email: $email, password: $password, guestCartToken: $guestCartToken) {\n      ...SessionFields\n      cartMerge {\n        ...CartMergeFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LogIn($email: String!, $password: String!, $guestCartToken: String) {\n    logIn(email: $email, password: $password, guestCartToken: $guestCartToken) {\n      ...SessionFields\n      cartMerge {\n        ...CartMergeFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      ...SessionFields\n      cartMerge {\n        ...CartMergeFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      ...SessionFields\n      cartMerge {\n        ...CartMergeFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AddressFields on Address {\n    id\n    name\n    line1\n    line2\n    city\n    postalCode\n    country\n  }\n"): (typeof documents)["\n  fragment AddressFields on Address {\n    id\n    name\n    line1\n    line2\n    city\n    postalCode\n    country\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyAddresses {\n    me {\n      id\n      name\n      email\n      addresses {\n        id\n        ...AddressFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyAddresses {\n    me {\n      id\n      name\n      email\n      addresses {\n        id\n        ...AddressFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddAddress($input: AddressInput!) {\n    addAddress(input: $input) {\n      id\n      ...AddressFields\n    }\n  }\n"): (typeof documents)["\n  mutation AddAddress($input: AddressInput!) {\n    addAddress(input: $input) {\n      id\n      ...AddressFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveAddress($id: ID!) {\n    removeAddress(id: $id) {\n      id\n      addresses {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveAddress($id: ID!) {\n    removeAddress(id: $id) {\n      id\n      addresses {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminProductFields on Product {\n    id\n    sku\n    slug\n    title\n    description\n    status\n    price {\n      amount\n      currency\n    }\n    category {\n      slug\n      name\n    }\n    inventory {\n      available\n      onHand\n      reserved\n    }\n  }\n"): (typeof documents)["\n  fragment AdminProductFields on Product {\n    id\n    sku\n    slug\n    title\n    description\n    status\n    price {\n      amount\n      currency\n    }\n    category {\n      slug\n      name\n    }\n    inventory {\n      available\n      onHand\n      reserved\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminProducts($search: String, $after: String) {\n    products(filter: { search: $search }, first: 10, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...AdminProductFields\n        }\n      }\n    }\n    categories {\n      id\n      slug\n      name\n    }\n  }\n"): (typeof documents)["\n  query AdminProducts($search: String, $after: String) {\n    products(filter: { search: $search }, first: 10, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...AdminProductFields\n        }\n      }\n    }\n    categories {\n      id\n      slug\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n      ...AdminProductFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n      ...AdminProductFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, input: $input) {\n      id\n      ...AdminProductFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, input: $input) {\n      id\n      ...AdminProductFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ArchiveProduct($id: ID!) {\n    archiveProduct(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ArchiveProduct($id: ID!) {\n    archiveProduct(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetStock($productId: ID!, $onHand: Int!) {\n    setStock(productId: $productId, onHand: $onHand) {\n      available\n      onHand\n      reserved\n    }\n  }\n"): (typeof documents)["\n  mutation SetStock($productId: ID!, $onHand: Int!) {\n    setStock(productId: $productId, onHand: $onHand) {\n      available\n      onHand\n      reserved\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BoardOrderFields on Order {\n    id\n    status\n    trackingNumber\n    createdAt\n    updatedAt\n    total {\n      amount\n      currency\n    }\n    user {\n      id\n      email\n    }\n    items {\n      title\n      quantity\n    }\n  }\n"): (typeof documents)["\n  fragment BoardOrderFields on Order {\n    id\n    status\n    trackingNumber\n    createdAt\n    updatedAt\n    total {\n      amount\n      currency\n    }\n    user {\n      id\n      email\n    }\n    items {\n      title\n      quantity\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OrderEvents {\n    orderEvents {\n      id\n      ...BoardOrderFields\n    }\n  }\n"): (typeof documents)["\n  subscription OrderEvents {\n    orderEvents {\n      id\n      ...BoardOrderFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminOrders($status: OrderStatus, $after: String) {\n    orders(status: $status, first: 20, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...BoardOrderFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminOrders($status: OrderStatus, $after: String) {\n    orders(status: $status, first: 20, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...BoardOrderFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BoardOrder($id: ID!) {\n    order(id: $id) {\n      id\n      ...BoardOrderFields\n    }\n  }\n"): (typeof documents)["\n  query BoardOrder($id: ID!) {\n    order(id: $id) {\n      id\n      ...BoardOrderFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveOrder($id: ID!, $status: OrderStatus!, $trackingNumber: String) {\n    updateOrderStatus(id: $id, status: $status, trackingNumber: $trackingNumber) {\n      id\n      ...BoardOrderFields\n    }\n  }\n"): (typeof documents)["\n  mutation MoveOrder($id: ID!, $status: OrderStatus!, $trackingNumber: String) {\n    updateOrderStatus(id: $id, status: $status, trackingNumber: $trackingNumber) {\n      id\n      ...BoardOrderFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CartFields on Cart {\n    id\n    itemCount\n    subtotal {\n      amount\n      currency\n    }\n    items {\n      id\n      quantity\n      unitPrice {\n        amount\n        currency\n      }\n      lineTotal {\n        amount\n        currency\n      }\n      product {\n        id\n        slug\n        title\n        inventory {\n          available\n          inStock\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment CartFields on Cart {\n    id\n    itemCount\n    subtotal {\n      amount\n      currency\n    }\n    items {\n      id\n      quantity\n      unitPrice {\n        amount\n        currency\n      }\n      lineTotal {\n        amount\n        currency\n      }\n      product {\n        id\n        slug\n        title\n        inventory {\n          available\n          inStock\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyCart {\n    cart {\n      id\n      itemCount\n      ...CartFields\n    }\n  }\n"): (typeof documents)["\n  query MyCart {\n    cart {\n      id\n      itemCount\n      ...CartFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCartItem($productId: ID!, $quantity: Int!) {\n    updateCartItem(productId: $productId, quantity: $quantity) {\n      id\n      guestToken\n      ...CartFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateCartItem($productId: ID!, $quantity: Int!) {\n    updateCartItem(productId: $productId, quantity: $quantity) {\n      id\n      guestToken\n      ...CartFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProductCardFields on Product {\n    id\n    slug\n    title\n    price {\n      amount\n      currency\n    }\n    category {\n      name\n    }\n    inventory {\n      available\n      inStock\n    }\n  }\n"): (typeof documents)["\n  fragment ProductCardFields on Product {\n    id\n    slug\n    title\n    price {\n      amount\n      currency\n    }\n    category {\n      name\n    }\n    inventory {\n      available\n      inStock\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Catalog($filter: ProductFilter, $first: Int, $after: String) {\n    products(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...ProductCardFields\n        }\n      }\n    }\n    categories {\n      id\n      slug\n      name\n    }\n  }\n"): (typeof documents)["\n  query Catalog($filter: ProductFilter, $first: Int, $after: String) {\n    products(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...ProductCardFields\n        }\n      }\n    }\n    categories {\n      id\n      slug\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductBySlug($slug: String!) {\n    product(slug: $slug) {\n      id\n      slug\n      title\n      description\n      status\n      price {\n        amount\n        currency\n      }\n      category {\n        name\n      }\n      inventory {\n        available\n        inStock\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProductBySlug($slug: String!) {\n    product(slug: $slug) {\n      id\n      slug\n      title\n      description\n      status\n      price {\n        amount\n        currency\n      }\n      category {\n        name\n      }\n      inventory {\n        available\n        inStock\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProductStock on Product {\n    inventory {\n      available\n      inStock\n    }\n  }\n"): (typeof documents)["\n  fragment ProductStock on Product {\n    inventory {\n      available\n      inStock\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription StockChanged($productIds: [ID!]!) {\n    stockChanged(productIds: $productIds) {\n      available\n      inStock\n      product {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription StockChanged($productIds: [ID!]!) {\n    stockChanged(productIds: $productIds) {\n      available\n      inStock\n      product {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddToCart($productId: ID!, $quantity: Int!) {\n    addToCart(productId: $productId, quantity: $quantity) {\n      id\n      itemCount\n      guestToken\n    }\n  }\n"): (typeof documents)["\n  mutation AddToCart($productId: ID!, $quantity: Int!) {\n    addToCart(productId: $productId, quantity: $quantity) {\n      id\n      itemCount\n      guestToken\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CheckoutForm {\n    cart {\n      id\n      itemCount\n      ...CartFields\n    }\n    me {\n      id\n      addresses {\n        id\n        name\n        line1\n        line2\n        city\n        postalCode\n        country\n      }\n    }\n  }\n"): (typeof documents)["\n  query CheckoutForm {\n    cart {\n      id\n      itemCount\n      ...CartFields\n    }\n    me {\n      id\n      addresses {\n        id\n        name\n        line1\n        line2\n        city\n        postalCode\n        country\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PlaceOrder($input: CheckoutInput!) {\n    checkout(input: $input) {\n      __typename\n      ... on Order {\n        id\n        status\n      }\n      ... on InsufficientStockError {\n        message\n        items {\n          requested\n          available\n          product {\n            id\n            title\n          }\n        }\n      }\n      ... on PaymentDeclinedError {\n        message\n        reason\n      }\n      ... on PaymentUnavailableError {\n        message\n      }\n      ... on EmptyCartError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PlaceOrder($input: CheckoutInput!) {\n    checkout(input: $input) {\n      __typename\n      ... on Order {\n        id\n        status\n      }\n      ... on InsufficientStockError {\n        message\n        items {\n          requested\n          available\n          product {\n            id\n            title\n          }\n        }\n      }\n      ... on PaymentDeclinedError {\n        message\n        reason\n      }\n      ... on PaymentUnavailableError {\n        message\n      }\n      ... on EmptyCartError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrderDetails on Order {\n    id\n    status\n    trackingNumber\n    createdAt\n    total {\n      amount\n      currency\n    }\n    items {\n      title\n      quantity\n      unitPrice {\n        amount\n        currency\n      }\n      lineTotal {\n        amount\n        currency\n      }\n    }\n    timeline {\n      status\n      at\n      note\n    }\n  }\n"): (typeof documents)["\n  fragment OrderDetails on Order {\n    id\n    status\n    trackingNumber\n    createdAt\n    total {\n      amount\n      currency\n    }\n    items {\n      title\n      quantity\n      unitPrice {\n        amount\n        currency\n      }\n      lineTotal {\n        amount\n        currency\n      }\n    }\n    timeline {\n      status\n      at\n      note\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrderById($id: ID!) {\n    order(id: $id) {\n      id\n      ...OrderDetails\n    }\n  }\n"): (typeof documents)["\n  query OrderById($id: ID!) {\n    order(id: $id) {\n      id\n      ...OrderDetails\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OrderUpdated($id: ID!) {\n    orderUpdated(id: $id) {\n      id\n      ...OrderDetails\n    }\n  }\n"): (typeof documents)["\n  subscription OrderUpdated($id: ID!) {\n    orderUpdated(id: $id) {\n      id\n      ...OrderDetails\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyOrders($after: String) {\n    myOrders(first: 20, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          status\n          createdAt\n          total {\n            amount\n            currency\n          }\n          items {\n            title\n            quantity\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyOrders($after: String) {\n    myOrders(first: 20, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          status\n          createdAt\n          total {\n            amount\n            currency\n          }\n          items {\n            title\n            quantity\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogOut($refreshToken: String) {\n    logOut(refreshToken: $refreshToken)\n  }\n"): (typeof documents)["\n  mutation LogOut($refreshToken: String) {\n    logOut(refreshToken: $refreshToken)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      token\n      refreshToken\n      expiresAt\n      user {\n        id\n        name\n        email\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      token\n      refreshToken\n      expiresAt\n      user {\n        id\n        name\n        email\n        role\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;