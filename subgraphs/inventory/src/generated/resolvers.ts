import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ProductModel, InventoryModel, ReservationResultModel } from '../models';
import type { Context } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant in ISO 8601 with a time zone, e.g. 2025-01-31T12:00:00.000Z. */
  DateTime: { input: Date | string; output: Date | string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** Who may reuse a cached answer: anyone (PUBLIC) or only the viewer it was made for (PRIVATE). */
export type CacheControlScope =
  | 'PRIVATE'
  | 'PUBLIC';

/** Stock of one product. PostgreSQL holds the truth; a Redis counter mirrors `available` as the fast gate. */
export type Inventory = {
  __typename?: 'Inventory';
  /** When these figures were read. Also the version of a `stockChanged` event. */
  asOf: Scalars['DateTime']['output'];
  /** Units that can still be sold: onHand minus reserved. */
  available: Scalars['Int']['output'];
  /** True when at least one unit is available. */
  inStock: Scalars['Boolean']['output'];
  /** Units physically in the warehouse. */
  onHand: Scalars['Int']['output'];
  /** The product this stock belongs to. */
  product: Product;
  /** Units held by checkouts in progress (reservations not yet paid or released). */
  reserved: Scalars['Int']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Internal. Makes a held reservation final: the units leave onHand. Answers RELEASED when the hold expired before
   * payment was committed (the caller refunds). Idempotent.
   */
  commitReservation: ReservationResult;
  /** Internal. Gives a held reservation's units back. Idempotent; an unknown orderId answers RELEASED. */
  releaseReservation: ReservationResult;
  /**
   * Internal (sibling services only). Holds all lines of an order or none, for ttlSeconds (default
   * RESERVATION_TTL_SECONDS); a sweeper releases holds that expire unpaid. Idempotent per orderId: a replay answers the
   * order's current state; the same orderId with other lines is a CONFLICT.
   */
  reserveStock: ReservationResult;
  /** Internal. Puts the units of a committed reservation (a paid order, then cancelled) back on hand. Idempotent. */
  returnStock: ReservationResult;
  /** ADMIN. Sets the units on hand of a product (zero or more); available follows, minus held reservations. */
  setStock: Inventory;
};


export type MutationCommitReservationArgs = {
  orderId: Scalars['ID']['input'];
};


export type MutationReleaseReservationArgs = {
  orderId: Scalars['ID']['input'];
};


export type MutationReserveStockArgs = {
  lines: Array<StockLineInput>;
  orderId: Scalars['ID']['input'];
  ttlSeconds?: InputMaybe<Scalars['Int']['input']>;
};


export type MutationReturnStockArgs = {
  orderId: Scalars['ID']['input'];
};


export type MutationSetStockArgs = {
  onHand: Scalars['Int']['input'];
  productId: Scalars['ID']['input'];
};

export type Product = {
  __typename?: 'Product';
  id: Scalars['ID']['output'];
  /** Stock of this product; all zero for a product that was never stocked. */
  inventory: Inventory;
};

export type Query = {
  __typename?: 'Query';
  /** Stock of one product, as `Product.inventory` (all zero for a product never stocked). A malformed id is BAD_USER_INPUT. */
  inventory: Inventory;
  /**
   * Internal (sibling services only). The lines the stock counters cannot serve right now, read from Redis alone;
   * nothing is held or written. Empty when every line can be served, and a counter being rebuilt is never a shortage.
   * Checkout asks it to answer a sold-out cart before starting a saga.
   */
  stockShortages: Array<StockShortage>;
};


export type QueryInventoryArgs = {
  productId: Scalars['ID']['input'];
};


export type QueryStockShortagesArgs = {
  lines: Array<StockLineInput>;
};

/** Internal. The answer of every reservation mutation. */
export type ReservationResult = {
  __typename?: 'ReservationResult';
  /** When an unpaid hold lapses; only when HELD. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** The order the reservation belongs to. */
  orderId: Scalars['ID']['output'];
  /** The short lines when REFUSED; empty otherwise. */
  shortages: Array<StockShortage>;
  /** Where the reservation stands now. */
  state: ReservationState;
};

/** Internal. Where an order's reservation stands. */
export type ReservationState =
  /** The units left onHand: the order was paid. */
  | 'COMMITTED'
  /** Every line is held until expiresAt. */
  | 'HELD'
  /** Some line lacked stock; nothing was held (see shortages). */
  | 'REFUSED'
  /** The hold was given back (released by the caller, or expired). */
  | 'RELEASED'
  /** The units of a committed reservation went back on hand. */
  | 'RETURNED';

/** Internal. Units of one product an order wants. */
export type StockLineInput = {
  /** The product's id in the product subgraph. */
  productId: Scalars['ID']['input'];
  /** Units, from 1 to 999 (lines of the same product are added together). */
  quantity: Scalars['Int']['input'];
};

/** Internal. A line that could not be served. */
export type StockShortage = {
  __typename?: 'StockShortage';
  /** Units available when the reservation was refused. */
  available: Scalars['Int']['output'];
  /** The product's id. */
  productId: Scalars['ID']['output'];
  /** Units asked for. */
  requested: Scalars['Int']['output'];
};

/** Live updates over GraphQL over WebSocket (graphql-ws, on the gateway's /graphql path; authenticate in connection_init with `{ authorization: "Bearer <token>" }`, which `stockChanged` does not need). */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Stock of the given products as it changes (reservations at checkout, releases, sales, setStock): first the current
   * stock of each, then a product's stock after its changes. Bursts are coalesced per product: at most one update every
   * STOCK_UPDATE_INTERVAL_MS (250 ms), always carrying the latest figures, and the last change of a burst always
   * arrives. 1 to 100 distinct product ids of existing products; anything else is BAD_USER_INPUT on `productIds`.
   */
  stockChanged: Inventory;
};


/** Live updates over GraphQL over WebSocket (graphql-ws, on the gateway's /graphql path; authenticate in connection_init with `{ authorization: "Bearer <token>" }`, which `stockChanged` does not need). */
export type SubscriptionStockChangedArgs = {
  productIds: Array<Scalars['ID']['input']>;
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
  Product: Product;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Product:
    ( { __typename: 'Product' }
    & GraphQLRecursivePick<FederationTypes['Product'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  CacheControlScope: CacheControlScope;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Inventory: ResolverTypeWrapper<InventoryModel>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Product: ResolverTypeWrapper<ProductModel>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ReservationResult: ResolverTypeWrapper<ReservationResultModel>;
  ReservationState: ReservationState;
  StockLineInput: StockLineInput;
  StockShortage: ResolverTypeWrapper<StockShortage>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  DateTime: Scalars['DateTime']['output'];
  Inventory: InventoryModel;
  Mutation: Record<PropertyKey, never>;
  ID: Scalars['ID']['output'];
  Product: ProductModel;
  Query: Record<PropertyKey, never>;
  ReservationResult: ReservationResultModel;
  StockLineInput: StockLineInput;
  StockShortage: StockShortage;
  Subscription: Record<PropertyKey, never>;
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
}>;

export type CacheControlDirectiveArgs = {
  inheritMaxAge?: Maybe<Scalars['Boolean']['input']>;
  maxAge?: Maybe<Scalars['Int']['input']>;
  scope?: Maybe<CacheControlScope>;
};

export type CacheControlDirectiveResolver<Result, Parent, ContextType = Context, Args = CacheControlDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type LiveDirectiveArgs = {
  argument: Scalars['String']['input'];
  key?: Maybe<Scalars['String']['input']>;
  query: Scalars['String']['input'];
  resume?: Maybe<Scalars['String']['input']>;
  startsWithState?: Scalars['Boolean']['input'];
  version?: Maybe<Scalars['String']['input']>;
};

export type LiveDirectiveResolver<Result, Parent, ContextType = Context, Args = LiveDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type InventoryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Inventory'] = ResolversParentTypes['Inventory']> = ResolversObject<{
  asOf?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  available?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  inStock?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  onHand?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
  reserved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  commitReservation?: Resolver<ResolversTypes['ReservationResult'], ParentType, ContextType, RequireFields<MutationCommitReservationArgs, 'orderId'>>;
  releaseReservation?: Resolver<ResolversTypes['ReservationResult'], ParentType, ContextType, RequireFields<MutationReleaseReservationArgs, 'orderId'>>;
  reserveStock?: Resolver<ResolversTypes['ReservationResult'], ParentType, ContextType, RequireFields<MutationReserveStockArgs, 'lines' | 'orderId'>>;
  returnStock?: Resolver<ResolversTypes['ReservationResult'], ParentType, ContextType, RequireFields<MutationReturnStockArgs, 'orderId'>>;
  setStock?: Resolver<ResolversTypes['Inventory'], ParentType, ContextType, RequireFields<MutationSetStockArgs, 'onHand' | 'productId'>>;
}>;

export type ProductResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product'], FederationReferenceType extends FederationReferenceTypes['Product'] = FederationReferenceTypes['Product']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Product']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  inventory?: Resolver<ResolversTypes['Inventory'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  inventory?: Resolver<ResolversTypes['Inventory'], ParentType, ContextType, RequireFields<QueryInventoryArgs, 'productId'>>;
  stockShortages?: Resolver<Array<ResolversTypes['StockShortage']>, ParentType, ContextType, RequireFields<QueryStockShortagesArgs, 'lines'>>;
}>;

export type ReservationResultResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ReservationResult'] = ResolversParentTypes['ReservationResult']> = ResolversObject<{
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  orderId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  shortages?: Resolver<Array<ResolversTypes['StockShortage']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['ReservationState'], ParentType, ContextType>;
}>;

export type StockShortageResolvers<ContextType = Context, ParentType extends ResolversParentTypes['StockShortage'] = ResolversParentTypes['StockShortage']> = ResolversObject<{
  available?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  productId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  requested?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  stockChanged?: SubscriptionResolver<ResolversTypes['Inventory'], "stockChanged", ParentType, ContextType, RequireFields<SubscriptionStockChangedArgs, 'productIds'>>;
}>;

export type Resolvers<ContextType = Context> = ResolversObject<{
  DateTime?: GraphQLScalarType;
  Inventory?: InventoryResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ReservationResult?: ReservationResultResolvers<ContextType>;
  StockShortage?: StockShortageResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = Context> = ResolversObject<{
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
  live?: LiveDirectiveResolver<any, any, ContextType>;
}>;
