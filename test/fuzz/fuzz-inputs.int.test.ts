// Property-based fuzzing (issue 10 acceptance) with fast-check: ≥ 10 000 generated inputs against
// the VPN request action (through the real action wrapper, schema and domain on PostgreSQL) and
// the JSON routes. Properties: never a server error, and every refusal names a field it is about.
// Every input is one request of a signed-in customer: a real session cookie in a real Next.js
// request scope (test/support/request-scope.ts), so revalidatePath() after a write is Next's own.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appEntries } from "@/test/support/app-tree";
import { runInRequest } from "@/test/support/request-scope";
import { signedInCookie } from "@/test/support/session-cookie";
import { setTestEnv } from "@/test/support/test-env";

setTestEnv({ MAX_OPEN_REQUESTS_PER_ORGANIZATION: "1000000" });

const { createVpnRequestAction } = await import("@/app/_actions/vpn-request-actions");
const { VPN_REQUEST_FIELDS } = await import("@/lib/vpn-request/schema");
const { createOrganization, createRequestRow, createUser } = await import("@/test/support/factories");

const ACTION_RUNS = 8000;
// A fixed seed keeps CI reproducible; FUZZ_SEED (read only here, in the test) explores others.
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const CONCURRENCY = 12;

/**
 * Runs the generated cases a few at a time (the database round trips dominate) and fails with the
 * first input that broke a property, shown as fast-check would.
 */
async function checkAll<T>(cases: T[], property: (input: T) => Promise<void>) {
  for (let start = 0; start < cases.length; start += CONCURRENCY) {
    const batch = cases.slice(start, start + CONCURRENCY);
    await Promise.all(
      batch.map(async (input) => {
        try {
          await property(input);
        } catch (error) {
          throw new Error(`property failed for input ${fc.stringify(input).slice(0, 2000)}`, {
            cause: error,
          });
        }
      }),
    );
  }
}
const ROUTE_RUNS = 2000;
const counts = { action: 0, route: 0, accepted: 0, refused: 0, serverErrors: 0 };
let orgId = "";
let ownRequestId = "";
/** The customer's session cookie, sent with every request. */
let cookie = "";

beforeAll(async () => {
  const org = await createOrganization("ENTERPRISE");
  orgId = org.id;
  const customer = await createUser("CUSTOMER", org.id);
  cookie = await signedInCookie(customer);
  ownRequestId = (
    await createRequestRow(org.id, customer.id, {
      customerName: "Fuzz own",
      subnetRanges: ["10.9.0.0/16"],
    })
  ).id;
});

afterAll(() => {
  console.log(
    `[fuzz] ${counts.action + counts.route} generated inputs (${counts.action} to createVpnRequestAction, ${counts.route} to the JSON routes): ${counts.accepted} accepted, ${counts.refused} refused naming a field, ${counts.serverErrors} server errors`,
  );
});

const nasty = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "-1",
  "0",
  "1e309",
  "NaN",
  "Infinity",
  "0x10",
  "__proto__",
  "constructor",
  "<script>alert(1)</script>",
  '\'; DROP TABLE "User"; --',
  "\u202e\u0301",
  "4294967295",
  "99999999999999999999999",
  "10.0.0.0/8\n".repeat(200),
  "a".repeat(20_000),
);
const anyText = fc.oneof(fc.string(), fc.string({ unit: "grapheme", maxLength: 300 }), nasty);

const valid = {
  customerName: "Fuzz site",
  location: "ie-dub",
  region: "eu-west-1",
  customerGatewayIp: "198.51.100.20",
  routing: "STATIC",
  subnetRanges: "10.20.0.0/16",
  bgpAsn: "",
  advertisedNetworks: "",
  ikeVersion: "IKEV2",
  tunnelCount: "2",
};
const plausible: Record<string, fc.Arbitrary<string>> = {
  customerName: fc.oneof(fc.constant("Plant A"), fc.string({ maxLength: 120 })),
  location: fc.constantFrom("ie-dub", "gb-lon", "us-west-2", "eu-west-1", "xx-nowhere", ""),
  region: fc.constantFrom("eu-west-1", "us-west-2", "ap-southeast-2", "us-east-1", "mars-1"),
  customerGatewayIp: fc.oneof(fc.ipV4(), fc.ipV6(), fc.constantFrom("192.168.1.1", "1.2.3", "52.14.7.20")),
  routing: fc.constantFrom("STATIC", "BGP", "static", "OSPF"),
  subnetRanges: fc.oneof(
    fc
      .array(fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 33 })), { maxLength: 120 })
      .map((list) => list.map(([ip, prefix]) => `${ip}/${prefix}`).join("\n")),
    fc.constantFrom("10.0.0.0/8", "0.0.0.0/0", "10.0.0.1/8", "10.0.0.0/8\n10.1.0.0/16"),
  ),
  bgpAsn: fc.oneof(fc.integer({ min: -5, max: 4_294_967_300 }).map(String), fc.constant("")),
  advertisedNetworks: fc.constantFrom("", "172.16.0.0/12", "169.254.0.0/16"),
  ikeVersion: fc.constantFrom("IKEV1", "IKEV2", "IKEV3"),
  tunnelCount: fc.constantFrom("1", "2", "3", "0", "two"),
};

// A valid form with some fields replaced (plausible or hostile values), some removed, and extra keys.
const formValues = fc
  .record({
    replace: fc.dictionary(
      fc.constantFrom(...Object.keys(valid)),
      fc.oneof(fc.constant(null), anyText, fc.constant("")),
      { maxKeys: 11 },
    ),
    plausibleKeys: fc.subarray(Object.keys(plausible)),
    plausibleValues: fc.record(plausible),
    orgId: fc.oneof(fc.constant("own"), fc.uuid(), anyText),
    extra: fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ maxLength: 50 }), { maxKeys: 3 }),
  })
  .map(({ replace, plausibleKeys, plausibleValues, orgId: org, extra }) => {
    const values: Record<string, string | null> = { ...extra, ...valid };
    for (const key of plausibleKeys) values[key] = plausibleValues[key as keyof typeof plausibleValues] ?? "";
    Object.assign(values, replace);
    values.orgId = org === "own" ? null : org; // null → filled with the caller's own below
    return values;
  });

describe("fuzzing", () => {
  it(`createVpnRequestAction: ${ACTION_RUNS} generated forms, no server error, every refusal names a field`, async () => {
    const fields = new Set<string>(VPN_REQUEST_FIELDS);
    await checkAll(fc.sample(formValues, { numRuns: ACTION_RUNS, seed: SEED }), async (values) => {
      const form = new FormData();
      for (const [key, value] of Object.entries(values)) {
        if (key === "orgId") form.set("orgId", value ?? orgId);
        else if (value !== null) form.set(key, value);
      }
      counts.action++;
      let state: { ok: boolean; message?: string; errors?: Record<string, string[]> };
      try {
        state = await runInRequest({ cookie, route: "/requests/new", kind: "action" }, () =>
          createVpnRequestAction({ ok: false }, form),
        );
      } catch (error) {
        // redirect() after a successful write is how the action says "created".
        if ((error as { digest?: string }).digest?.startsWith("NEXT_REDIRECT")) {
          counts.accepted++;
          return;
        }
        counts.serverErrors++;
        throw error;
      }
      if (state.message?.startsWith("Something went wrong")) counts.serverErrors++;
      expect(state.message ?? "").not.toMatch(/^Something went wrong/);
      expect(state.ok).toBe(false);
      const named = Object.keys(state.errors ?? {});
      expect(named.length, JSON.stringify(state)).toBeGreaterThan(0);
      for (const field of named) expect(fields.has(field), field).toBe(true);
      counts.refused++;
    });
  });

  it(`JSON routes: ${ROUTE_RUNS} generated ids, no server error, every refusal names the field`, async () => {
    const routes = appEntries().filter(
      (entry) => entry.kind === "route" && entry.pattern.startsWith("/api/requests"),
    );
    expect(routes.length).toBeGreaterThanOrEqual(2);
    const handlers = await Promise.all(
      routes.map(async (route) => ({
        pattern: route.pattern,
        GET: (await import(/* @vite-ignore */ route.file)).GET as (
          r: Request,
          c: unknown,
        ) => Promise<Response>,
      })),
    );
    const ids = fc.oneof(
      fc.constant("own"),
      fc.uuid(),
      fc.uuid().map((id) => id.toUpperCase()),
      anyText,
      fc.constantFrom("../../etc/passwd", "%00", "00000000-0000-0000-0000-000000000000", randomUUID()),
    );
    const cases = fc.sample(fc.tuple(ids, fc.nat({ max: handlers.length - 1 })), {
      numRuns: ROUTE_RUNS,
      seed: SEED,
    });
    await checkAll(cases, async ([generated, which]) => {
      const id = generated === "own" ? ownRequestId : generated;
      const handler = handlers[which];
      if (!handler) throw new Error("no handler");
      counts.route++;
      const url = "http://localhost/api/requests/x";
      const response = await runInRequest({ cookie, url, route: handler.pattern, kind: "route" }, () =>
        handler.GET(new Request(url, { headers: { cookie } }), { params: Promise.resolve({ id }) }),
      );
      if (response.status >= 500) counts.serverErrors++;
      expect([200, 404]).toContain(response.status);
      if (response.status === 404) {
        expect(await response.json()).toMatchObject({ field: "id" });
        counts.refused++;
      } else counts.accepted++;
    });
    expect(counts.action + counts.route).toBeGreaterThanOrEqual(10_000);
    expect(counts.serverErrors).toBe(0);
  });
});
