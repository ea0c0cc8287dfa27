// The security headers of every response (DESIGN §13, issue 10). Pure: proxy.ts sets them on
// pages, route handlers and actions with a fresh nonce; next.config.ts sets the static ones on
// files the proxy does not see (/_next/static…).

/** Headers that do not depend on the request. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
  // frame-ancestors 'none' in the CSP; this is for browsers that predate it.
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
};

export const HSTS = "max-age=63072000; includeSubDomains";

/**
 * A nonce-based policy: the app's scripts carry the nonce (Next.js reads it from this header),
 * and 'strict-dynamic' lets the chunks they load run; nothing else may. Styles are the app's own
 * stylesheet plus React's inline style attributes. Development adds 'unsafe-eval' for Turbopack.
 */
export function contentSecurityPolicy(
  nonce: string,
  options: { development: boolean; https: boolean; ssoOrigin?: string },
): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${options.development ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    // "Sign in with SSO" posts here and is redirected to the identity provider (issue 15); Chromium
    // applies form-action to that redirect too.
    `form-action 'self'${options.ssoOrigin ? ` ${options.ssoOrigin}` : ""}`,
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function securityHeaders(options: {
  nonce: string;
  https: boolean;
  development: boolean;
  ssoOrigin?: string;
}): Record<string, string> {
  return {
    ...STATIC_SECURITY_HEADERS,
    "Content-Security-Policy": contentSecurityPolicy(options.nonce, options),
    ...(options.https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}
