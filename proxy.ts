// Runs before every page, route handler and server action (Next.js 16 "proxy", formerly
// middleware): sets the security headers with a fresh CSP nonce (issue 10), and renews the session
// cookie through next-auth, so its expiry works as the idle timeout — at most once a minute per
// cookie (lib/auth/session-renewal.ts).
import { type NextFetchEvent, type NextRequest, NextResponse } from "next/server";
import NextAuth from "next-auth";
import { baseAuthConfig, secureCookies } from "@/lib/auth/auth-config";
import { sessionRenewal } from "@/lib/auth/session-renewal";
import { getEnv } from "@/lib/env";
import { securityHeaders } from "@/lib/security/security-headers";

const { auth } = NextAuth(() => baseAuthConfig());

export function withSecurityHeaders(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const https =
    request.nextUrl.protocol === "https:" ||
    request.headers.get("x-forwarded-proto")?.split(",")[0] === "https";
  const env = getEnv();
  const headers = securityHeaders({
    nonce,
    https,
    development: env.NODE_ENV === "development",
    ssoOrigin: env.OIDC_ISSUER ? new URL(env.OIDC_ISSUER).origin : undefined,
  });
  // Next.js reads the nonce from the request's CSP header and puts it on its own scripts.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"] ?? "");
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

// With a lazily built configuration (no secret needed at build time), next-auth's wrapper comes
// back as a promise of the handler.
const renewSession = auth((request) => withSecurityHeaders(request)) as unknown as Promise<
  (request: NextRequest, event: NextFetchEvent) => Promise<Response>
>;

export async function proxy(request: NextRequest, event: NextFetchEvent): Promise<Response> {
  const renewal = await sessionRenewal(request.cookies.getAll(), {
    secret: getEnv().AUTH_SECRET,
    secure: secureCookies(),
  });
  if (renewal !== "due") return withSecurityHeaders(request);
  const handler = await renewSession;
  return handler(request, event);
}

export const config = {
  // Everything but build assets (next.config.ts gives those the static headers).
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
