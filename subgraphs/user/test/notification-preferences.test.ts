import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import type { TypedDocumentNode } from "@shop/runtime";
import { useSubgraph } from "@shop/runtime/testing";
import { startUserSubgraph } from "../src/app";

const users = useSubgraph(startUserSubgraph);

type Recipient = { email: string; name: string; marketing: boolean } | null;
const RECIPIENT = parse(`query($userId: ID!) { notificationRecipient(userId: $userId) { email name marketing } }`) as TypedDocumentNode<
  { notificationRecipient: Recipient },
  { userId: string }
>;
const UPDATE = `mutation($marketing: Boolean!) { updateNotificationPreferences(marketing: $marketing) { id notificationPreferences { marketing } } }`;

async function signUp() {
  const email = `prefs-${crypto.randomUUID()}@example.com`;
  const answer = await users.call<{ signUp: { user: { id: string } } }>(
    `mutation($input: SignUpInput!) { signUp(input: $input) { user { id } } }`,
    { input: { email, password: "long enough password", name: "Ada" } },
  );
  expect(answer.errors).toBeUndefined();
  return { id: answer.data!.signUp.user.id, email };
}

describe("notification preferences", () => {
  it("start with non-essential mail on; the user turns it off and on, and the worker's recipient says so", async () => {
    const user = await signUp();
    const viewer = { userId: user.id, role: "CUSTOMER" as const };
    const recipient = () => users.as("notifications")(RECIPIENT, { userId: user.id });

    expect(await recipient()).toEqual({ notificationRecipient: { email: user.email, name: "Ada", marketing: true } });
    const off = await users.call(UPDATE, { marketing: false }, viewer);
    expect(off.data).toEqual({ updateNotificationPreferences: { id: user.id, notificationPreferences: { marketing: false } } });
    expect(await recipient()).toEqual({ notificationRecipient: { email: user.email, name: "Ada", marketing: false } });
    await users.call(UPDATE, { marketing: true }, viewer);
    expect(await recipient()).toMatchObject({ notificationRecipient: { marketing: true } });
  });

  it("answers null for a user that does not exist, and refuses an anonymous update", async () => {
    expect(await users.as("notifications")(RECIPIENT, { userId: crypto.randomUUID() })).toEqual({
      notificationRecipient: null,
    });
    const anonymous = await users.call(UPDATE, { marketing: false });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
