/** Formats integer minor units (cents) in the currency's own way: 1999 USD is "$19.99". */
export function formatMoney(money: { amount: number; currency: string }): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: money.currency }).format(money.amount / 100);
}
