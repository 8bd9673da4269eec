import { createBrowserRouter } from "react-router";
import { Layout } from "./layout/Layout";
import { RouteError } from "./layout/RouteError";
import { CatalogPage } from "./features/catalog/CatalogPage";
import { ProductPage } from "./features/catalog/ProductPage";
import { SignInPage } from "./features/account/SignInPage";
import { SignUpPage } from "./features/account/SignUpPage";
import { AccountPage } from "./features/account/AccountPage";
import { CartPage } from "./features/cart/CartPage";
import { CheckoutPage } from "./features/checkout/CheckoutPage";
import { MyOrdersPage } from "./features/orders/MyOrdersPage";
import { OrderPage } from "./features/orders/OrderPage";

/**
 * Every page of the app. The storefront is in the first chunk; the admin console and the explorer load on their own
 * (`lazy`), so a shopper never downloads them.
 */
export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <CatalogPage /> },
      { path: "products/:slug", element: <ProductPage /> },
      { path: "signin", element: <SignInPage /> },
      { path: "signup", element: <SignUpPage /> },
      { path: "account", element: <AccountPage /> },
      { path: "cart", element: <CartPage /> },
      { path: "checkout", element: <CheckoutPage /> },
      { path: "orders", element: <MyOrdersPage /> },
      { path: "orders/:id", element: <OrderPage /> },
      { path: "admin/*", lazy: async () => ({ Component: (await import("./features/admin/AdminConsole")).AdminConsole }) },
      { path: "explorer", lazy: async () => ({ Component: (await import("./features/explorer/ExplorerPage")).ExplorerPage }) },
    ],
  },
]);
