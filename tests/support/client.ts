import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print, type DocumentNode } from "graphql";

export interface GraphQLResult<T> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** Sends one operation to the gateway the way a web client does: HTTP POST, JSON, optional bearer token. */
export async function request<T = any, V = Record<string, unknown>>(
  url: string,
  document: TypedDocumentNode<T, V> | DocumentNode | string,
  variables?: V,
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResult<T>> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query: typeof document === "string" ? document : print(document), variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResult<T>, "status">;
  return { status: response.status, ...body };
}

/** Like `request`, but fails the test with the errors when there are any. */
export async function expectData<T = any, V = Record<string, unknown>>(
  url: string,
  document: TypedDocumentNode<T, V> | DocumentNode | string,
  variables?: V,
  options: { token?: string } = {},
): Promise<T> {
  const result = await request<T, V>(url, document, variables, options);
  if (result.errors?.length || !result.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(result.errors ?? "no data")}`);
  }
  return result.data;
}
