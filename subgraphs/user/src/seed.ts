import { connectDatabase, type ShopConfig } from "@shop/runtime";
import { schema, users } from "./db/schema";
import { findByEmail } from "./services/accounts";
import { hashPassword, verifyPassword } from "./services/passwords";
import { changeCredentials } from "./services/sessions";

export const DEMO_CUSTOMER = { email: "customer@shop.test", password: "customer-password", name: "Demo Customer" };

/**
 * Idempotent: creates the admin (ADMIN_EMAIL / ADMIN_PASSWORD, password reset to the configured one on every run)
 * and, outside production, the demo customer; returns their ids for the other subgraphs' seeds (`customerId` is null
 * in production: an account whose password is in this repository must never exist there). A password or role it
 * changes revokes that account's refresh tokens; one already as configured is left alone, so a restart signs nobody out.
 */
export async function seedUsers(config: ShopConfig): Promise<{ adminId: string; customerId: string | null }> {
  const { db, close } = connectDatabase(config.subgraphs.user.databaseUrl, schema, { max: 1 });
  try {
    const upsert = async (email: string, password: string, name: string, role: "ADMIN" | "CUSTOMER", resetPassword: boolean) => {
      const existing = await findByEmail(db, email);
      if (!existing) {
        const passwordHash = await hashPassword(password, config.passwordScryptLogN);
        const [created] = await db.insert(users).values({ email, name, role, passwordHash }).returning();
        return created!.id;
      }
      const changes = {
        ...(existing.role === role ? {} : { role }),
        ...(resetPassword && !(await verifyPassword(password, existing.passwordHash))
          ? { passwordHash: await hashPassword(password, config.passwordScryptLogN) }
          : {}),
      };
      if (Object.keys(changes).length > 0) await changeCredentials(db, existing.id, changes);
      return existing.id;
    };
    const adminId = await upsert(config.admin.email, config.admin.password, "Shop Admin", "ADMIN", true);
    const customerId =
      config.env === "production" ? null : await upsert(DEMO_CUSTOMER.email, DEMO_CUSTOMER.password, DEMO_CUSTOMER.name, "CUSTOMER", false);
    return { adminId, customerId };
  } finally {
    await close();
  }
}
