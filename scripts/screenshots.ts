/**
 * `npm run screenshots`: refreshes docs/screenshots/ from a running shop (`npm start`; SHOP_URL, default
 * http://localhost:3000): the storefront, a product, the cart, checkout, an order, the admin console and the explorer,
 * each at desktop and at phone width, signed in as npm start's demo customer and admin. Run it rather than adding
 * pictures by hand, so they always show the app as it is.
 */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { loadConfig } from "@shop/runtime";
import { launchBrowser } from "../tests/support/browser";
import { DEMO_CUSTOMER } from "./seed";

const shop = process.env.SHOP_URL ?? "http://localhost:3000";
const folder = fileURLToPath(new URL("../docs/screenshots/", import.meta.url));
const widths = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };
const admin = loadConfig().admin;
/** One of the demo customer's orders (read from My orders), which the admin's board then opens by id. */
let demoOrderId = "";

async function logIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Log out" }).waitFor();
}

/** Each picture: its name, and how to get the page there. */
const customerPages: [string, (page: Page) => Promise<void>][] = [
  ["storefront", async (page) => void (await page.goto("/"), await page.locator(".grid a").first().waitFor())],
  [
    "product",
    async (page) => {
      await page.goto("/");
      await page.locator(".grid a").first().click();
      await page
        .getByText(/in stock|Sold out/)
        .first()
        .waitFor();
    },
  ],
  [
    "cart",
    async (page) => void (await page.goto("/cart"), await page.getByRole("table").or(page.getByText("Your cart is empty")).waitFor()),
  ],
  ["checkout", async (page) => void (await page.goto("/checkout"), await page.getByRole("button", { name: "Place order" }).waitFor())],
  [
    "order",
    async (page) => {
      await page.goto("/orders");
      await page.locator(".orders a").first().click();
      await page.getByRole("list", { name: "Order timeline" }).waitFor();
      demoOrderId = page.url().split("/").at(-1)!;
    },
  ],
];
const adminPages: [string, (page: Page) => Promise<void>][] = [
  ["admin-products", async (page) => void (await page.goto("/admin"), await page.getByText("active products").waitFor())],
  [
    "admin-orders",
    async (page) => {
      await page.goto("/admin/orders");
      await page.getByLabel("Order id").fill(demoOrderId);
      await page.getByRole("button", { name: "Open order" }).click();
      await page.getByRole("article", { name: `Order ${demoOrderId.slice(0, 8)}` }).waitFor();
    },
  ],
  ["explorer", async (page) => void (await page.goto("/explorer"), await page.getByText("query Browse").first().waitFor())],
];

mkdirSync(folder, { recursive: true });
const browser = await launchBrowser();
try {
  for (const [width, viewport] of Object.entries(widths)) {
    for (const [who, pages] of [
      [DEMO_CUSTOMER, customerPages],
      [admin, adminPages],
    ] as const) {
      const context = await browser.newContext({ baseURL: shop, viewport });
      const page = await context.newPage();
      await logIn(page, who.email, who.password);
      for (const [name, open] of pages) {
        await open(page);
        await page.screenshot({ path: `${folder}${name}-${width}.png`, fullPage: width === "phone" ? false : true });
        console.log(`docs/screenshots/${name}-${width}.png`);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
}
