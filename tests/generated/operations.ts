/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 date-time in UTC, e.g. 2026-11-21T09:30:00.000Z. */
  DateTime: { input: string; output: string; }
  join__DirectiveArguments: { input: unknown; output: unknown; }
  join__FieldSet: { input: unknown; output: unknown; }
  link__Import: { input: unknown; output: unknown; }
};

/** A saved postal address. */
export type Address = {
  __typename?: 'Address';
  city: Scalars['String']['output'];
  /** ISO 3166-1 alpha-2 country code, e.g. US. */
  country: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  line1: Scalars['String']['output'];
  line2: Maybe<Scalars['String']['output']>;
  /** The recipient's name. */
  name: Scalars['String']['output'];
  postalCode: Scalars['String']['output'];
};

/** A postal address as entered at checkout or in the address book. */
export type AddressInput = {
  city: Scalars['String']['input'];
  /** ISO 3166-1 alpha-2 country code, e.g. US. */
  country: Scalars['String']['input'];
  line1: Scalars['String']['input'];
  line2: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  postalCode: Scalars['String']['input'];
};

/** A session token and the account it belongs to. */
export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** A JWT to send as `Authorization: Bearer <token>` (HTTP) or `connectionParams.authorization` (WebSocket). */
  token: Scalars['String']['output'];
  user: User;
};

/** A shopper's cart. Prices are never stored here: they follow the product's current price. */
export type Cart = {
  __typename?: 'Cart';
  id: Scalars['ID']['output'];
  /** Total units across lines. */
  itemCount: Scalars['Int']['output'];
  /** Lines in the order they were first added. */
  items: Array<CartItem>;
  /** Sum of line totals at current prices. */
  subtotal: Money;
};

/** One product in a cart. */
export type CartItem = {
  __typename?: 'CartItem';
  id: Scalars['ID']['output'];
  /** unitPrice × quantity. */
  lineTotal: Money;
  product: Product;
  quantity: Scalars['Int']['output'];
  /** The product's current price. */
  unitPrice: Money;
};

/** A line of a cart as the order subgraph reads it at checkout. */
export type CartLine = {
  __typename?: 'CartLine';
  productId: Scalars['ID']['output'];
  quantity: Scalars['Int']['output'];
};

/** A group of products, e.g. Kitchen. */
export type Category = {
  __typename?: 'Category';
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** Active products of this category, by title. */
  products: ProductConnection;
  slug: Scalars['String']['output'];
};


/** A group of products, e.g. Kitchen. */
export type CategoryProductsArgs = {
  after: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type CreateProductInput = {
  categorySlug: Scalars['String']['input'];
  currency: InputMaybe<Scalars['String']['input']>;
  description: InputMaybe<Scalars['String']['input']>;
  /** Minor units, zero or more. */
  priceAmount: Scalars['Int']['input'];
  sku: Scalars['String']['input'];
  title: Scalars['String']['input'];
};

/** Stock of one product. PostgreSQL holds the truth; a Redis counter mirrors `available` as the fast gate. */
export type Inventory = {
  __typename?: 'Inventory';
  /** Units that can still be sold: onHand minus reserved. */
  available: Scalars['Int']['output'];
  /** True when at least one unit is available. */
  inStock: Scalars['Boolean']['output'];
  /** Units physically in the warehouse. */
  onHand: Scalars['Int']['output'];
  /** Units held by checkouts in progress. */
  reserved: Scalars['Int']['output'];
};

/** An amount of money in integer minor units (cents), never a float. */
export type Money = {
  __typename?: 'Money';
  /** Minor units: 1999 with currency USD is $19.99. */
  amount: Scalars['Int']['output'];
  /** ISO 4217 code, e.g. USD. */
  currency: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Saves a shipping address for the signed-in user. */
  addAddress: Address;
  /** Adds quantity (at least 1) of an active product, merging with an existing line. */
  addToCart: Cart;
  /** ADMIN. Withdraws a product from the catalog (idempotent). */
  archiveProduct: Product;
  /** Removes every line. */
  clearCart: Cart;
  /** ADMIN. Adds an ACTIVE product; the slug is derived from the title. */
  createProduct: Product;
  /** Signs in with email and password; a wrong pair is UNAUTHENTICATED without saying which part was wrong. */
  logIn: AuthPayload;
  /** Deletes one of the signed-in user's saved addresses; returns the user. */
  removeAddress: User;
  /** Removes a line (no error when it is not there). */
  removeFromCart: Cart;
  /** ADMIN. Sets the units on hand of a product (zero or more); available follows, minus active reservations. */
  setStock: Inventory;
  /** Creates a CUSTOMER account and signs it in. Email must be unused; password at least 8 characters. */
  signUp: AuthPayload;
  /** Sets a line's quantity; 0 removes the line. */
  updateCartItem: Cart;
  /** ADMIN. Changes the given fields; carts show the new price at once. */
  updateProduct: Product;
};


export type MutationAddAddressArgs = {
  input: AddressInput;
};


export type MutationAddToCartArgs = {
  productId: Scalars['ID']['input'];
  quantity?: Scalars['Int']['input'];
};


export type MutationArchiveProductArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCreateProductArgs = {
  input: CreateProductInput;
};


export type MutationLogInArgs = {
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
};


export type MutationRemoveAddressArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRemoveFromCartArgs = {
  productId: Scalars['ID']['input'];
};


export type MutationSetStockArgs = {
  onHand: Scalars['Int']['input'];
  productId: Scalars['ID']['input'];
};


export type MutationSignUpArgs = {
  input: SignUpInput;
};


export type MutationUpdateCartItemArgs = {
  productId: Scalars['ID']['input'];
  quantity: Scalars['Int']['input'];
};


export type MutationUpdateProductArgs = {
  id: Scalars['ID']['input'];
  input: UpdateProductInput;
};

/** A purchase. Lines keep the title and price the customer paid, whatever the catalog says later. */
export type Order = {
  __typename?: 'Order';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  items: Array<OrderItem>;
  status: OrderStatus;
  /** Every status change, oldest first. */
  timeline: Array<OrderEvent>;
  /** Sum of line totals. */
  total: Money;
  /** Set when the order ships. */
  trackingNumber: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
  user: User;
};

/** A page of orders. */
export type OrderConnection = {
  __typename?: 'OrderConnection';
  edges: Array<OrderEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type OrderEdge = {
  __typename?: 'OrderEdge';
  cursor: Scalars['String']['output'];
  node: Order;
};

/** One status change of an order. */
export type OrderEvent = {
  __typename?: 'OrderEvent';
  at: Scalars['DateTime']['output'];
  /** Why it changed, e.g. the payment provider's decline reason. */
  note: Maybe<Scalars['String']['output']>;
  status: OrderStatus;
};

/** One product line of an order, as bought. */
export type OrderItem = {
  __typename?: 'OrderItem';
  lineTotal: Money;
  product: Product;
  quantity: Scalars['Int']['output'];
  /** Title at the time of purchase. */
  title: Scalars['String']['output'];
  /** Price at the time of purchase. */
  unitPrice: Money;
};

/** Where an order is in its lifecycle. */
export type OrderStatus =
  | 'CANCELLED'
  | 'DELIVERED'
  | 'PACKED'
  | 'PAID'
  /** Created; stock reserved; waiting for the payment to succeed. */
  | 'PENDING_PAYMENT'
  | 'SHIPPED';

/** Relay page information. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Pass as `after` to read the next page. */
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** The product a line refers to; its price comes from the product subgraph through the gateway. */
export type Product = {
  __typename?: 'Product';
  category: Category;
  createdAt: Scalars['DateTime']['output'];
  description: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** Stock of this product; all zero for a product that was never stocked. */
  inventory: Inventory;
  /** The current price; carts follow it, orders keep a snapshot. */
  price: Money;
  /** Stock-keeping unit, unique in the shop. */
  sku: Scalars['String']['output'];
  /** URL-friendly unique name derived from the title. */
  slug: Scalars['String']['output'];
  status: ProductStatus;
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

/** A page of products. */
export type ProductConnection = {
  __typename?: 'ProductConnection';
  edges: Array<ProductEdge>;
  pageInfo: PageInfo;
  /** How many products match the filter across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type ProductEdge = {
  __typename?: 'ProductEdge';
  cursor: Scalars['String']['output'];
  node: Product;
};

/** Narrows `products`; every field is optional and they combine with AND. */
export type ProductFilter = {
  categorySlug: InputMaybe<Scalars['String']['input']>;
  /** Inclusive upper bound on price.amount, in minor units. */
  maxPrice: InputMaybe<Scalars['Int']['input']>;
  /** Inclusive lower bound on price.amount, in minor units. */
  minPrice: InputMaybe<Scalars['Int']['input']>;
  /** Full-text search over title and description (English stemming); results are ordered by relevance. */
  search: InputMaybe<Scalars['String']['input']>;
};

/** A cart or order line's view of a product: what sibling subgraphs need to price and validate it. */
export type ProductSnapshot = {
  __typename?: 'ProductSnapshot';
  currency: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  priceAmount: Scalars['Int']['output'];
  status: ProductStatus;
  title: Scalars['String']['output'];
};

/** Whether a product can be bought. */
export type ProductStatus =
  /** Listed in the catalog and purchasable. */
  | 'ACTIVE'
  /** Withdrawn: hidden from listings, still readable by id for past orders. */
  | 'ARCHIVED';

export type Query = {
  __typename?: 'Query';
  /** The signed-in viewer's cart (created empty on first use). */
  cart: Cart;
  /** Internal, for the order subgraph: the lines of a user's cart. */
  cartLines: Array<CartLine>;
  /** Every category, by name. */
  categories: Array<Category>;
  /** The signed-in user, or null when the request carries no token. */
  me: Maybe<User>;
  /** The signed-in viewer's orders, newest first. */
  myOrders: OrderConnection;
  /** An order of the viewer (any order for an ADMIN); null when there is none or it belongs to someone else. */
  order: Maybe<Order>;
  /** One product by id or by slug (exactly one of them); null when there is none. */
  product: Maybe<Product>;
  /** Internal, for sibling subgraphs only: current title, status and price of products, in the order asked (null when unknown). */
  productSnapshots: Array<Maybe<ProductSnapshot>>;
  /** Active products, filtered and paginated (Relay cursor pagination, at most 100 per page). */
  products: ProductConnection;
};


export type QueryCartLinesArgs = {
  userId: Scalars['ID']['input'];
};


export type QueryMyOrdersArgs = {
  after: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryOrderArgs = {
  id: Scalars['ID']['input'];
};


export type QueryProductArgs = {
  id: InputMaybe<Scalars['ID']['input']>;
  slug: InputMaybe<Scalars['String']['input']>;
};


export type QueryProductSnapshotsArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryProductsArgs = {
  after: InputMaybe<Scalars['String']['input']>;
  filter: InputMaybe<ProductFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** What a signed-in account may do. */
export type Role =
  /** Shop staff: manages the catalog, stock and every order. */
  | 'ADMIN'
  /** A shopper: sees only their own cart and orders. */
  | 'CUSTOMER';

export type SignUpInput = {
  email: Scalars['String']['input'];
  name: Scalars['String']['input'];
  /** At least 8 characters. */
  password: Scalars['String']['input'];
};

export type UpdateProductInput = {
  categorySlug: InputMaybe<Scalars['String']['input']>;
  currency: InputMaybe<Scalars['String']['input']>;
  description: InputMaybe<Scalars['String']['input']>;
  /** Minor units, zero or more. */
  priceAmount: InputMaybe<Scalars['Int']['input']>;
  title: InputMaybe<Scalars['String']['input']>;
};

/** A shop account. */
export type User = {
  __typename?: 'User';
  /** Saved shipping addresses, oldest first. */
  addresses: Array<Address>;
  /** The user's cart (the viewer's own, or any user's for an ADMIN). */
  cart: Cart;
  createdAt: Scalars['DateTime']['output'];
  /** Unique, compared case-insensitively; stored as entered. */
  email: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** The user's orders, newest first (the viewer's own, or any user's for an ADMIN). */
  orders: OrderConnection;
  role: Role;
};


/** A shop account. */
export type UserOrdersArgs = {
  after: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Join__Graph =
  | 'CART'
  | 'INVENTORY'
  | 'ORDER'
  | 'PRODUCT'
  | 'USER';

export type Link__Purpose =
  /** `EXECUTION` features provide metadata necessary for operation execution. */
  | 'EXECUTION'
  /** `SECURITY` features provide metadata necessary to securely resolve fields. */
  | 'SECURITY';

/** Narrows `products`; every field is optional and they combine with AND. */
export type ProductFilter = {
  categorySlug: string | null | undefined;
  /** Inclusive upper bound on price.amount, in minor units. */
  maxPrice: number | null | undefined;
  /** Inclusive lower bound on price.amount, in minor units. */
  minPrice: number | null | undefined;
  /** Full-text search over title and description (English stemming); results are ordered by relevance. */
  search: string | null | undefined;
};

export type ProductsPageQueryVariables = Exact<{
  first: number | null | undefined;
  after: string | null | undefined;
  filter: ProductFilter | null | undefined;
}>;


export type ProductsPageQuery = { products: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, title: string, price: { amount: number, currency: string }, category: { name: string }, inventory: { available: number } } }> } };


export const ProductsPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProductsPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProductFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"products"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"inventory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"available"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProductsPageQuery, ProductsPageQueryVariables>;