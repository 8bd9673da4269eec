import { describe, expect, it } from "vitest";
import { useSubgraph } from "@shop/runtime/testing";
import { startUserSubgraph } from "../src/app";
import { users as userTable } from "../src/db/schema";
import { DEMO_CUSTOMER, seedUsers } from "../src/seed";

// Databases of this file's own: the demo customer other files' seeds create must not be what this one finds.
const users = useSubgraph(startUserSubgraph, { isolated: { name: "seed_production" } });

describe("seeding in production", () => {
  it("creates the admin only: no account whose password is public", async () => {
    const seeded = await seedUsers({ ...users.config, env: "production" });

    expect(seeded.customerId).toBeNull();
    const accounts = await users.subgraph.database.db.select({ email: userTable.email, role: userTable.role }).from(userTable);
    expect(accounts).toEqual([{ email: users.config.admin.email, role: "ADMIN" }]);
    const demo = await users.call(`mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }`, {
      e: DEMO_CUSTOMER.email,
      p: DEMO_CUSTOMER.password,
    });
    expect(demo.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
