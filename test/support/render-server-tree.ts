// Renders the server part of a React element tree the way the RSC renderer does for authorization
// purposes: every async (server) component is called with its props and its result walked in
// turn, so a notFound()/forbidden()/redirect() thrown by a component a page returns surfaces here.
// Client components (plain functions, run only in the browser) are not called; their children are
// still walked.
import { isValidElement, type ReactNode } from "react";

export async function renderServerTree(node: unknown): Promise<void> {
  const value = await node;
  if (Array.isArray(value)) {
    for (const child of value) await renderServerTree(child);
    return;
  }
  if (!isValidElement(value)) return;
  const { type, props } = value as {
    type: unknown;
    props: { children?: ReactNode } & Record<string, unknown>;
  };
  if (typeof type === "function" && type.constructor.name === "AsyncFunction") {
    await renderServerTree((type as (p: unknown) => Promise<unknown>)(props));
    return;
  }
  for (const prop of Object.values(props)) {
    if (isValidElement(prop) || Array.isArray(prop)) await renderServerTree(prop);
  }
}
