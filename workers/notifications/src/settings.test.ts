import { describe, expect, it } from "vitest";
import { defaultsBesideReadme, refusalOf } from "@shop/runtime/testing";
import { DEVELOPMENT_SMTP_URL, loadNotificationSettings, mailDomainOf, notificationsEnvSchema } from "./settings";

describe("loadNotificationSettings", () => {
  it("mails to the development sink when SMTP_URL is unset outside production", () => {
    expect(loadNotificationSettings({}).smtpUrl).toBe(DEVELOPMENT_SMTP_URL);
    expect(loadNotificationSettings({ NODE_ENV: "test", SMTP_URL: "smtp://mail.example.com:587" }).smtpUrl).toBe(
      "smtp://mail.example.com:587",
    );
  });

  it("refuses production without SMTP_URL, and the test crash point in production", () => {
    const refusal = refusalOf(loadNotificationSettings, { NODE_ENV: "production", NOTIFICATIONS_TEST_CRASH_POINT: "after-send" });
    expect(refusal).toMatch(/^ {2}SMTP_URL: must be set in production/m);
    expect(refusal).toMatch(/^ {2}NOTIFICATIONS_TEST_CRASH_POINT: is for tests only/m);
    expect(loadNotificationSettings({ NODE_ENV: "production", SMTP_URL: "smtps://u:p@mail.example.com" }).smtpUrl).toBe(
      "smtps://u:p@mail.example.com",
    );
  });

  it("names each bad variable", () => {
    const refusal = refusalOf(loadNotificationSettings, { NOTIFICATIONS_MAX_ATTEMPTS: "0", SMTP_URL: "not a url" });
    expect(refusal).toMatch(/^ {2}NOTIFICATIONS_MAX_ATTEMPTS: /m);
    expect(refusal).toMatch(/^ {2}SMTP_URL: /m);
  });

  it.each(["../README.md", "../../../README.md"])("has the defaults %s documents", (readme) => {
    const { inCode, inReadme } = defaultsBesideReadme(notificationsEnvSchema, new URL(readme, import.meta.url));
    expect(inReadme).toEqual(inCode);
  });
});

describe("mailDomainOf", () => {
  it("is the domain of MAIL_FROM's address, with or without a display name", () => {
    expect(mailDomainOf("Shop <orders@shop.test>")).toBe("shop.test");
    expect(mailDomainOf("orders@mail.example.com")).toBe("mail.example.com");
    expect(mailDomainOf("no address")).toBe("localhost");
  });
});
