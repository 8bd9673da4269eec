import { expect, it } from "vitest";
import { documentedDefaults } from "./documented-env";

it("reads each documented variable's default, pairing names and defaults in order", () => {
  const markdown = [
    "| variable | default | meaning |",
    "|---|---|---|",
    "| `POLL_MS` | `1000` | polling |",
    "| `SWEEP_MS` / `RECONCILE_MS` | `5000` / `30000` | two jobs |",
    "| `TIMEOUT_MS`, `MAX_ATTEMPTS` | `2000`, `3` | calls |",
    "| `KEY_PREFIX` | empty | put before every key |",
    "| `USER_PORT` … `ORDER_PORT` | `4001` … `4005` | a range, not two variables |",
    "| `JWT_SECRET` | dev value | described in words |",
  ].join("\n");

  expect(Object.fromEntries(documentedDefaults(markdown))).toEqual({
    POLL_MS: "1000",
    SWEEP_MS: "5000",
    RECONCILE_MS: "30000",
    TIMEOUT_MS: "2000",
    MAX_ATTEMPTS: "3",
    KEY_PREFIX: "",
  });
});
