import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { OrderModel, OrderItemModel, OrderEventModel, OrderConnectionModel, UserModel, OrderNoticeModel, InsufficientStockItemModel, PaymentDeclinedErrorModel, PaymentUnavailableErrorModel } from '../models';
import type { Context } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 date-time in UTC, e.g. 2026-11-21T09:30:00.000Z. */
  DateTime: { input: Date | string; output: Date | string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** A postal address as entered at checkout or in the address book. */
export type AddressInput = {
  city: Scalars['String']['input'];
  /** ISO 3166-1 alpha-2 country code, e.g. US. */
  country: Scalars['String']['input'];
  line1: Scalars['String']['input'];
  line2?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  postalCode: Scalars['String']['input'];
};

/** What checkout needs besides the viewer's cart. */
export type CheckoutInput = {
  /** Chosen by the client per purchase attempt (e.g. a UUID): retrying with the same key never orders or charges twice. */
  idempotencyKey: Scalars['String']['input'];
  /** A token from the payment provider. The simulated provider knows pm_card_visa, pm_card_declined, pm_card_unavailable (never answers) and pm_card_timeout (charges, then never answers). */
  paymentToken: Scalars['String']['input'];
  shippingAddress: AddressInput;
};

/** The outcome of checkout: the paid order, or the business reason it did not happen. */
export type CheckoutResult = EmptyCartError | InsufficientStockError | Order | PaymentDeclinedError | PaymentUnavailableError;

/** The viewer's cart is empty: nothing to check out. */
export type EmptyCartError = {
  __typename?: 'EmptyCartError';
  message: Scalars['String']['output'];
};

/** Some lines cannot be served: nothing was reserved, ordered or charged. */
export type InsufficientStockError = {
  __typename?: 'InsufficientStockError';
  /** Every line that is short, with what is available now. */
  items: Array<InsufficientStockItem>;
  message: Scalars['String']['output'];
};

/** A cart line asking for more than is available. */
export type InsufficientStockItem = {
  __typename?: 'InsufficientStockItem';
  /** Units available when checkout looked (0 for a product no longer sold). */
  available: Scalars['Int']['output'];
  product: Product;
  /** Units the cart asked for. */
  requested: Scalars['Int']['output'];
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
  /** Cancels the viewer's order while it is PENDING_PAYMENT or PAID (an ADMIN may cancel any such order): a paid order is refunded and its stock returned. */
  cancelOrder: Order;
  /** Buys the viewer's cart: reserves stock, creates the order, charges the payment token, and answers the paid order or why it did not happen. Idempotent per idempotencyKey. */
  checkout: CheckoutResult;
  /** ADMIN: moves an order one step along its lifecycle (PAID → PACKED → SHIPPED → DELIVERED, or CANCELLED before shipping, which refunds a paid order and returns its stock). An illegal move is BAD_USER_INPUT on `status` naming the allowed next states; asking for the status the order already has changes nothing. */
  updateOrderStatus: Order;
};


export type MutationCancelOrderArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCheckoutArgs = {
  input: CheckoutInput;
};


export type MutationUpdateOrderStatusArgs = {
  id: Scalars['ID']['input'];
  status: OrderStatus;
  trackingNumber?: InputMaybe<Scalars['String']['input']>;
};

/** A purchase. Lines keep the title and price the customer paid, whatever the catalog says later. */
export type Order = {
  __typename?: 'Order';
  /** When the order was placed. */
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** The lines as bought, one per product. */
  items: Array<OrderItem>;
  status: OrderStatus;
  /** Every status change, oldest first. */
  timeline: Array<OrderEvent>;
  /** Sum of line totals. */
  total: Money;
  /** Set when the order ships. */
  trackingNumber?: Maybe<Scalars['String']['output']>;
  /** When the order last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** Who placed the order. */
  user: User;
};

/** A page of orders. */
export type OrderConnection = {
  __typename?: 'OrderConnection';
  /** The orders of this page, newest first. */
  edges: Array<OrderEdge>;
  pageInfo: PageInfo;
  /** How many orders there are across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One order of a page and its position. */
export type OrderEdge = {
  __typename?: 'OrderEdge';
  /** Opaque position of this order; pass as `after` to continue after it. */
  cursor: Scalars['String']['output'];
  node: Order;
};

/** One status change of an order. */
export type OrderEvent = {
  __typename?: 'OrderEvent';
  /** When it moved. */
  at: Scalars['DateTime']['output'];
  /** Why it changed, e.g. the payment provider's decline reason. */
  note?: Maybe<Scalars['String']['output']>;
  /** The status the order moved to. */
  status: OrderStatus;
};

/** One product line of an order, as bought. */
export type OrderItem = {
  __typename?: 'OrderItem';
  /** unitPrice × quantity. */
  lineTotal: Money;
  /** The product bought; its current catalog data comes from the product subgraph. */
  product: Product;
  /** Units bought, at least 1. */
  quantity: Scalars['Int']['output'];
  /** Title at the time of purchase. */
  title: Scalars['String']['output'];
  /** Price at the time of purchase. */
  unitPrice: Money;
};

/**
 * What the notifications worker needs to write an order mail: the order's current state, no personal data (the
 * recipient comes from the user subgraph).
 */
export type OrderNotice = {
  __typename?: 'OrderNotice';
  currency: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  lines: Array<OrderNoticeLine>;
  /** Whether the order was ever paid (its payment succeeded, or was refunded since). */
  paid: Scalars['Boolean']['output'];
  /** The amount refunded, in minor units; null when nothing was refunded. */
  refundedAmount?: Maybe<Scalars['Int']['output']>;
  status: OrderStatus;
  totalAmount: Scalars['Int']['output'];
  trackingNumber?: Maybe<Scalars['String']['output']>;
  userId: Scalars['ID']['output'];
};

/** A line of an order as an order mail shows it. */
export type OrderNoticeLine = {
  __typename?: 'OrderNoticeLine';
  lineTotalAmount: Scalars['Int']['output'];
  quantity: Scalars['Int']['output'];
  title: Scalars['String']['output'];
  unitPriceAmount: Scalars['Int']['output'];
};

/** Where an order is in its lifecycle. */
export type OrderStatus =
  /** Stopped before shipping (declined payment or cancelled by the customer); stock released. */
  | 'CANCELLED'
  /** Received by the customer. */
  | 'DELIVERED'
  /** Packed in the warehouse, waiting for the carrier. */
  | 'PACKED'
  /** Payment captured; stock committed. */
  | 'PAID'
  /** Created; stock reserved; waiting for the payment to succeed. */
  | 'PENDING_PAYMENT'
  /** Handed to the carrier; the order carries a tracking number. */
  | 'SHIPPED';

/** Relay page information. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Pass as `after` to read the next page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether another page follows this one. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** The payment provider declined the payment: the order is CANCELLED, its stock returned, the cart kept. */
export type PaymentDeclinedError = {
  __typename?: 'PaymentDeclinedError';
  message: Scalars['String']['output'];
  /** The cancelled order, for the record. */
  order: Order;
  /** The provider's reason, e.g. "Your card was declined.". */
  reason: Scalars['String']['output'];
};

/** The payment provider did not answer in time (after retries): the order is CANCELLED, its stock returned, the cart kept. Retry later with a new idempotency key. */
export type PaymentUnavailableError = {
  __typename?: 'PaymentUnavailableError';
  message: Scalars['String']['output'];
  order: Order;
};

/** The product an order line refers to (owned by the product subgraph). */
export type Product = {
  __typename?: 'Product';
  id: Scalars['ID']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** The signed-in viewer's orders, newest first. */
  myOrders: OrderConnection;
  /** An order of the viewer (any order for an ADMIN); null when there is none or it belongs to someone else. */
  order?: Maybe<Order>;
  /** Internal, for the notifications worker: an order as its mails describe it; null when there is no such order. */
  orderNotice?: Maybe<OrderNotice>;
  /**
   * ADMIN. Every customer's orders, newest first, optionally only those in one status (the admin console's orders
   * board). Anyone else is FORBIDDEN (UNAUTHENTICATED when signed out).
   */
  orders: OrderConnection;
};


export type QueryMyOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryOrderArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOrderNoticeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<OrderStatus>;
};

/** Live updates over GraphQL over WebSocket (graphql-ws, on the gateway's /graphql path; authenticate in connection_init with `{ authorization: "Bearer <token>" }`, which `stockChanged` does not need). */
export type Subscription = {
  __typename?: 'Subscription';
  /** Every order of the signed-in viewer, each time one of them changes (new orders included). */
  myOrderUpdates: Order;
  /**
   * ADMIN. Every order of every customer, each time it changes: its creation at checkout, then every status change
   * (payment, packing, shipping, delivery, cancellation). Anyone else is FORBIDDEN (UNAUTHENTICATED when signed out).
   */
  orderEvents: Order;
  /** An order of the viewer (any order for an ADMIN): first its current state, then its state after every change. Another customer's order is FORBIDDEN. */
  orderUpdated: Order;
};


/** Live updates over GraphQL over WebSocket (graphql-ws, on the gateway's /graphql path; authenticate in connection_init with `{ authorization: "Bearer <token>" }`, which `stockChanged` does not need). */
export type SubscriptionMyOrderUpdatesArgs = {
  since?: InputMaybe<Scalars['DateTime']['input']>;
};


/** Live updates over GraphQL over WebSocket (graphql-ws, on the gateway's /graphql path; authenticate in connection_init with `{ authorization: "Bearer <token>" }`, which `stockChanged` does not need). */
export type SubscriptionOrderUpdatedArgs = {
  id: Scalars['ID']['input'];
};

/** A shop account (owned by the user subgraph); this subgraph adds its orders. */
export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
  /** The user's orders, newest first (the viewer's own, or any user's for an ADMIN). */
  orders: OrderConnection;
};


/** A shop account (owned by the user subgraph); this subgraph adds its orders. */
export type UserOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  Order: Order;
  User: User;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Order:
    ( { __typename: 'Order' }
    & GraphQLRecursivePick<FederationTypes['Order'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
}>;

/** Mapping of union types */
export type ResolversUnionTypes<_RefType extends Record<string, unknown>> = ResolversObject<{
  CheckoutResult:
    | ( EmptyCartError )
    | ( Omit<InsufficientStockError, 'items'> & { items: Array<_RefType['InsufficientStockItem']> } )
    | ( OrderModel )
    | ( PaymentDeclinedErrorModel )
    | ( PaymentUnavailableErrorModel )
  ;
}>;


/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AddressInput: AddressInput;
  CheckoutInput: CheckoutInput;
  CheckoutResult: ResolverTypeWrapper<ResolversUnionTypes<ResolversTypes>['CheckoutResult']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  EmptyCartError: ResolverTypeWrapper<EmptyCartError>;
  InsufficientStockError: ResolverTypeWrapper<Omit<InsufficientStockError, 'items'> & { items: Array<ResolversTypes['InsufficientStockItem']> }>;
  InsufficientStockItem: ResolverTypeWrapper<InsufficientStockItemModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Money: ResolverTypeWrapper<Money>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Order: ResolverTypeWrapper<OrderModel>;
  OrderConnection: ResolverTypeWrapper<OrderConnectionModel>;
  OrderEdge: ResolverTypeWrapper<Omit<OrderEdge, 'node'> & { node: ResolversTypes['Order'] }>;
  OrderEvent: ResolverTypeWrapper<OrderEventModel>;
  OrderItem: ResolverTypeWrapper<OrderItemModel>;
  OrderNotice: ResolverTypeWrapper<OrderNoticeModel>;
  OrderNoticeLine: ResolverTypeWrapper<OrderNoticeLine>;
  OrderStatus: OrderStatus;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PaymentDeclinedError: ResolverTypeWrapper<PaymentDeclinedErrorModel>;
  PaymentUnavailableError: ResolverTypeWrapper<PaymentUnavailableErrorModel>;
  Product: ResolverTypeWrapper<Product>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  User: ResolverTypeWrapper<UserModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AddressInput: AddressInput;
  CheckoutInput: CheckoutInput;
  CheckoutResult: ResolversUnionTypes<ResolversParentTypes>['CheckoutResult'];
  DateTime: Scalars['DateTime']['output'];
  EmptyCartError: EmptyCartError;
  InsufficientStockError: Omit<InsufficientStockError, 'items'> & { items: Array<ResolversParentTypes['InsufficientStockItem']> };
  InsufficientStockItem: InsufficientStockItemModel;
  Int: Scalars['Int']['output'];
  Money: Money;
  Mutation: Record<PropertyKey, never>;
  ID: Scalars['ID']['output'];
  Order: OrderModel;
  OrderConnection: OrderConnectionModel;
  OrderEdge: Omit<OrderEdge, 'node'> & { node: ResolversParentTypes['Order'] };
  OrderEvent: OrderEventModel;
  OrderItem: OrderItemModel;
  OrderNotice: OrderNoticeModel;
  OrderNoticeLine: OrderNoticeLine;
  PageInfo: PageInfo;
  PaymentDeclinedError: PaymentDeclinedErrorModel;
  PaymentUnavailableError: PaymentUnavailableErrorModel;
  Product: Product;
  Query: Record<PropertyKey, never>;
  Subscription: Record<PropertyKey, never>;
  User: UserModel;
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
}>;

export type LiveDirectiveArgs = {
  argument: Scalars['String']['input'];
  key?: Maybe<Scalars['String']['input']>;
  query: Scalars['String']['input'];
  resume?: Maybe<Scalars['String']['input']>;
  startsWithState?: Scalars['Boolean']['input'];
  version?: Maybe<Scalars['String']['input']>;
};

export type LiveDirectiveResolver<Result, Parent, ContextType = Context, Args = LiveDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CheckoutResultResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CheckoutResult'] = ResolversParentTypes['CheckoutResult']> = ResolversObject<{
  __resolveType: TypeResolveFn<'EmptyCartError' | 'InsufficientStockError' | 'Order' | 'PaymentDeclinedError' | 'PaymentUnavailableError', ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EmptyCartErrorResolvers<ContextType = Context, ParentType extends ResolversParentTypes['EmptyCartError'] = ResolversParentTypes['EmptyCartError']> = ResolversObject<{
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type InsufficientStockErrorResolvers<ContextType = Context, ParentType extends ResolversParentTypes['InsufficientStockError'] = ResolversParentTypes['InsufficientStockError']> = ResolversObject<{
  items?: Resolver<Array<ResolversTypes['InsufficientStockItem']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type InsufficientStockItemResolvers<ContextType = Context, ParentType extends ResolversParentTypes['InsufficientStockItem'] = ResolversParentTypes['InsufficientStockItem']> = ResolversObject<{
  available?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
  requested?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type MoneyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  cancelOrder?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationCancelOrderArgs, 'id'>>;
  checkout?: Resolver<ResolversTypes['CheckoutResult'], ParentType, ContextType, RequireFields<MutationCheckoutArgs, 'input'>>;
  updateOrderStatus?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationUpdateOrderStatusArgs, 'id' | 'status'>>;
}>;

export type OrderResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'], FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['OrderItem']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrderStatus'], ParentType, ContextType>;
  timeline?: Resolver<Array<ResolversTypes['OrderEvent']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  trackingNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type OrderConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OrderConnection'] = ResolversParentTypes['OrderConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['OrderEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type OrderEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OrderEdge'] = ResolversParentTypes['OrderEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
}>;

export type OrderEventResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OrderEvent'] = ResolversParentTypes['OrderEvent']> = ResolversObject<{
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrderStatus'], ParentType, ContextType>;
}>;

export type OrderItemResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OrderItem'] = ResolversParentTypes['OrderItem']> = ResolversObject<{
  lineTotal?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unitPrice?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
}>;

export type OrderNoticeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OrderNotice'] = ResolversParentTypes['OrderNotice']> = ResolversObject<{
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['OrderNoticeLine']>, ParentType, ContextType>;
  paid?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  refundedAmount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrderStatus'], ParentType, ContextType>;
  totalAmount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  trackingNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  userId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type OrderNoticeLineResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OrderNoticeLine'] = ResolversParentTypes['OrderNoticeLine']> = ResolversObject<{
  lineTotalAmount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unitPriceAmount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PaymentDeclinedErrorResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PaymentDeclinedError'] = ResolversParentTypes['PaymentDeclinedError']> = ResolversObject<{
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  order?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type PaymentUnavailableErrorResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PaymentUnavailableError'] = ResolversParentTypes['PaymentUnavailableError']> = ResolversObject<{
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  order?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ProductResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  myOrders?: Resolver<ResolversTypes['OrderConnection'], ParentType, ContextType, RequireFields<QueryMyOrdersArgs, 'first'>>;
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType, RequireFields<QueryOrderArgs, 'id'>>;
  orderNotice?: Resolver<Maybe<ResolversTypes['OrderNotice']>, ParentType, ContextType, RequireFields<QueryOrderNoticeArgs, 'id'>>;
  orders?: Resolver<ResolversTypes['OrderConnection'], ParentType, ContextType, RequireFields<QueryOrdersArgs, 'first'>>;
}>;

export type SubscriptionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  myOrderUpdates?: SubscriptionResolver<ResolversTypes['Order'], "myOrderUpdates", ParentType, ContextType, Partial<SubscriptionMyOrderUpdatesArgs>>;
  orderEvents?: SubscriptionResolver<ResolversTypes['Order'], "orderEvents", ParentType, ContextType>;
  orderUpdated?: SubscriptionResolver<ResolversTypes['Order'], "orderUpdated", ParentType, ContextType, RequireFields<SubscriptionOrderUpdatedArgs, 'id'>>;
}>;

export type UserResolvers<ContextType = Context, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  orders?: Resolver<ResolversTypes['OrderConnection'], ParentType, ContextType, RequireFields<UserOrdersArgs, 'first'>>;
}>;

export type Resolvers<ContextType = Context> = ResolversObject<{
  CheckoutResult?: CheckoutResultResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  EmptyCartError?: EmptyCartErrorResolvers<ContextType>;
  InsufficientStockError?: InsufficientStockErrorResolvers<ContextType>;
  InsufficientStockItem?: InsufficientStockItemResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  OrderConnection?: OrderConnectionResolvers<ContextType>;
  OrderEdge?: OrderEdgeResolvers<ContextType>;
  OrderEvent?: OrderEventResolvers<ContextType>;
  OrderItem?: OrderItemResolvers<ContextType>;
  OrderNotice?: OrderNoticeResolvers<ContextType>;
  OrderNoticeLine?: OrderNoticeLineResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PaymentDeclinedError?: PaymentDeclinedErrorResolvers<ContextType>;
  PaymentUnavailableError?: PaymentUnavailableErrorResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = Context> = ResolversObject<{
  live?: LiveDirectiveResolver<any, any, ContextType>;
}>;
