import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { UserModel, AddressModel, CartMergeModel, DroppedCartLineModel, CappedCartLineModel, ProductModel } from '../models';
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

/** A saved postal address. */
export type Address = {
  __typename?: 'Address';
  city: Scalars['String']['output'];
  /** ISO 3166-1 alpha-2 country code, e.g. US. */
  country: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  line1: Scalars['String']['output'];
  line2?: Maybe<Scalars['String']['output']>;
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
  line2?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  postalCode: Scalars['String']['input'];
};

/** A session: a short-lived access token, the refresh token that renews it, and the account they belong to. */
export type AuthPayload = {
  __typename?: 'AuthPayload';
  /**
   * What merging the guest cart (`guestCartToken` of logIn or signUp) into the account's cart did. Null when no token
   * was given, on refreshToken, and when the cart service could not be reached (the sign-in still stands; the guest
   * cart is kept: sign in again with the token to merge it).
   */
  cartMerge?: Maybe<CartMerge>;
  /** When `token` expires. */
  expiresAt: Scalars['DateTime']['output'];
  /**
   * Single use: exchange it with the refreshToken mutation for a new pair before `token` expires. Presenting it a second
   * time revokes the whole session (reuse detection). Keep it out of reach of scripts (e.g. an httpOnly cookie or the
   * platform's secure storage).
   */
  refreshToken: Scalars['String']['output'];
  /**
   * A JWT to send as `Authorization: Bearer <token>` (HTTP) or `connectionParams.authorization` (WebSocket). It lives
   * 15 minutes by default (JWT_TTL_SECONDS) and cannot be revoked: renew it with refreshToken before `expiresAt`.
   */
  token: Scalars['String']['output'];
  user: User;
};

/** A line whose guest and account quantities summed past the most a line holds. */
export type CappedCartLine = {
  __typename?: 'CappedCartLine';
  product: Product;
  /** What the line holds now: the most a line holds. */
  quantity: Scalars['Int']['output'];
  /** The summed quantity asked for. */
  requested: Scalars['Int']['output'];
};

/** Why a guest cart's line was left out of the merge. */
export type CartLineDropReason =
  /** The account's cart already held the most lines an order takes (100). */
  | 'CART_FULL'
  /** The product is archived (or unknown): it is no longer sold. */
  | 'NO_LONGER_SOLD';

/**
 * A guest cart merged into an account's cart at sign-in: quantities of a product in both are summed, capped at the most
 * a line holds (99); products no longer sold are left out, and so are new products once the cart holds the most lines
 * an order takes (100).
 */
export type CartMerge = {
  __typename?: 'CartMerge';
  /** Lines whose summed quantity was capped at the most a line holds. */
  cappedLines: Array<CappedCartLine>;
  /** Guest lines left out of the account's cart, and why. */
  droppedLines: Array<DroppedCartLine>;
  /**
   * False when this guest cart had already been merged (the same token twice merges once) or no longer exists: nothing
   * changed this time.
   */
  merged: Scalars['Boolean']['output'];
};

/** A guest cart's line left out of the merge. */
export type DroppedCartLine = {
  __typename?: 'DroppedCartLine';
  product: Product;
  /** The units the guest cart held. */
  quantity: Scalars['Int']['output'];
  reason: CartLineDropReason;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Saves a shipping address for the signed-in user. */
  addAddress: Address;
  /**
   * Signs in with email and password; a wrong pair is UNAUTHENTICATED without saying which part was wrong. With
   * `guestCartToken` (a guest cart's `Cart.guestToken`), the guest cart is merged into the account's cart
   * (`cartMerge`); a forged or expired one is UNAUTHENTICATED, checked before anything else is done.
   */
  logIn: AuthPayload;
  /**
   * Signs out. With `refreshToken`: ends that token's session (no access token needed); true when a live session
   * ended, false when the token was unknown or already revoked. Without it: ends every session of the signed-in user
   * (UNAUTHENTICATED when signed out). Access tokens already issued stay valid until they expire.
   */
  logOut: Scalars['Boolean']['output'];
  /**
   * Exchanges a refresh token for a new access token and a new refresh token; the one presented stops working. An
   * unknown, expired, revoked or already exchanged token is UNAUTHENTICATED (the last also revokes its session): sign in
   * again. Send one refresh at a time per session: a second one with the same token counts as reuse.
   */
  refreshToken: AuthPayload;
  /** Deletes one of the signed-in user's saved addresses; returns the user. */
  removeAddress: User;
  /**
   * Creates a CUSTOMER account and signs it in. Email must be unused; password at least 8 characters. With
   * `input.guestCartToken`, the visitor's guest cart becomes the new account's cart (`cartMerge`).
   */
  signUp: AuthPayload;
};


export type MutationAddAddressArgs = {
  input: AddressInput;
};


export type MutationLogInArgs = {
  email: Scalars['String']['input'];
  guestCartToken?: InputMaybe<Scalars['String']['input']>;
  password: Scalars['String']['input'];
};


export type MutationLogOutArgs = {
  refreshToken?: InputMaybe<Scalars['String']['input']>;
};


export type MutationRefreshTokenArgs = {
  refreshToken: Scalars['String']['input'];
};


export type MutationRemoveAddressArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSignUpArgs = {
  input: SignUpInput;
};

/** A product of the catalog, as far as a merged cart's notes are concerned (the product subgraph resolves the rest). */
export type Product = {
  __typename?: 'Product';
  id: Scalars['ID']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** The signed-in user, or null when the request carries no token. */
  me?: Maybe<User>;
};

/** What a signed-in account may do. */
export type Role =
  /** Shop staff: manages the catalog, stock and every order. */
  | 'ADMIN'
  /** A shopper: sees only their own cart and orders. */
  | 'CUSTOMER';

export type SignUpInput = {
  email: Scalars['String']['input'];
  /**
   * A guest cart's token (`Cart.guestToken`) to merge into the new account's cart; a forged or expired one is
   * UNAUTHENTICATED, checked before the account is created.
   */
  guestCartToken?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  /** At least 8 characters. */
  password: Scalars['String']['input'];
};

/** A shop account. */
export type User = {
  __typename?: 'User';
  /** Saved shipping addresses, oldest first. */
  addresses: Array<Address>;
  createdAt: Scalars['DateTime']['output'];
  /** Unique, compared case-insensitively; stored as entered. */
  email: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  role: Role;
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
  User: User;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Address: ResolverTypeWrapper<AddressModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AddressInput: AddressInput;
  AuthPayload: ResolverTypeWrapper<Omit<AuthPayload, 'cartMerge' | 'user'> & { cartMerge?: Maybe<ResolversTypes['CartMerge']>, user: ResolversTypes['User'] }>;
  CappedCartLine: ResolverTypeWrapper<CappedCartLineModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CartLineDropReason: CartLineDropReason;
  CartMerge: ResolverTypeWrapper<CartMergeModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DroppedCartLine: ResolverTypeWrapper<DroppedCartLineModel>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Product: ResolverTypeWrapper<ProductModel>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Role: Role;
  SignUpInput: SignUpInput;
  User: ResolverTypeWrapper<UserModel>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Address: AddressModel;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  AddressInput: AddressInput;
  AuthPayload: Omit<AuthPayload, 'cartMerge' | 'user'> & { cartMerge?: Maybe<ResolversParentTypes['CartMerge']>, user: ResolversParentTypes['User'] };
  CappedCartLine: CappedCartLineModel;
  Int: Scalars['Int']['output'];
  CartMerge: CartMergeModel;
  Boolean: Scalars['Boolean']['output'];
  DateTime: Scalars['DateTime']['output'];
  DroppedCartLine: DroppedCartLineModel;
  Mutation: Record<PropertyKey, never>;
  Product: ProductModel;
  Query: Record<PropertyKey, never>;
  SignUpInput: SignUpInput;
  User: UserModel;
}>;

export type AddressResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Address'] = ResolversParentTypes['Address']> = ResolversObject<{
  city?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  country?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  line1?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  line2?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  postalCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AuthPayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AuthPayload'] = ResolversParentTypes['AuthPayload']> = ResolversObject<{
  cartMerge?: Resolver<Maybe<ResolversTypes['CartMerge']>, ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  refreshToken?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
}>;

export type CappedCartLineResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CappedCartLine'] = ResolversParentTypes['CappedCartLine']> = ResolversObject<{
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  requested?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type CartMergeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CartMerge'] = ResolversParentTypes['CartMerge']> = ResolversObject<{
  cappedLines?: Resolver<Array<ResolversTypes['CappedCartLine']>, ParentType, ContextType>;
  droppedLines?: Resolver<Array<ResolversTypes['DroppedCartLine']>, ParentType, ContextType>;
  merged?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DroppedCartLineResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DroppedCartLine'] = ResolversParentTypes['DroppedCartLine']> = ResolversObject<{
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['CartLineDropReason'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  addAddress?: Resolver<ResolversTypes['Address'], ParentType, ContextType, RequireFields<MutationAddAddressArgs, 'input'>>;
  logIn?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationLogInArgs, 'email' | 'password'>>;
  logOut?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, Partial<MutationLogOutArgs>>;
  refreshToken?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationRefreshTokenArgs, 'refreshToken'>>;
  removeAddress?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationRemoveAddressArgs, 'id'>>;
  signUp?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationSignUpArgs, 'input'>>;
}>;

export type ProductResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  me?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = Context, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  addresses?: Resolver<Array<ResolversTypes['Address']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = Context> = ResolversObject<{
  Address?: AddressResolvers<ContextType>;
  AuthPayload?: AuthPayloadResolvers<ContextType>;
  CappedCartLine?: CappedCartLineResolvers<ContextType>;
  CartMerge?: CartMergeResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DroppedCartLine?: DroppedCartLineResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;

