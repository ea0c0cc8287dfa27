// Calls the /api/v1 route handlers of the app tree in-process, as Next.js would: a real Request,
// the route's params, the real token, database and domain behind it.
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import type { CustomerViewer } from "@/lib/auth/viewer";

const API_ROOT = path.resolve(import.meta.dirname, "../../app/api/v1");

export type AppRoute = {
  /** OpenAPI-style path below /api/v1, e.g. /requests/{id}/tunnels. */
  path: string;
  file: string;
  methods: string[];
  module: Record<string, unknown>;
};

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Every route.ts under app/api/v1, with the HTTP methods it exports. */
export async function findAppRoutes(): Promise<AppRoute[]> {
  const files = (readdirSync(API_ROOT, { recursive: true }) as string[])
    .filter((file) => path.basename(file) === "route.ts")
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const dir = path.dirname(file);
      const apiPath = `/${dir === "." ? "" : dir.split(path.sep).join("/")}`.replace(/\[(\w+)\]/g, "{$1}");
      const module = (await import(pathToFileURL(path.join(API_ROOT, file)).href)) as Record<string, unknown>;
      const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter(
        (method) => typeof module[method] === "function",
      );
      return { path: apiPath, file, methods, module };
    }),
  );
}

let routes: Promise<AppRoute[]> | undefined;

/** Calls one route of the app tree by method and concrete path (e.g. /requests/<uuid>/cancel). */
export async function callApi(
  method: string,
  concretePath: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  routes ??= findAppRoutes();
  const [pathname = "", search = ""] = concretePath.split("?");
  for (const route of await routes) {
    const params = matchPath(route.path, pathname);
    if (!params) continue;
    const handler = route.module[method] as Handler | undefined;
    if (!handler) throw new Error(`${route.file} has no ${method}`);
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["content-type"] ??= "application/json";
    }
    const url = `http://portal.test/api/v1${pathname}${search ? `?${search}` : ""}`;
    return handler(new Request(url, { method, headers, body }), { params: Promise.resolve(params) });
  }
  throw new Error(`no route under app/api/v1 matches ${concretePath}`);
}

function matchPath(template: string, pathname: string): Record<string, string> | null {
  const names: string[] = [];
  const pattern = template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  const match = new RegExp(`^${pattern}$`).exec(pathname);
  if (!match) return null;
  return Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? "")]));
}

/** A live token for this customer (made through the real domain function). */
export async function tokenFor(viewer: CustomerViewer, expiresInDays: "7" | "30" | "90" | "365" = "30") {
  return (
    await createApiToken({ name: `test ${Math.random().toString(36).slice(2, 8)}`, expiresInDays }, viewer)
  ).token;
}
