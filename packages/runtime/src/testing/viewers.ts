import { randomUUID } from "node:crypto";
import type { Viewer } from "../auth";

// Subgraphs know users only by id and role, so any fresh UUID is a new user: each test's viewers own nothing of
// another test's, however the files interleave.

/** A new customer. */
export const customer = (): Viewer => ({ userId: randomUUID(), role: "CUSTOMER" });

/** A new member of staff. */
export const admin = (): Viewer => ({ userId: randomUUID(), role: "ADMIN" });
