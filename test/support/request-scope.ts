// A real Next.js request scope for integration tests. Pages, route handlers and server actions read
// their request through Next's AsyncLocalStorage stores (headers(), cookies(), revalidatePath(),
// redirect()'s status); outside a running Next.js server there are none, and headers() throws.
// runInRequest() opens them the way Next's server does for one request — a work store from
// createWorkStore, a request store from createRequestStoreForAPI, the action store — and, when the
// function is done, runs the revalidations it asked for against a real IncrementalCache, as the
// action handler does. Nothing is stubbed: the functions the app calls are Next's own.
//
// It reaches into Next's internal modules (next/dist/server/...), which are no public API. That is
// deliberate: a Next upgrade that moves or reshapes them breaks these imports or the stores'
// shapes, and every test that runs in a request fails loudly instead of passing against a stand-in.
// request-scope.int.test.ts checks headers(), cookies() and revalidatePath() work inside it.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { actionAsyncStorage } from "next/dist/server/app-render/action-async-storage.external.js";
import { type WorkStore, workAsyncStorage } from "next/dist/server/app-render/work-async-storage.external.js";
import {
  type RequestStore,
  workUnitAsyncStorage,
} from "next/dist/server/app-render/work-unit-async-storage.external.js";
import { createRequestStoreForAPI } from "next/dist/server/async-storage/request-store.js";
import { createWorkStore } from "next/dist/server/async-storage/work-store.js";
import { defaultConfig } from "next/dist/server/config-shared.js";
import { getImplicitTags } from "next/dist/server/lib/implicit-tags.js";
import { IncrementalCache } from "next/dist/server/lib/incremental-cache/index.js";
import { nodeFs } from "next/dist/server/lib/node-fs-methods.js";
import { executeRevalidates } from "next/dist/server/revalidation-utils.js";
import projectConfig from "@/next.config";

/** What kind of entry the request runs, as Next's server tells them apart. */
export type RequestKind = "page" | "route" | "action";

export type RequestOptions = {
  /** The request's Cookie header (see session-cookie.ts for a signed-in persona's). */
  cookie?: string;
  /** The request's URL; its path is the app route's unless given. */
  url?: string;
  /** Further request headers. */
  headers?: HeadersInit;
  /** The app route pattern, e.g. "/requests/[id]" (the work store's page and route). */
  route?: string;
  /**
   * "page": a render (revalidatePath() and setting cookies are refused, as in Next); "action": a
   * server action; "route": a route handler. Default "action".
   */
  kind?: RequestKind;
};

/** What the request left behind when it was done: the cookies it set, the tags it revalidated. */
export type RequestOutcome = { setCookies: string[]; revalidatedTags: string[] };

// The project's next.config.ts over Next's defaults (the part the request stores read: cache life
// profiles, timeouts, the experimental flags), with the two defaults Next's loader fills in after
// merging (finalizeConfig in next/dist/server/config.js). Not that loader itself: it also loads
// .env files into process.env and hooks require() for webpack, which a test process must not get.
const merged = {
  ...defaultConfig,
  ...projectConfig,
  experimental: { ...defaultConfig.experimental, ...projectConfig.experimental },
};
const nextConfig = {
  ...merged,
  experimental: {
    ...merged.experimental,
    useCacheTimeout: merged.experimental.useCacheTimeout ?? merged.staticPageGenerationTimeout * 0.9,
    instantInsights: { validationLevel: merged.experimental.instantInsights?.validationLevel ?? "warning" },
  },
};

// One "build" per test process: Next's server has one preview key set and one cache directory.
// The incremental cache is Next's file-system handler with flushToDisk off, as `next start` runs
// it with experimental.isrFlushToDisk false (its default is true): entries and revalidated tags are
// kept in memory, nothing is written to the directory.
const previewProps = {
  previewModeId: randomBytes(16).toString("hex"),
  previewModeSigningKey: randomBytes(32).toString("hex"),
  previewModeEncryptionKey: randomBytes(32).toString("hex"),
};
const buildId = `test-${randomBytes(4).toString("hex")}`;
let serverDistDir: string | undefined;

function incrementalCache(headers: Headers): IncrementalCache {
  if (!serverDistDir) {
    const dir = mkdtempSync(join(tmpdir(), "next-test-server-"));
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    serverDistDir = dir;
  }
  return new IncrementalCache({
    fs: nodeFs,
    dev: false,
    requestHeaders: Object.fromEntries(headers),
    minimalMode: false,
    serverDistDir,
    fetchCacheKeyPrefix: nextConfig.experimental.fetchCacheKeyPrefix,
    maxMemoryCacheSize: nextConfig.cacheMaxMemorySize,
    flushToDisk: false,
    previewProps,
    prerenderManifest: {
      version: 4,
      routes: {},
      dynamicRoutes: {},
      notFoundRoutes: [],
      preview: previewProps,
    },
  });
}

/** The file path Next gives the route's entry: "/requests/[id]" → "/requests/[id]/page". */
function pageOf(route: string, kind: RequestKind): string {
  return `${route === "/" ? "" : route}/${kind === "route" ? "route" : "page"}`;
}

/**
 * Runs `fn` inside one request, as Next's server runs a page, route handler or server action:
 * headers() and cookies() answer this request's, revalidatePath()/revalidateTag() record their
 * tags and are executed against the incremental cache when `fn` is done. Each call is its own
 * request (its own async context), so concurrent calls never see each other's cookie.
 */
export async function runInRequest<T>(options: RequestOptions, fn: () => T | Promise<T>): Promise<T> {
  return (await runRequest(options, fn)).result;
}

/** runInRequest, with what the request left behind (for tests that check it). */
export async function runRequest<T>(
  { cookie, url, headers: extraHeaders, route = "/", kind = "action" }: RequestOptions,
  fn: () => T | Promise<T>,
): Promise<RequestOutcome & { result: T }> {
  const requestUrl = new URL(url ?? route, "http://localhost");
  const headers = new Headers(extraHeaders);
  headers.set("host", requestUrl.host);
  if (cookie) headers.set("cookie", cookie);
  const page = pageOf(route, kind);

  const setCookies: string[] = [];
  const closeCallbacks: Array<() => void> = [];
  const waitUntil: Promise<unknown>[] = [];
  const afterErrors: unknown[] = [];
  const renderOpts = {
    cacheLifeProfiles: nextConfig.cacheLife,
    staticPageGenerationTimeout: nextConfig.staticPageGenerationTimeout,
    incrementalCache: incrementalCache(headers),
    isOnDemandRevalidate: false,
    cacheComponents: nextConfig.cacheComponents ?? false,
    validationLevel: nextConfig.experimental.instantInsights.validationLevel,
    experimental: {
      isRoutePPREnabled: false,
      authInterrupts: !!nextConfig.experimental.authInterrupts,
      useCacheTimeout: nextConfig.experimental.useCacheTimeout,
      durableUseCacheEntries: Boolean(nextConfig.experimental.durableUseCacheEntries),
    },
    assetPrefix: nextConfig.assetPrefix,
    isBuildTimePrerendering: false,
    isDraftMode: false,
    // after(): its callbacks run once the response is done, which here is when `fn` is.
    waitUntil: (promise: Promise<unknown>) => void waitUntil.push(promise),
    onClose: (callback: () => void) => void closeCallbacks.push(callback),
    onAfterTaskError: (error: unknown) => void afterErrors.push(error),
  } as Parameters<typeof createWorkStore>[0]["renderOpts"];
  const workStore: WorkStore = createWorkStore({
    page,
    renderOpts,
    buildId,
    deploymentId: "",
    previouslyRevalidatedTags: [],
  });
  const implicitTags = await getImplicitTags(page, requestUrl.pathname, null);
  const requestStore: RequestStore = createRequestStoreForAPI(
    { headers } as Parameters<typeof createRequestStoreForAPI>[0],
    requestUrl as unknown as Parameters<typeof createRequestStoreForAPI>[1],
    implicitTags,
    // Each call has every cookie set so far: the response's Set-Cookie header, replaced (as Next's
    // res.setHeader does), not appended to.
    (cookies) => void setCookies.splice(0, setCookies.length, ...cookies),
    previewProps,
    undefined,
  );
  // A page renders (Next's createRequestStoreForRender starts there); actions and route handlers act.
  if (kind === "page") requestStore.phase = "render";
  const actionStore = { isAction: kind === "action", isAppRoute: kind === "route" };

  const revalidatedTags: string[] = [];
  let result: T;
  try {
    result = await actionAsyncStorage.run(actionStore, () =>
      workUnitAsyncStorage.run(requestStore, () => workAsyncStorage.run(workStore, fn)),
    );
  } finally {
    // What the action handler does after the action, redirect() included: the revalidations it
    // asked for are executed; then the response is done and after() callbacks run.
    revalidatedTags.push(...(workStore.pendingRevalidatedTags ?? []).map((item) => item.tag));
    await executeRevalidates(workStore);
    for (const callback of closeCallbacks.splice(0)) callback();
    await Promise.all(waitUntil);
  }
  if (afterErrors.length > 0) throw new AggregateError(afterErrors, "an after() task of the request failed");
  return { result, setCookies, revalidatedTags };
}
