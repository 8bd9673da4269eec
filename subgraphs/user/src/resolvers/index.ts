import { isUuid, requireViewer } from "@shop/runtime";
import type { Resolvers } from "../generated/resolvers";
import { addAddress, logIn, removeAddress, signUp } from "../services/accounts";
import { endSessions, rotateSession } from "../services/sessions";

export const resolvers: Resolvers = {
  Query: {
    me: (_, __, ctx) => (ctx.viewer ? ctx.loaders.userById.load(ctx.viewer.userId) : null),
  },
  Mutation: {
    signUp: (_, { input }, ctx) => signUp(ctx, input),
    logIn: (_, { email, password, guestCartToken }, ctx) => logIn(ctx, email, password, guestCartToken),
    refreshToken: (_, { refreshToken }, ctx) => rotateSession(ctx, refreshToken),
    logOut: (_, { refreshToken }, ctx) => endSessions(ctx.db, ctx.viewer, refreshToken),
    addAddress: (_, { input }, ctx) => addAddress(ctx.db, requireViewer(ctx.viewer), input),
    removeAddress: async (_, { id }, ctx) => {
      const viewer = requireViewer(ctx.viewer);
      await removeAddress(ctx.db, viewer, id);
      return (await ctx.loaders.userById.load(viewer.userId))!;
    },
  },
  DroppedCartLine: {
    product: (line) => ({ id: line.productId }),
  },
  CappedCartLine: {
    product: (line) => ({ id: line.productId }),
  },
  User: {
    __resolveReference: (ref, ctx) => (isUuid(ref.id) ? ctx.loaders.userById.load(ref.id) : null),
    addresses: (user, _, ctx) => ctx.loaders.addressesByUserId.load(user.id),
  },
};
