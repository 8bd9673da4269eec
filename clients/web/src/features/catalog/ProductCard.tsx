import { Link } from "react-router";
import { getFragmentData, type FragmentType } from "../../generated";
import { formatMoney } from "../../money";
import { ProductCardFields } from "./operations";

/** One product in a listing: its title (a link to its page), category, price and whether it is in stock. */
export function ProductCard(props: { product: FragmentType<typeof ProductCardFields> }) {
  const product = getFragmentData(ProductCardFields, props.product);
  return (
    <li className="card">
      <Link to={`/products/${product.slug}`}>{product.title}</Link>
      <span className="muted">{product.category.name}</span>
      <span className="price">{formatMoney(product.price)}</span>
      <span className={product.inventory.inStock ? "stock" : "stock out"}>
        {product.inventory.inStock ? `${product.inventory.available} in stock` : "Sold out"}
      </span>
    </li>
  );
}
