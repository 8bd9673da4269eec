/** The simulated payment provider's test cards (subgraphs/order/README.md), offered at checkout by name. */
export const TEST_CARDS = [
  { token: "pm_card_visa", name: "Test Visa (succeeds)" },
  { token: "pm_card_declined", name: "Test card that is declined" },
  { token: "pm_card_unavailable", name: "Test card whose provider does not answer" },
] as const;
