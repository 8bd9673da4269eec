import type { GraphQLResolveInfo } from 'graphql';
import type { CartModel, CartItemModel, ProductModel, UserModel } from '../models';
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
  _FieldSet: { input: unknown; output: unknown; }
};

/**
 * A shopper's cart: a signed-in user's, or an anonymous visitor's guest cart. Prices are never stored here: they follow
 * the product's current price.
 */
export type Cart = {
  __typename?: 'Cart';
  /**
   * A guest cart's token: send it back in the `x-cart-token` header to keep using this cart, and pass it to logIn or
   * signUp (`guestCartToken`) to merge the cart into the account. Null for a signed-in user's cart. It expires when the
   * cart has been left unchanged for GUEST_CART_IDLE_HOURS (the cart is deleted then); each change renews it.
   */
  guestToken?: Maybe<Scalars['String']['output']>;
  /** The cart's id; each user has exactly one cart. */
  id: Scalars['ID']['output'];
  /** Total units across lines. */
  itemCount: Scalars['Int']['output'];
  /** Lines in the order they were first added. */
  items: Array<CartItem>;
  /**
   * Sum of line totals at current prices. An empty cart is 0 USD. A cart whose lines have different currencies, or
   * that changed while the gateway was pricing it, is a CONFLICT error (run the query again in the second case).
   */
  subtotal: Money;
};

/** One product in a cart. */
export type CartItem = {
  __typename?: 'CartItem';
  /** The line's id. */
  id: Scalars['ID']['output'];
  /** unitPrice × quantity. */
  lineTotal: Money;
  /** The product on this line. */
  product: Product;
  /** Units of the product, from 1 to 99. */
  quantity: Scalars['Int']['output'];
  /** The product's current price. */
  unitPrice: Money;
};

/** A line of a cart as the order subgraph reads it at checkout. */
export type CartLine = {
  __typename?: 'CartLine';
  /** The product's id in the product subgraph. */
  productId: Scalars['ID']['output'];
  /** Units of the product, from 1 to 99. */
  quantity: Scalars['Int']['output'];
};

/** A purchased line the order subgraph takes out of a cart. */
export type CartLineInput = {
  productId: Scalars['ID']['input'];
  quantity: Scalars['Int']['input'];
};

/**
 * A line whose guest and account quantities summed past the most a line holds: `requested` is the sum, `quantity` what
 * the line now holds.
 */
export type GuestCartCappedLine = {
  __typename?: 'GuestCartCappedLine';
  productId: Scalars['ID']['output'];
  quantity: Scalars['Int']['output'];
  requested: Scalars['Int']['output'];
};

/**
 * A guest line left out of the merge, and why: NO_LONGER_SOLD (archived or unknown product), or CART_FULL (the account's
 * cart already held the most lines an order takes).
 */
export type GuestCartDroppedLine = {
  __typename?: 'GuestCartDroppedLine';
  productId: Scalars['ID']['output'];
  quantity: Scalars['Int']['output'];
  reason: Scalars['String']['output'];
};

/** What merging a guest cart into an account did, for the user subgraph's logIn and signUp. */
export type GuestCartMerge = {
  __typename?: 'GuestCartMerge';
  /** Lines whose summed quantity was capped at the most a line holds. */
  cappedLines: Array<GuestCartCappedLine>;
  /** Guest lines not carried over. */
  droppedLines: Array<GuestCartDroppedLine>;
  /** False when this guest cart had already been merged (the same token twice merges once) or no longer exists. */
  merged: Scalars['Boolean']['output'];
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
  /**
   * Adds quantity (at least 1) of an active product, merging with an existing line. Without a sign-in or a cart token,
   * it starts a guest cart (answered with its `guestToken`).
   */
  addToCart: Cart;
  /** Removes every line. */
  clearCart: Cart;
  /** Internal, for the order subgraph after a paid checkout: removes the purchased units from the user's cart (lines added meanwhile stay). Idempotent per order; answers false when this order was already consumed. */
  consumeCartLines: Scalars['Boolean']['output'];
  /**
   * Internal, for the user subgraph's logIn and signUp: moves the guest cart the token names into the user's cart
   * (quantities summed and capped, products no longer sold dropped) and deletes it. Once per guest cart: a second call
   * answers merged: false. A forged or expired token is UNAUTHENTICATED.
   */
  mergeGuestCart: GuestCartMerge;
  /**
   * Removes a line (no error when it is not there). Like clearCart, without a sign-in or a cart token it starts an empty
   * guest cart.
   */
  removeFromCart: Cart;
  /** Sets a line's quantity; 0 removes the line. */
  updateCartItem: Cart;
};


export type MutationAddToCartArgs = {
  productId: Scalars['ID']['input'];
  quantity?: Scalars['Int']['input'];
};


export type MutationConsumeCartLinesArgs = {
  lines: Array<CartLineInput>;
  orderId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationMergeGuestCartArgs = {
  guestCartToken: Scalars['String']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationRemoveFromCartArgs = {
  productId: Scalars['ID']['input'];
};


export type MutationUpdateCartItemArgs = {
  productId: Scalars['ID']['input'];
  quantity: Scalars['Int']['input'];
};

/** The product a line refers to; its price comes from the product subgraph through the gateway. */
export type Product = {
  __typename?: 'Product';
  /** The product's id in the product subgraph. */
  id: Scalars['ID']['output'];
  /** The current price; carts follow it, orders keep a snapshot. */
  price: Money;
};

export type Query = {
  __typename?: 'Query';
  /**
   * The viewer's cart: a signed-in user's (created empty on first use), or the guest cart named by the `x-cart-token`
   * header. An anonymous visitor without a cart token has none yet (UNAUTHENTICATED): addToCart starts one.
   */
  cart: Cart;
  /** Internal, for the order subgraph: the lines of a user's cart. */
  cartLines: Array<CartLine>;
};


export type QueryCartLinesArgs = {
  userId: Scalars['ID']['input'];
};

/** A shop account, as far as carts are concerned. */
export type User = {
  __typename?: 'User';
  /** The user's cart (the viewer's own, or any user's for an ADMIN). */
  cart: Cart;
  /** The user's id in the user subgraph. */
  id: Scalars['ID']['output'];
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
  Cart: Cart;
  CartItem: CartItem;
  User: User;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Cart:
    ( { __typename: 'Cart' }
    & GraphQLRecursivePick<FederationTypes['Cart'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Cart'], {"items":{"product":{"price":{"amount":true,"currency":true}}}}> ) );
  CartItem:
    ( { __typename: 'CartItem' }
    & GraphQLRecursivePick<FederationTypes['CartItem'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['CartItem'], {"product":{"price":{"amount":true,"currency":true}}}>
        | GraphQLRecursivePick<FederationTypes['CartItem'], {"product":{"price":{"amount":true,"currency":true}}}>
        | GraphQLRecursivePick<FederationTypes['CartItem'], {"product":{"price":{"amount":true,"currency":true}}}> ) );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Cart: ResolverTypeWrapper<CartModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CartItem: ResolverTypeWrapper<CartItemModel>;
  CartLine: ResolverTypeWrapper<CartLine>;
  CartLineInput: CartLineInput;
  GuestCartCappedLine: ResolverTypeWrapper<GuestCartCappedLine>;
  GuestCartDroppedLine: ResolverTypeWrapper<GuestCartDroppedLine>;
  GuestCartMerge: ResolverTypeWrapper<GuestCartMerge>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Money: ResolverTypeWrapper<Money>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Product: ResolverTypeWrapper<ProductModel>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  User: ResolverTypeWrapper<UserModel>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Cart: CartModel;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  CartItem: CartItemModel;
  CartLine: CartLine;
  CartLineInput: CartLineInput;
  GuestCartCappedLine: GuestCartCappedLine;
  GuestCartDroppedLine: GuestCartDroppedLine;
  GuestCartMerge: GuestCartMerge;
  Boolean: Scalars['Boolean']['output'];
  Money: Money;
  Mutation: Record<PropertyKey, never>;
  Product: ProductModel;
  Query: Record<PropertyKey, never>;
  User: UserModel;
}>;

export type CartResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Cart'] = ResolversParentTypes['Cart'], FederationReferenceType extends FederationReferenceTypes['Cart'] = FederationReferenceTypes['Cart']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Cart']> | FederationReferenceType, FederationReferenceType, ContextType>;
  guestToken?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  itemCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['CartItem']>, ParentType, ContextType>;
  subtotal?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
}>;

export type CartItemResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CartItem'] = ResolversParentTypes['CartItem'], FederationReferenceType extends FederationReferenceTypes['CartItem'] = FederationReferenceTypes['CartItem']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['CartItem']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lineTotal?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  unitPrice?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
}>;

export type CartLineResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CartLine'] = ResolversParentTypes['CartLine']> = ResolversObject<{
  productId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type GuestCartCappedLineResolvers<ContextType = Context, ParentType extends ResolversParentTypes['GuestCartCappedLine'] = ResolversParentTypes['GuestCartCappedLine']> = ResolversObject<{
  productId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  requested?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type GuestCartDroppedLineResolvers<ContextType = Context, ParentType extends ResolversParentTypes['GuestCartDroppedLine'] = ResolversParentTypes['GuestCartDroppedLine']> = ResolversObject<{
  productId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type GuestCartMergeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['GuestCartMerge'] = ResolversParentTypes['GuestCartMerge']> = ResolversObject<{
  cappedLines?: Resolver<Array<ResolversTypes['GuestCartCappedLine']>, ParentType, ContextType>;
  droppedLines?: Resolver<Array<ResolversTypes['GuestCartDroppedLine']>, ParentType, ContextType>;
  merged?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type MoneyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  addToCart?: Resolver<ResolversTypes['Cart'], ParentType, ContextType, RequireFields<MutationAddToCartArgs, 'productId' | 'quantity'>>;
  clearCart?: Resolver<ResolversTypes['Cart'], ParentType, ContextType>;
  consumeCartLines?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationConsumeCartLinesArgs, 'lines' | 'orderId' | 'userId'>>;
  mergeGuestCart?: Resolver<ResolversTypes['GuestCartMerge'], ParentType, ContextType, RequireFields<MutationMergeGuestCartArgs, 'guestCartToken' | 'userId'>>;
  removeFromCart?: Resolver<ResolversTypes['Cart'], ParentType, ContextType, RequireFields<MutationRemoveFromCartArgs, 'productId'>>;
  updateCartItem?: Resolver<ResolversTypes['Cart'], ParentType, ContextType, RequireFields<MutationUpdateCartItemArgs, 'productId' | 'quantity'>>;
}>;

export type ProductResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  cart?: Resolver<ResolversTypes['Cart'], ParentType, ContextType>;
  cartLines?: Resolver<Array<ResolversTypes['CartLine']>, ParentType, ContextType, RequireFields<QueryCartLinesArgs, 'userId'>>;
}>;

export type UserResolvers<ContextType = Context, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cart?: Resolver<ResolversTypes['Cart'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = Context> = ResolversObject<{
  Cart?: CartResolvers<ContextType>;
  CartItem?: CartItemResolvers<ContextType>;
  CartLine?: CartLineResolvers<ContextType>;
  GuestCartCappedLine?: GuestCartCappedLineResolvers<ContextType>;
  GuestCartDroppedLine?: GuestCartDroppedLineResolvers<ContextType>;
  GuestCartMerge?: GuestCartMergeResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;

