import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { loadInventorySettings } from "@shop/inventory/settings";
import { isolate, testConfig } from "@shop/runtime/testing";
import { buildWebApp, serveWebApp, type WebServer } from "../scripts/lib/web";
import { launchBrowser, openShopper, PHONE } from "./support/browser";
import { CreateProductDocument, SetStockDocument } from "./generated/operations";
import { expectData } from "./support/client";
import { checkout, createCategory, customerWithCart, signInAdmin } from "./support/shop";
import { startStack, type Stack } from "./support/stack";
import { storefront } from "./support/storefront-pages";

// The web app in a real Chromium against the real stack: one stack, one browser, a context per person. Every step
// waits for what the page shows, never for time.
const config = testConfig();
// Own databases: the admin's board opens on the newest orders of the whole database, which other files fill with
// theirs at the same time (a flash sale's hundreds), so a page of this file's orders needs a database of its own.
const { drop: dropIsolated, stockKeyPrefix } = isolate(config, "web");
let stack: Stack;
let web: WebServer;
let browser: Browser;
let admin: { token: string; email: string; password: string };
/** A product with plenty of stock that the browsers leave alone. */
let spareId: string;
/** A word only this run's products carry, so a search finds them and nothing else. */
const tag = `w${crypto.randomUUID().slice(0, 6)}`;
const titles = { lamp: `Desk lamp ${tag}`, mug: `Tea mug ${tag}`, last: `Last print ${tag}`, spare: `Spare part ${tag}` };
/** How much JavaScript (gzipped) the storefront's first page may load: the admin console and GraphiQL stay out. */
const FIRST_LOAD_BUDGET_BYTES = 180 * 1024;

beforeAll(async () => {
  await buildWebApp();
  // The app is served first so that the gateway, started after, allows its origin (CORS), as it allows :3000.
  web = await serveWebApp({ gatewayUrl: () => stack.gatewayUrl, port: 0 });
  config.corsOrigins = [web.url];
  stack = await startStack(config, ["user", "product", "inventory", "cart", "order"], {
    gateway: true,
    settings: { inventory: { ...loadInventorySettings(), stockKeyPrefix } },
  });
  const signedIn = await signInAdmin(stack);
  admin = { token: signedIn.token, email: config.admin.email, password: config.admin.password };
  const category = await createCategory(stack);
  for (const [title, onHand] of [
    [titles.lamp, 10],
    [titles.mug, 10],
    [titles.spare, 10],
    [titles.last, 1],
  ] as const) {
    await createProduct(category, title, onHand);
  }
  spareId = await createProduct(category, `Warm-up ${tag}`, 10);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await web?.stop();
  await dropIsolated();
});

/** A product of this run, stocked with `onHand`, made by the admin through the gateway. */
async function createProduct(categorySlug: string, title: string, onHand: number) {
  const sku = `SKU-${crypto.randomUUID().slice(0, 10)}`;
  const { createProduct } = await expectData(
    stack.gatewayUrl,
    CreateProductDocument,
    { input: { sku, title, priceAmount: 1250, categorySlug } },
    { token: admin.token },
  );
  await expectData(stack.gatewayUrl, SetStockDocument, { productId: createProduct.id, onHand }, { token: admin.token });
  return createProduct.id;
}

describe("the web app", () => {
  it("loads the storefront with little JavaScript, leaving the admin console and GraphiQL for their pages", async () => {
    const { context, page } = await openShopper(browser, web.url);
    const scripts: { url: string; gzipped: number }[] = [];
    page.on("response", async (response) => {
      if (response.request().resourceType() === "script")
        scripts.push({ url: response.url(), gzipped: gzipSync(await response.body()).length });
    });
    await page.goto("/");
    await page.getByRole("heading", { name: "Products" }).waitFor();
    await page.waitForLoadState("networkidle");
    const total = scripts.reduce((sum, script) => sum + script.gzipped, 0);
    console.log(`storefront first load: ${scripts.length} scripts, ${(total / 1024).toFixed(1)} KiB of JavaScript gzipped`);
    expect(scripts.map((script) => script.url).join(" ")).not.toMatch(/AdminConsole|ExplorerPage|monaco/);
    expect(total).toBeLessThan(FIRST_LOAD_BUDGET_BYTES);
    await context.close();
  });

  it("sells: a customer searches, buys two products with the test Visa and sees PAID, then follows PACKED and SHIPPED live", async () => {
    // An order placed before the board opens: the board loads it (Query.orders), no event brings it.
    const earlier = await customerWithCart(stack, [{ productId: spareId, quantity: 1 }], "Earlier");
    const earlierOrder = (await checkout(stack, earlier.token)).data!.checkout as { id: string };
    const owner = await openShopper(browser, web.url);
    await storefront.logIn(owner.page, admin.email, admin.password);
    await owner.page.getByRole("link", { name: "Admin" }).click();
    await owner.page.getByRole("link", { name: "Orders", exact: true }).click();
    await owner.page
      .getByRole("region", { name: "Paid" })
      .getByRole("article", { name: `Order ${earlierOrder.id.slice(0, 8)}` })
      .waitFor();
    // An order placed outside the browser shows the board's subscription is open before the customer's arrives.
    const warmUp = await customerWithCart(stack, [{ productId: spareId, quantity: 1 }], "WarmUp");
    const warmUpOrder = (await checkout(stack, warmUp.token)).data!.checkout as { id: string };
    await owner.page.getByRole("article", { name: `Order ${warmUpOrder.id.slice(0, 8)}` }).waitFor();

    const shopper = await openShopper(browser, web.url);
    const { page } = shopper;
    await storefront.signUp(page, "Grace");
    await storefront.search(page, tag);
    await page.getByText("5 products").waitFor();
    await storefront.addToCart(page, titles.lamp, 2);
    await page.goBack();
    await page.getByText("5 products").waitFor();
    await storefront.addToCart(page, titles.mug);
    await storefront.checkOut(page, "Test Visa (succeeds)");
    await page.waitForURL(/\/orders\/[^/]+$/);
    await page.getByTestId("order-status").getByText("Paid").waitFor();
    await page.getByText("Live: this page follows").waitFor();
    await page.getByRole("cell", { name: titles.lamp }).waitFor();
    await page.getByRole("cell", { name: titles.mug }).waitFor();
    const orderId = page.url().split("/").at(-1)!;
    // A marker that a reload would wipe: the changes below must arrive without one.
    await page.evaluate(() => ((globalThis as { notReloaded?: boolean }).notReloaded = true));

    // The new order reaches the admin's board live, in the Paid column.
    const card = owner.page.getByRole("region", { name: "Paid" }).getByRole("article", { name: `Order ${orderId.slice(0, 8)}` });
    await card.waitFor();
    await card.getByRole("button", { name: "Mark packed" }).click();
    await page.getByTestId("order-status").getByText("Packed").waitFor();

    const packed = owner.page.getByRole("region", { name: "Packed" }).getByRole("article", { name: `Order ${orderId.slice(0, 8)}` });
    await packed.getByLabel("Tracking number").fill("1Z999AA10123456784");
    await packed.getByRole("button", { name: "Mark shipped" }).click();
    await page.getByTestId("order-status").getByText("Shipped").waitFor();
    await page.getByText("1Z999AA10123456784", { exact: true }).waitFor();
    const timeline = await page.getByRole("list", { name: "Order timeline" }).getByRole("listitem").allTextContents();
    expect(timeline.map((line) => line.split(" ")[0])).toEqual(expect.arrayContaining(["Paid", "Packed", "Shipped"]));
    expect(await page.evaluate(() => (globalThis as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(shopper.errors).toEqual([]);
    await Promise.all([owner.context.close(), shopper.context.close()]);
  });

  it("lets a visitor fill a cart without an account, sign up at checkout keeping it, and pay with the test Visa", async () => {
    const { context, page, errors } = await openShopper(browser, web.url);
    await storefront.search(page, tag);
    // A token the gateway refuses (forged, or expired) is dropped and the request asked again: the visitor shops on.
    await storefront.plantGuestCartToken(page, "forged.guest.token");
    await storefront.addToCart(page, titles.lamp);
    await page.goBack();
    await storefront.addToCart(page, titles.mug, 2);
    const guestToken = await storefront.guestCartToken(page);
    expect(guestToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(guestToken).not.toBe("forged.guest.token");

    await page.getByRole("link", { name: "Cart", exact: true }).click();
    await page.getByRole("table").getByText("Subtotal (3 items)").waitFor();
    await page.getByRole("link", { name: "Check out" }).click();
    await page.getByText("Checking out needs an account").waitFor();
    await page.getByRole("link", { name: "Create an account" }).click();
    await storefront.fillSignUp(page, "Guest");

    // Back at checkout, signed in: the new account's cart is the guest cart, both lines, and the token is forgotten.
    await page.getByRole("heading", { name: "Checkout" }).waitFor();
    const lines = page.getByRole("table");
    await lines.getByRole("link", { name: titles.lamp }).waitFor();
    await lines.getByRole("link", { name: titles.mug }).waitFor();
    await lines.getByText("Subtotal (3 items)").waitFor();
    expect(await storefront.guestCartToken(page)).toBeNull();
    await storefront.pay(page, "Test Visa (succeeds)");
    await page.getByTestId("order-status").getByText("Paid").waitFor();
    await page.getByRole("cell", { name: titles.lamp }).waitFor();
    await page.getByRole("cell", { name: titles.mug }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows a declined card's message and keeps the cart", async () => {
    const { context, page } = await openShopper(browser, web.url);
    await storefront.signUp(page, "Declined");
    await storefront.search(page, tag);
    await storefront.addToCart(page, titles.spare);
    await storefront.checkOut(page, "Test card that is declined");
    await page
      .getByRole("alert")
      .getByText(/card was declined.*cart is kept/)
      .waitFor();
    await page.getByRole("link", { name: "Cart", exact: true }).click();
    await page.getByRole("table").getByRole("link", { name: titles.spare }).waitFor();
    await context.close();
  });

  it("shows 'Sold out' on an open product page the moment another browser buys the last unit", async () => {
    const watcher = await openShopper(browser, web.url, PHONE);
    await watcher.page.goto("/");
    await watcher.page.getByLabel("Search").fill(tag);
    await watcher.page.getByRole("button", { name: "Apply" }).click();
    await watcher.page.getByRole("link", { name: titles.last }).click();
    await watcher.page.getByText("1 in stock").waitFor();
    // stockChanged answers the current stock first: the page says so once its subscription is open.
    await watcher.page.getByText("Stock updates live").waitFor();

    const buyer = await openShopper(browser, web.url);
    await storefront.signUp(buyer.page, "Quick");
    await storefront.search(buyer.page, tag);
    await storefront.addToCart(buyer.page, titles.last);
    await storefront.checkOut(buyer.page, "Test Visa (succeeds)");
    await buyer.page.getByTestId("order-status").getByText("Paid").waitFor();

    await watcher.page.getByRole("status").getByText("Sold out").waitFor();
    expect(await watcher.page.getByText("1 in stock").count()).toBe(0);
    await Promise.all([watcher.context.close(), buyer.context.close()]);
  });

  it("lets the admin create a product, price and stock it, and archive it", async () => {
    const { context, page } = await openShopper(browser, web.url);
    await storefront.logIn(page, admin.email, admin.password);
    await page.getByRole("link", { name: "Admin" }).click();
    const title = `Console lamp ${tag}`;
    await page.getByLabel("SKU").fill(`SKU-${crypto.randomUUID().slice(0, 10)}`);
    await page.getByLabel("Title", { exact: true }).last().fill(title);
    await page.getByLabel("Price", { exact: true }).last().fill("12.00");
    await page.getByRole("button", { name: "Create product" }).click();
    const product = page.getByRole("listitem", { name: title });
    await product.getByText("0 on hand").waitFor();
    await product.getByLabel("On hand").fill("7");
    await product.getByRole("button", { name: "Set stock" }).click();
    await product.getByText("7 on hand").waitFor();
    await product.getByLabel("Price").fill("19.99");
    await product.getByRole("button", { name: "Save" }).click();
    await product.getByText("$19.99").waitFor();

    // A shopper sees it as the admin left it.
    const shopper = await openShopper(browser, web.url);
    await shopper.page.goto("/");
    await shopper.page.getByLabel("Search").fill(title);
    await shopper.page.getByRole("button", { name: "Apply" }).click();
    await shopper.page.getByRole("link", { name: title }).click();
    await shopper.page.getByText("7 in stock").waitFor();
    await shopper.page.getByText("$19.99").waitFor();

    await product.getByRole("button", { name: "Archive" }).click();
    await product.waitFor({ state: "detached" });
    await Promise.all([context.close(), shopper.context.close()]);
  });

  it("runs GraphiQL at /explorer from the app's own files, with nothing fetched from elsewhere", async () => {
    const { context, page } = await openShopper(browser, web.url);
    const gateway = new URL(stack.gatewayUrl).origin;
    const elsewhere: string[] = [];
    // Offline, as far as the page can tell: anything but the app and the gateway fails (and is remembered).
    await context.route("**/*", (route) => {
      const origin = new URL(route.request().url()).origin;
      if (origin === new URL(web.url).origin || origin === gateway) return route.continue();
      elsewhere.push(route.request().url());
      return route.abort();
    });
    await page.goto("/explorer");
    // The editor (Monaco, bundled) has loaded once it shows the first example.
    await page.getByText("query Browse").first().waitFor();
    await page.getByRole("button", { name: /Execute query/ }).click();
    await expect.poll(() => page.locator(".result-window").innerText(), { timeout: 10_000 }).toMatch(/"totalCount":\s\d+/);
    expect(elsewhere).toEqual([]);
    await context.close();
  });

  it("keeps a customer's address book, and logs out", async () => {
    const { context, page } = await openShopper(browser, web.url, PHONE);
    await storefront.signUp(page, "Homebody");
    await page.getByRole("link", { name: "Account" }).click();
    await page.getByText("No saved addresses yet").waitFor();
    await page.getByLabel("Full name").fill("Ada Lovelace");
    await page.getByLabel("Address line 1").fill("12 Analytical Way");
    await page.getByLabel("City").fill("London");
    await page.getByLabel("Postal code").fill("N1 9GU");
    await page.getByLabel("Country").fill("GB");
    await page.getByRole("button", { name: "Save address" }).click();
    await page.locator("address").getByText("12 Analytical Way").waitFor();
    await page.reload();
    await page.locator("address").getByText("12 Analytical Way").waitFor();
    await page.getByRole("button", { name: "Remove" }).click();
    await page.getByText("No saved addresses yet").waitFor();

    await page.getByRole("button", { name: "Log out" }).click();
    await page.getByRole("link", { name: "Sign in" }).waitFor();
    await page.goto("/account");
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await context.close();
  });

  it("refuses the admin console to a customer", async () => {
    const { context, page } = await openShopper(browser, web.url);
    await storefront.signUp(page, "Curious");
    await page.goto("/admin/orders");
    await page.getByRole("alert").getByText("Only administrators can open the admin console").waitFor();
    expect(await page.getByRole("link", { name: "Admin" }).count()).toBe(0);
    await context.close();
  });
});
