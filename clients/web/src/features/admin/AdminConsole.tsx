import { NavLink, Route, Routes } from "react-router";
import { useSession } from "../../session/session-context";
import { OrdersBoard } from "./OrdersBoard";
import { ProductsAdmin } from "./ProductsAdmin";

/**
 * The admin console (its own lazy chunk). Only an ADMIN sees it; the gateway refuses every admin operation to anyone
 * else anyway, so this check is for the reader, not for safety.
 */
export function AdminConsole() {
  const { viewer } = useSession();
  if (viewer?.role !== "ADMIN") {
    return (
      <section>
        <h1>Admin console</h1>
        <p role="alert">
          Only administrators can open the admin console. {viewer ? "Your account is a customer account." : "Please sign in."}
        </p>
      </section>
    );
  }
  return (
    <section>
      <h1>Admin console</h1>
      <nav aria-label="Admin" className="tabs">
        <NavLink to="/admin" end>
          Products
        </NavLink>
        <NavLink to="/admin/orders">Orders</NavLink>
      </nav>
      <Routes>
        <Route index element={<ProductsAdmin />} />
        <Route path="orders" element={<OrdersBoard />} />
      </Routes>
    </section>
  );
}
