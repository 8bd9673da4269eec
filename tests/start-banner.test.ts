import { describe, expect, it } from "vitest";
import { generateInternalKeys, internalKeysEnv, loadConfig } from "@shop/runtime";
import { startBanner } from "../scripts/lib/banner";

const facts = { seconds: "3.2", products: 320, compiled: false, watch: false };

describe("the banner npm start prints", () => {
  it("offers Sandbox, the admin's password and the demo customer in development", () => {
    const banner = startBanner(loadConfig({}), { ...facts, demoCustomer: true });

    expect(banner).toContain("Shop (web app):  http://localhost:3000");
    expect(banner).toContain("GraphiQL (works offline):  http://localhost:3000/explorer");
    expect(banner).toContain("Gateway (Apollo Sandbox in a browser):  http://localhost:4000/graphql");
    expect(banner).toContain("Admin:     admin@shop.test / admin-password");
    expect(banner).toContain("Customer:  customer@shop.test / customer-password");
  });

  it("says where the development mail sink keeps the mails, and mentions none without one", () => {
    const mail = { smtpUrl: "smtp://127.0.0.1:1025", directory: "/shop/.data/mail" };
    const banner = startBanner(loadConfig({}), { ...facts, demoCustomer: true, mail });
    expect(banner).toContain(
      "Mails:     each order mail is a .eml file in /shop/.data/mail (the development SMTP sink, smtp://127.0.0.1:1025)",
    );
    expect(startBanner(loadConfig({}), { ...facts, demoCustomer: true })).not.toContain("Mails:");
  });

  it("offers no Sandbox (the gateway serves none), no password and no demo customer in production", () => {
    const production = loadConfig({
      NODE_ENV: "production",
      JWT_SECRET: "a-real-client-token-secret-of-32-chars-or-more",
      ...internalKeysEnv(generateInternalKeys()),
      ADMIN_PASSWORD: "a-real-admin-password",
    });
    const banner = startBanner(production, { ...facts, compiled: true, demoCustomer: false });

    expect(banner).not.toMatch(/Sandbox in a browser|customer@shop\.test|a-real-admin-password/);
    expect(banner).toContain("Gateway (GraphQL over HTTP; no Sandbox in production):  http://localhost:4000/graphql");
    expect(banner).toContain("Admin:     admin@shop.test / (ADMIN_PASSWORD)");
    expect(banner).toContain("Shop (web app):  http://localhost:3000");
  });
});
