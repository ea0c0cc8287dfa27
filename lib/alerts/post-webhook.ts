import "server-only";
import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { formatDeliveryError, type WebhookFailure } from "@/lib/alerts/delivery-error";
import { classifyAddress, isInternalHostName, parseAddress } from "@/lib/net/classify-address";

// Outbound webhooks, checked at delivery (issue 10, DESIGN §13): the URL's host is resolved here,
// every address it resolves to must be global unicast, and the connection goes to the address
// that was checked (the socket's lookup is pinned to it: no second resolution, so DNS rebinding
// has nothing to rebind). Redirects are not followed. Failures come back as a class the customer
// may see ("refused: private address", "timeout", "HTTP 500") and a detail for staff.

export type Resolver = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export type { WebhookFailure };
export type WebhookOutcome = { ok: true; status: number; address: string } | ({ ok: false } & WebhookFailure);

export type PostWebhookOptions = {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Development and tests only (ALLOW_LOCAL_WEBHOOKS): loopback/private targets and plain http. */
  allowLocal: boolean;
  resolver?: Resolver;
};

const refuse = (errorClass: string, detail: string): WebhookOutcome => ({ ok: false, errorClass, detail });

/** Which address to connect to, or why not: the whole SSRF decision, before any socket opens. */
export async function resolveWebhookTarget(
  target: string,
  options: Pick<PostWebhookOptions, "allowLocal" | "resolver">,
): Promise<{ ok: true; url: URL; address: string; family: 4 | 6 } | ({ ok: false } & WebhookFailure)> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return { ok: false, errorClass: "refused: invalid URL", detail: "the stored webhook URL does not parse" };
  }
  if (url.protocol !== "https:" && !(options.allowLocal && url.protocol === "http:")) {
    return { ok: false, errorClass: "refused: not https", detail: `scheme ${url.protocol}` };
  }
  if (url.username || url.password) {
    return { ok: false, errorClass: "refused: credentials in URL", detail: "user info in the URL" };
  }
  const host = url.hostname;
  const literal = parseAddress(host);
  let candidates: Array<{ address: string; family: number }>;
  if (literal) {
    candidates = [{ address: literal.toString(), family: literal.kind() === "ipv4" ? 4 : 6 }];
  } else {
    if (!options.allowLocal && isInternalHostName(host)) {
      return {
        ok: false,
        errorClass: "refused: private address",
        detail: `${host} is an internal host name`,
      };
    }
    try {
      candidates = await (options.resolver ?? systemResolver)(host.replace(/\.$/, ""));
    } catch (error) {
      const code = (error as { code?: string }).code ?? "error";
      return { ok: false, errorClass: "DNS: name not resolved", detail: `${host}: ${code}` };
    }
    if (candidates.length === 0) {
      return { ok: false, errorClass: "DNS: name not resolved", detail: `${host}: no addresses` };
    }
  }
  const checked = [];
  for (const candidate of candidates) {
    const address = parseAddress(candidate.address);
    if (!address) {
      return { ok: false, errorClass: "refused: private address", detail: `${host} → ${candidate.address}` };
    }
    const classified = classifyAddress(address);
    // One inward address among outward ones is enough to refuse: the connection could go to any.
    if (!classified.global && !options.allowLocal) {
      return {
        ok: false,
        errorClass: "refused: private address",
        detail: `${host} → ${classified.address} is ${classified.description}`,
      };
    }
    checked.push(classified);
  }
  const [first] = checked;
  if (!first) return { ok: false, errorClass: "DNS: name not resolved", detail: `${host}: no addresses` };
  return { ok: true, url, address: first.address, family: first.family };
}

/** POSTs the body to the webhook, connecting only to the checked address. */
export async function postWebhook(target: string, options: PostWebhookOptions): Promise<WebhookOutcome> {
  const resolved = await resolveWebhookTarget(target, options);
  if (!resolved.ok) return resolved;
  const { url, address, family } = resolved;
  // The socket asks this instead of DNS, so it connects to exactly the address checked above.
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise<WebhookOutcome>((settle) => {
    // One deadline for the whole exchange, not the socket's idle timeout: a receiver that drips
    // its status line a byte at a time would keep an idle timer from ever firing (and would hold
    // its organization's webhook lease, lib/alerts/webhook-lease.ts, past its term).
    const deadline = setTimeout(() => {
      request.destroy();
      resolve(refuse("timeout", `no answer from ${address} within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    const resolve = (outcome: WebhookOutcome) => {
      clearTimeout(deadline);
      settle(outcome);
    };
    const request = client.request(
      url,
      {
        method: "POST",
        headers: { ...options.headers, "content-length": Buffer.byteLength(options.body) },
        lookup: pinned,
        // TLS still checks the certificate against the URL's host name (SNI = that name).
        servername: parseAddress(url.hostname) ? undefined : url.hostname,
      },
      (response) => {
        response.resume(); // the body is not read: only the status matters
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve({ ok: true, status, address });
        else if (status >= 300 && status < 400)
          resolve(refuse(`HTTP ${status}`, `redirect to ${response.headers.location ?? "?"} not followed`));
        else resolve(refuse(`HTTP ${status}`, `The receiver answered HTTP ${status}.`));
      },
    );
    request.on("error", (error: NodeJS.ErrnoException) => {
      const tls = /SSL|TLS|CERT|certificate|wrong version/i.test(`${error.code ?? ""} ${error.message}`);
      resolve(
        refuse(
          tls ? "TLS error" : "connection failed",
          `${address}: ${error.code ?? ""} ${error.message}`.trim(),
        ),
      );
    });
    request.end(options.body);
  });
}

export { formatDeliveryError };
