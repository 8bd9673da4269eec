import type { Page } from "playwright-core";

/** The page's localStorage, typed for code that runs in the page (this folder has no DOM types). */
interface PageStorage {
  localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/**
 * What a shopper does in the web app, by role and label as a person finds it: one function a step, each returning
 * once the page shows the step done (never after a fixed wait).
 */
export const storefront = {
  async signUp(page: Page, name: string): Promise<string> {
    await page.goto("/signup");
    return storefront.fillSignUp(page, name);
  },

  /** On the sign-up page: a new account named `name`; returns its email once signed in. */
  async fillSignUp(page: Page, name: string): Promise<string> {
    const email = `${name.toLowerCase().replace(/\W/g, "")}-${crypto.randomUUID().slice(0, 8)}@example.com`;
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("customer password");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.getByRole("button", { name: "Log out" }).waitFor();
    return email;
  },

  async logIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto("/signin");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Log out" }).waitFor();
  },

  async search(page: Page, text: string): Promise<void> {
    await page.goto("/");
    await page.getByLabel("Search").fill(text);
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === text);
  },

  /** From a listing: opens the product, adds `quantity`, and waits for the cart's confirmation. */
  async addToCart(page: Page, title: string, quantity = 1): Promise<void> {
    await page.getByRole("link", { name: title }).click();
    await page.getByRole("heading", { name: title }).waitFor();
    await page.getByLabel("Quantity").fill(String(quantity));
    await page.getByRole("button", { name: "Add to cart" }).click();
    await page.getByText("Added to your cart").waitFor();
  },

  /** From anywhere: the cart, then checkout with a typed address and the test card named `card`. */
  async checkOut(page: Page, card: string): Promise<void> {
    await page.getByRole("link", { name: "Cart", exact: true }).click();
    await page.getByRole("link", { name: "Check out" }).click();
    await storefront.pay(page, card);
  },

  /** On the checkout page: a typed address and the test card named `card`, then "Place order". */
  async pay(page: Page, card: string): Promise<void> {
    await page.getByLabel("Full name").fill("Ada Lovelace");
    await page.getByLabel("Address line 1").fill("12 Analytical Way");
    await page.getByLabel("City").fill("London");
    await page.getByLabel("Postal code").fill("N1 9GU");
    await page.getByLabel("Country").fill("GB");
    await page.getByLabel(card).check();
    await page.getByRole("button", { name: "Place order" }).click();
  },

  /** The guest cart token the app keeps for a signed-out visitor (clients/web/src/session/storage.ts), or null. */
  guestCartToken(page: Page): Promise<string | null> {
    return page.evaluate(() => (globalThis as unknown as PageStorage).localStorage.getItem("shop.guestCart"));
  },

  /** Plants a guest cart token, as a visitor's earlier visit would have left it. */
  async plantGuestCartToken(page: Page, token: string): Promise<void> {
    await page.evaluate((value) => (globalThis as unknown as PageStorage).localStorage.setItem("shop.guestCart", value), token);
  },
};
