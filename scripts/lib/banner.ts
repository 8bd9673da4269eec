import { SUBGRAPHS, WORKERS, type ShopConfig } from "@shop/runtime";
import { DEMO_CUSTOMER } from "../seed";

export interface BannerFacts {
  seconds: string;
  products: number;
  /** Whether the seed made the demo customer (never in production). */
  demoCustomer: boolean;
  compiled: boolean;
  watch: boolean;
  /** The development mail sink, when `npm start` runs one (no SMTP_URL). */
  mail?: { smtpUrl: string; directory: string };
}

/**
 * What `npm start` prints once the shop answers. It offers only what is there: Apollo Sandbox where the gateway serves
 * it (not in production, gateway/src/app.ts), the demo customer where it was seeded, and never the production admin
 * password. The web app and its GraphiQL come first: they are what a newcomer opens.
 */
export function startBanner(config: ShopConfig, facts: BannerFacts): string {
  const production = config.env === "production";
  const gateway = production
    ? `Gateway (GraphQL over HTTP; no Sandbox in production):  http://localhost:${config.gatewayPort}/graphql`
    : `Gateway (Apollo Sandbox in a browser):  http://localhost:${config.gatewayPort}/graphql`;
  const accounts = [
    `Admin:     ${config.admin.email} / ${production ? "(ADMIN_PASSWORD)" : config.admin.password}`,
    ...(facts.demoCustomer ? [`Customer:  ${DEMO_CUSTOMER.email} / ${DEMO_CUSTOMER.password}`] : []),
  ];
  const shop = `http://localhost:${config.webPort}`;
  return `
  The shop supergraph is ready in ${facts.seconds}s (${facts.products} demo products).

  Shop (web app):  ${shop}
  GraphiQL (works offline):  ${shop}/explorer
  ${gateway}
  Subgraphs: ${SUBGRAPHS.map((name) => `${name} :${config.subgraphs[name].port}`).join(", ")}
  Workers:   ${WORKERS.map((name) => `${name} :${config.workers[name].port} (/metrics)`).join(", ")}
${
  facts.mail
    ? `  Mails:     each order mail is a .eml file in ${facts.mail.directory} (the development SMTP sink, ${facts.mail.smtpUrl})
`
    : ""
}
  ${accounts.join("\n  ")}
  Sign in with the logIn mutation and send "Authorization: Bearer <token>".

  ${facts.compiled ? "Production: every service runs its compiled dist/index.js with node. " : ""}${facts.watch ? "Watching: a service restarts when one of its files changes. " : ""}Ctrl-C stops everything.
`;
}
