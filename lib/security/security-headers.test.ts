// The headers every route gets (issue 10): the proxy's function run for each page, route handler
// and action path found in app/, its matcher shown to cover each of them, and the static headers
// for build assets from next.config.ts. The e2e spec e2e/security-headers.spec.ts checks the same
// list against the production server.

import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { appEntries, concretePath } from "@/test/support/app-tree";
import { defaultTestEnv } from "@/test/support/test-env";

vi.mock("next-auth", () => ({ default: () => ({ auth: (handler: unknown) => handler }) }));

let proxyModule: typeof import("@/proxy");
let nextConfig: typeof import("@/next.config").default;

beforeAll(async () => {
  defaultTestEnv({
    DATABASE_URL: "postgresql://localhost:5432/unused",
    AUTH_SECRET: "unit-test-secret-unit-test-secret-0123",
  });
  proxyModule = await import("@/proxy");
  nextConfig = (await import("@/next.config")).default;
});

const REQUIRED = [
  "content-security-policy",
  "x-content-type-options",
  "referrer-policy",
  "permissions-policy",
  "x-frame-options",
] as const;

describe("security headers", () => {
  it("are set on every page, route handler and action path of the app tree", () => {
    const entries = appEntries();
    const matcher = proxyModule.config.matcher[0]?.source ?? "";
    const matches = new RegExp(`^${matcher}$`);
    const paths = [
      ...new Set(
        entries.map((entry) =>
          concretePath(entry.pattern, { id: crypto.randomUUID(), format: "strongswan" }),
        ),
      ),
    ];
    expect(paths.length).toBeGreaterThan(15);
    for (const path of paths) {
      expect(matches.test(path), `${path} is not matched by proxy.ts`).toBe(true);
      const response = proxyModule.withSecurityHeaders(new NextRequest(`http://localhost:3000${path}`));
      for (const name of REQUIRED) expect(response.headers.get(name), `${name} on ${path}`).toBeTruthy();
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(csp).not.toContain("unsafe-eval");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      // Plain http (local): no HSTS.
      expect(response.headers.get("strict-transport-security")).toBeNull();
    }
    console.log(
      `[headers] ${paths.length} paths from the app tree carry CSP, nosniff, Referrer-Policy, Permissions-Policy, X-Frame-Options`,
    );
  });

  it("use a fresh nonce per request, passed to Next.js on the request", () => {
    const first = proxyModule.withSecurityHeaders(new NextRequest("http://localhost:3000/requests"));
    const second = proxyModule.withSecurityHeaders(new NextRequest("http://localhost:3000/requests"));
    const nonce = (response: Response) =>
      response.headers.get("content-security-policy")?.match(/'nonce-([^']+)'/)?.[1];
    expect(nonce(first)).toBeTruthy();
    expect(nonce(first)).not.toBe(nonce(second));
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce(first));
  });

  it("add HSTS when served over https (directly or behind a TLS proxy)", () => {
    const direct = proxyModule.withSecurityHeaders(new NextRequest("https://vpn.example.com/requests"));
    const proxied = proxyModule.withSecurityHeaders(
      new NextRequest("http://10.0.0.5:3000/requests", { headers: { "x-forwarded-proto": "https" } }),
    );
    for (const response of [direct, proxied]) {
      expect(response.headers.get("strict-transport-security")).toMatch(/max-age=\d{8}/);
      expect(response.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    }
  });

  it("give build assets the static headers (next.config.ts)", async () => {
    const rules = (await nextConfig.headers?.()) ?? [];
    const assets = rules.find((rule) => rule.source === "/_next/:path*");
    const names = (assets?.headers ?? []).map((header) => header.key.toLowerCase());
    for (const name of ["x-content-type-options", "referrer-policy", "permissions-policy", "x-frame-options"])
      expect(names).toContain(name);
  });
});

describe("the CSP with single sign-on (issue 15)", () => {
  it("lets a form post be redirected to the identity provider, and nothing else changes", async () => {
    const { contentSecurityPolicy } = await import("@/lib/security/security-headers");
    const without = contentSecurityPolicy("n", { development: false, https: false });
    const withSso = contentSecurityPolicy("n", {
      development: false,
      https: false,
      ssoOrigin: "https://idp.example",
    });
    expect(without).toContain("form-action 'self';");
    expect(withSso).toContain("form-action 'self' https://idp.example;");
    expect(withSso.replace(" https://idp.example", "")).toBe(without);
  });
});
