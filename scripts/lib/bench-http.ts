// HTTP side of `npm run bench`: signing in through the real sign-in form, and measuring one URL
// with autocannon (latency percentiles, requests/s) plus what one response weighs.
import autocannon from "autocannon";

export type Measurement = {
  name: string;
  path: string;
  status: number;
  p50: number;
  p975: number;
  p99: number;
  requestsPerSecond: number;
  /** Body bytes of one response (HTML or JSON). */
  bodyBytes: number;
  /** JavaScript the page's HTML loads (sum of its /_next/static script files); null for JSON. */
  scriptBytes: number | null;
  /** Requests of the measured run. */
  total: number;
  non2xx: number;
  errors: number;
};

/**
 * Signs in the way a browser without JavaScript does: GET /sign-in, post the form (its hidden
 * server-action fields, email and password) back to /sign-in, keep the session cookie it sets.
 */
export async function signInThroughForm(
  base: string,
  email: string,
  password: string,
  totpSecret?: string,
): Promise<string> {
  const form = await formOf(base, "/sign-in", "email");
  form.append("email", email);
  form.append("password", password);
  const answer = await fetch(`${base}/sign-in`, { method: "POST", body: form, redirect: "manual" });
  const cookie = sessionCookieOf(answer);
  if (!cookie) throw new Error(`sign-in as ${email} set no session cookie (${answer.status})`);
  if (!totpSecret) return cookie;
  // Staff give their second factor next (issue 15), through the /mfa form as a browser without
  // JavaScript posts it; the session it renews is the one measured.
  const { currentTotp } = await import("../../lib/auth/totp");
  const mfa = await formOf(base, "/mfa", "code", cookie);
  mfa.append("code", currentTotp(totpSecret));
  const verified = await fetch(`${base}/mfa`, {
    method: "POST",
    body: mfa,
    redirect: "manual",
    headers: { cookie },
  });
  // The answer may carry two session cookies (proxy.ts renews the one it was sent, the action sets
  // the verified one): the one that opens a staff page is the session.
  const candidates = sessionCookiesIn(verified.headers.getSetCookie());
  const probes: string[] = [];
  for (const candidate of candidates.reverse()) {
    const probe = await fetch(`${base}/support`, { headers: { cookie: candidate }, redirect: "manual" });
    if (probe.status === 200) return candidate;
    probes.push(`${probe.status} → ${probe.headers.get("location")}`);
  }
  throw new Error(
    `second factor of ${email}: no session cookie opens /support (${verified.status} → ${verified.headers.get("location")}, cookies ${verified.headers
      .getSetCookie()
      .map((line) => line.split("=")[0])
      .join(", ")}; probes ${probes.join(", ")}; form ${[...mfa.keys()].join(", ")})`,
  );
}

/** The hidden fields of the page's form that has a field named `field` (not the header's sign-out form). */
async function formOf(base: string, path: string, field: string, cookie?: string): Promise<FormData> {
  const page = await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {} });
  const html = await page.text();
  const chosen = [...html.matchAll(/<form[\s\S]*?<\/form>/g)]
    .map((match) => match[0])
    .find((candidate) => candidate.includes(`name="${field}"`));
  if (!chosen) throw new Error(`${path} has no form with a ${field} field`);
  const form = new FormData();
  for (const match of chosen.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(match[0])?.[1];
    const value = /value="([^"]*)"/.exec(match[0])?.[1] ?? "";
    if (name) form.append(name, decodeHtml(value));
  }
  return form;
}

/** The session cookie an autocannon response sets (its headers: an object, a value or a list per name). */
function renewedSessionCookie(headers: unknown): string | undefined {
  if (!headers || typeof headers !== "object") return undefined;
  const value = (headers as Record<string, unknown>)["set-cookie"];
  const lines = (Array.isArray(value) ? value : [value]).filter(
    (line): line is string => typeof line === "string",
  );
  return sessionCookieHeader(lines);
}

function sessionCookieOf(answer: Response): string | undefined {
  return sessionCookieHeader(answer.headers.getSetCookie());
}

/** A Cookie header of the session cookies that Set-Cookie lines set, or undefined when none. */
function sessionCookieHeader(lines: readonly string[]): string | undefined {
  const cookies = sessionCookiesIn(lines);
  return cookies.length > 0 ? cookies.join("; ") : undefined;
}

/** The session cookies (name=value) that Set-Cookie lines set; a cleared one (empty value) is none. */
function sessionCookiesIn(lines: readonly string[]): string[] {
  return lines
    .map((line) => line.split(";")[0] ?? "")
    .filter((cookie) => cookie.includes("session-token") && !cookie.endsWith("="));
}

function decodeHtml(value: string): string {
  return value
    .replaceAll("&quot;", '"')
    .replaceAll("&#x27;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}

const scriptSizes = new Map<string, number>();

async function scriptBytesOf(base: string, html: string): Promise<number> {
  let total = 0;
  const sources = new Set([...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((match) => match[1] ?? ""));
  for (const src of sources) {
    if (!src.startsWith("/_next/static/")) continue;
    let size = scriptSizes.get(src);
    if (size === undefined) {
      size = (await (await fetch(`${base}${src}`)).arrayBuffer()).byteLength;
      scriptSizes.set(src, size);
    }
    total += size;
  }
  return total;
}

export async function measure(options: {
  base: string;
  name: string;
  path: string;
  cookie: string;
  connections: number;
  durationSeconds: number;
}): Promise<Measurement> {
  const url = `${options.base}${options.path}`;
  const headers = { cookie: options.cookie };
  const probe = await fetch(url, { headers, redirect: "manual" });
  const body = await probe.text();
  const isHtml = (probe.headers.get("content-type") ?? "").includes("text/html");
  const scriptBytes = isHtml ? await scriptBytesOf(options.base, body) : null;
  // Each client keeps the session cookie the portal renews (proxy.ts, at most once a minute), as a
  // browser does: a cookie frozen at sign-in would be renewed on every request after a minute.
  type Client = { cookie?: string };
  const requests: autocannon.Request[] = [
    {
      setupRequest: (request, context) => ({
        ...request,
        headers: { ...headers, cookie: (context as Client).cookie ?? options.cookie },
      }),
      onResponse: (_status, _body, context, answer) => {
        const renewed = renewedSessionCookie(answer);
        if (renewed) (context as Client).cookie = renewed;
      },
    },
  ];
  // Warm-up: the first requests of a route compile nothing in production, but fill caches and pools.
  await autocannon({ url, requests, connections: options.connections, amount: options.connections * 5 });
  const result = await autocannon({
    url,
    requests,
    connections: options.connections,
    duration: options.durationSeconds,
  });
  return {
    name: options.name,
    path: options.path,
    status: probe.status,
    p50: result.latency.p50,
    p975: result.latency.p97_5,
    p99: result.latency.p99,
    requestsPerSecond: result.requests.average,
    bodyBytes: Buffer.byteLength(body),
    scriptBytes,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** A URL over several rounds: the median of each figure, and its p97.5 ratios to each round's floors. */
export type RoundsSummary = Measurement & { pageRatios: number[]; routeRatios: number[] };

/**
 * Rounds of the same URLs (`rounds[round][url]`, in the same order), each round with its own floors
 * (`floorPaths`): a ratio is taken within a round, so a slow minute of the machine moves a page and
 * its floor together; the table shows the median of the rounds and their spread.
 */
export function summarizeRounds(
  rounds: readonly (readonly Measurement[])[],
  floorPaths: { route: string; page: string },
): RoundsSummary[] {
  const [first = []] = rounds;
  const floor = (round: readonly Measurement[], path: string) =>
    round.find((row) => row.path === path)?.p975 ?? 0;
  return first.map((row, index) => {
    const runs = rounds.map((round) => round[index] ?? row);
    const ratio = (path: string) =>
      rounds.flatMap((round, r) => {
        const value = floor(round, path);
        return value > 0 ? [(runs[r]?.p975 ?? 0) / value] : [];
      });
    return {
      ...row,
      p50: median(runs.map((run) => run.p50)),
      p975: median(runs.map((run) => run.p975)),
      p99: median(runs.map((run) => run.p99)),
      requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
      total: runs.reduce((sum, run) => sum + run.total, 0),
      non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
      errors: runs.reduce((sum, run) => sum + run.errors, 0),
      pageRatios: ratio(floorPaths.page),
      routeRatios: ratio(floorPaths.route),
    };
  });
}

/** The median of a URL's per-round ratios, with their range when there were several rounds. */
function ratioCell(ratios: readonly number[]): string {
  if (ratios.length === 0) return "—";
  const shown = `${median(ratios).toFixed(2)}×`;
  if (ratios.length === 1) return shown;
  return `${shown} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`;
}

export function formatTable(rows: readonly RoundsSummary[]): string {
  const header = [
    "page",
    "status",
    "p50 ms",
    "p97.5 ms",
    "p99 ms",
    "req/s",
    "body",
    "JS",
    "p97.5 vs bare page",
    "p97.5 vs bare route",
    "non-2xx",
  ];
  const lines = rows.map((row) => [
    `${row.name} (${row.path})`,
    String(row.status),
    String(row.p50),
    String(row.p975),
    String(row.p99),
    row.requestsPerSecond.toFixed(0),
    kB(row.bodyBytes),
    row.scriptBytes === null ? "—" : kB(row.scriptBytes),
    ratioCell(row.pageRatios),
    ratioCell(row.routeRatios),
    String(row.non2xx + row.errors),
  ]);
  const table = [header, ...lines];
  const widths = header.map((_, column) => Math.max(...table.map((line) => (line[column] ?? "").length)));
  return table
    .map((line) => `| ${line.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(" | ")} |`)
    .join("\n");
}
