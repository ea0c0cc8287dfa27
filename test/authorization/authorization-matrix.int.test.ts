// The authorization matrix (issue 10 acceptance): every page, route handler and server action
// found in app/ at run time × {anonymous, customer of the owning organization, customer of another
// organization, support, admin}, each cell on a fresh request in real PostgreSQL, compared with
// the one table in ./expectations.ts. Nothing is replaced: each cell runs in its own Next.js
// request scope (test/support/request-scope.ts) sending the persona's real session cookie
// (test/support/session-cookie.ts) — or none — so the session read, guards, scope in the queries,
// the action wrapper, the domain and cache revalidation are all the real code.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appEntries, concretePath } from "@/test/support/app-tree";
import { renderServerTree } from "@/test/support/render-server-tree";
import { type RequestKind, runInRequest } from "@/test/support/request-scope";
import { type SignedInUser, signedInCookie } from "@/test/support/session-cookie";
import { setTestEnv } from "@/test/support/test-env";
import {
  defaultCell,
  EXPECTATIONS,
  type Fixture,
  NOT_IN_MATRIX,
  PERSONAS,
  type Persona,
} from "./expectations";

// Every cell files a fresh request in the one owning organization.
setTestEnv({ MAX_OPEN_REQUESTS_PER_ORGANIZATION: "100000" });
// forbidden() is behind this flag, which next.config.ts's experimental.authInterrupts sets in a build.
setTestEnv({ __NEXT_EXPERIMENTAL_AUTH_INTERRUPTS: "true" });

const { db } = await import("@/lib/db");
const { stopBoss } = await import("@/lib/queue/boss");
const { sealTunnelPsk } = await import("@/lib/crypto/tunnel-psk");
const { createOrganization, createUser } = await import("@/test/support/factories");
const { createVpnRequest } = await import("@/lib/vpn-request/create-vpn-request");

const settings = {
  allowDocumentationIps: true,
  supportedRegions: ["us-west-2", "eu-west-1", "ap-southeast-2"],
  platformAsn: 64512,
};

type People = Record<Exclude<Persona, "anonymous">, SignedInUser> & {
  ownerOrgId: string;
};
let people: People;
/** Each customer organization's confirmed alert address (the settings form keeps it). */
const alertAddress: Partial<Record<Persona, string>> = {};

beforeAll(async () => {
  const ownerOrg = await createOrganization("ENTERPRISE");
  const strangerOrg = await createOrganization("ENTERPRISE");
  for (const org of [ownerOrg, strangerOrg]) {
    await db.organization.update({
      where: { id: org.id },
      data: { notificationEmails: [`alerts-${org.id.slice(0, 6)}@example.test`] },
    });
    await db.alertEmailConfirmation.create({
      data: {
        organizationId: org.id,
        email: `alerts-${org.id.slice(0, 6)}@example.test`,
        tokenHash: randomUUID(),
        confirmedAt: new Date(),
      },
    });
  }
  alertAddress.owner = `alerts-${ownerOrg.id.slice(0, 6)}@example.test`;
  alertAddress.stranger = `alerts-${strangerOrg.id.slice(0, 6)}@example.test`;
  people = {
    ownerOrgId: ownerOrg.id,
    owner: await createUser("CUSTOMER", ownerOrg.id),
    stranger: await createUser("CUSTOMER", strangerOrg.id),
    support: await createUser("SUPPORT", null),
    admin: await createUser("ADMIN", null),
  };
});

afterAll(async () => {
  await stopBoss();
});

/**
 * The Cookie header of the persona's browser: none for anonymous, else a sign-in just now (as its
 * user was created, session version 0) with the second factor given (staff need it, issue 15).
 */
async function cookieOf(persona: Persona): Promise<string | undefined> {
  if (persona === "anonymous") return undefined;
  return signedInCookie(people[persona], { secondFactorVerified: true });
}

async function requestIn(fixture: Fixture): Promise<string> {
  const { id } = await createVpnRequest(
    {
      customerName: `Matrix ${randomUUID().slice(0, 6)}`,
      orgId: people.ownerOrgId,
      location: "ie-dub",
      region: "eu-west-1",
      customerGatewayIp: "198.51.100.77",
      routing: "STATIC",
      subnetRanges: ["10.77.0.0/16"],
      bgpAsn: null,
      advertisedNetworks: [],
      ikeVersion: "IKEV2",
      tunnelCount: 2,
    },
    { id: people.owner.id, email: people.owner.email, organizationId: people.ownerOrgId },
    settings,
  );
  if (fixture === "PENDING_APPROVAL") return id;
  if (fixture === "FAILED") {
    await db.vpnRequest.update({
      where: { id },
      data: {
        status: "FAILED",
        failedStep: "create-vpc",
        failureMessage: "VpcLimitExceeded",
        failedAt: new Date(),
      },
    });
    return id;
  }
  await db.vpnRequest.update({
    where: { id },
    data: {
      status: "ACTIVE",
      platformVpcCidr: "10.200.0.0/16",
      platformAsn: 64512,
      vpnConnectionId: `vpn-${randomUUID().replace(/-/g, "").slice(0, 17)}`,
    },
  });
  for (const number of [1, 2]) {
    await db.tunnel.create({
      data: {
        requestId: id,
        number,
        insideCidr: `169.254.${10 + number}.0/30`,
        outsideIp: `203.0.113.${number}`,
        pskEncrypted: sealTunnelPsk(id, number, `matrix_psk_${number}_abcdefghij`),
        status: "UP",
      },
    });
  }
  if (fixture === "GATEWAY_CHANGE" || fixture === "FAILED_CHANGE") {
    const change = await db.vpnChange.create({
      data:
        fixture === "GATEWAY_CHANGE"
          ? {
              requestId: id,
              kind: "CUSTOMER_GATEWAY",
              status: "AWAITING_APPROVAL",
              requested: { customerGatewayIp: "198.51.100.79", previousCustomerGatewayIp: "198.51.100.77" },
              requestedById: people.owner.id,
            }
          : {
              requestId: id,
              kind: "ROUTES",
              status: "FAILED",
              requested: { subnetRanges: ["10.79.0.0/16"], add: ["10.79.0.0/16"], remove: ["10.77.0.0/16"] },
              requestedById: people.owner.id,
              error: "applyRoutes: RouteLimitExceeded",
            },
    });
    changeOf.set(id, change.id);
  }
  return id;
}

/** The day-2 change each fixture request carries (GATEWAY_CHANGE, FAILED_CHANGE). */
const changeOf = new Map<string, string>();

function formFor(kind: string | undefined, requestId: string, persona: Persona): FormData {
  const form = new FormData();
  if (kind === "none") return form;
  if (kind === "vpn-request") {
    const values = {
      customerName: "Matrix site",
      orgId: people.ownerOrgId,
      location: "ie-dub",
      region: "eu-west-1",
      customerGatewayIp: "198.51.100.78",
      routing: "STATIC",
      subnetRanges: "10.78.0.0/16",
      bgpAsn: "",
      advertisedNetworks: "",
      ikeVersion: "IKEV2",
      tunnelCount: "2",
    };
    for (const [key, value] of Object.entries(values)) form.set(key, value);
    return form;
  }
  if (kind === "notifications") {
    form.set("notificationEmails", alertAddress[persona] ?? "noc@example.test");
    form.set("webhookUrl", "");
    form.set("webhookSecret", "");
    return form;
  }
  form.set("requestId", requestId);
  if (kind === "reason") form.set("reason", "The subnet overlaps the platform range; pick another one.");
  if (kind === "routes") form.set("subnetRanges", "10.77.0.0/16\n10.78.0.0/16");
  if (kind === "gateway") form.set("customerGatewayIp", "198.51.100.99");
  if (kind === "change" || kind === "change-reason") form.set("changeId", changeOf.get(requestId) ?? "");
  if (kind === "change-reason")
    form.set("reason", "That address is not the customer's; ask them to check it.");
  if (kind === "tunnel-options") {
    form.set("ikeVersion", "IKEV1");
    form.set("dpdTimeoutAction", "clear");
  }
  return form;
}

/** A thrown Next.js interrupt (redirect, notFound, forbidden) as an answer. */
function interruptAnswer(error: unknown): string {
  const digest = (error as { digest?: string } | null)?.digest ?? "";
  if (digest.startsWith("NEXT_REDIRECT")) return `redirect:${digest.split(";")[2]}`;
  if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") return "not-found";
  if (digest === "NEXT_HTTP_ERROR_FALLBACK;403") return "forbidden";
  if (digest === "NEXT_HTTP_ERROR_FALLBACK;401") return "unauthorized";
  throw error;
}

function actionAnswer(state: { ok: boolean; message?: string; errors?: Record<string, string[]> }): string {
  if (state.ok) return "ok";
  if (state.message?.startsWith("Your session has ended")) return "session";
  if (state.message === "Your role does not allow this action.") return "role";
  if (state.message?.includes("was not found")) return "not-found";
  if (state.errors && Object.keys(state.errors).length > 0) return "invalid";
  return `refused: ${state.message ?? ""}`;
}

type Outcome = { key: string; persona: Persona; expected: string; actual: string };

describe("authorization matrix", () => {
  it("answers every page, route handler and server action as the table says, for every persona", async () => {
    const outcomes: Outcome[] = [];
    const skipped: string[] = [];
    for (const entry of appEntries()) {
      if (NOT_IN_MATRIX[entry.pattern]) {
        skipped.push(entry.pattern);
        continue;
      }
      const module = (await import(/* @vite-ignore */ entry.file)) as Record<string, unknown>;
      const targets: Array<{
        key: string;
        kind: "page" | "route" | "action";
        /** The cell's answer, called inside the persona's request (a cookie or none). */
        call: (id: string, persona: Persona, cookie: string | undefined) => Promise<string>;
      }> = [];
      if (entry.kind === "page") {
        const page = module.default as (props: unknown) => Promise<unknown>;
        targets.push({
          key: entry.pattern,
          kind: "page",
          call: async (id) => {
            try {
              await renderServerTree(
                page({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) }),
              );
              return "ok";
            } catch (error) {
              return interruptAnswer(error);
            }
          },
        });
      } else if (entry.kind === "route") {
        for (const method of entry.methods) {
          const handler = module[method] as (request: Request, context: unknown) => Promise<Response>;
          targets.push({
            key: entry.methods.length > 1 ? `${entry.pattern} ${method}` : entry.pattern,
            kind: "route",
            call: async (id, _persona, cookie) => {
              const url = `http://localhost${concretePath(entry.pattern, { id, format: "strongswan" })}`;
              try {
                const headers: HeadersInit = cookie ? { cookie } : {};
                const response = await handler(new Request(url, { method, headers }), {
                  params: Promise.resolve({ id, format: "strongswan" }),
                });
                return String(response.status);
              } catch (error) {
                return interruptAnswer(error);
              }
            },
          });
        }
      } else {
        for (const [name, value] of Object.entries(module)) {
          if (typeof value !== "function") continue;
          const action = value as (
            state: unknown,
            form: FormData,
          ) => Promise<{ ok: boolean; message?: string }>;
          const key = `${entry.pattern}#${name}`;
          targets.push({
            key,
            kind: "action",
            call: async (id, persona) => {
              try {
                return actionAnswer(
                  await action(
                    { ok: false },
                    formFor((EXPECTATIONS[key] ?? defaultCell(key, "action")).form, id, persona),
                  ),
                );
              } catch (error) {
                // redirect() after a successful write is success; any other interrupt is its own answer.
                const answer = interruptAnswer(error);
                return answer.startsWith("redirect:") ? "ok" : answer;
              }
            },
          });
        }
      }
      for (const target of targets) {
        const cell = EXPECTATIONS[target.key] ?? defaultCell(target.key, target.kind);
        for (const persona of PERSONAS) {
          const id = await requestIn(cell.fixture);
          // The cell's own request: the persona's cookie, the entry's URL, page render or action or
          // route handler as Next tells them apart (an action is posted to its page's URL).
          const cookie = await cookieOf(persona);
          const url = `http://localhost${concretePath(entry.pattern, { id, format: "strongswan" })}`;
          const kind: RequestKind = target.kind;
          const answer = await runInRequest({ cookie, url, route: entry.pattern, kind }, () =>
            target.call(id, persona, cookie),
          );
          // Redirects to the cell's own request read as its route pattern ("/support/requests/[id]").
          const actual = answer.replaceAll(id, "[id]");
          outcomes.push({ key: target.key, persona, expected: cell.expect[persona], actual });
        }
      }
    }
    const unexpected = outcomes.filter((outcome) => outcome.actual !== outcome.expected);
    const keys = new Set(outcomes.map((outcome) => outcome.key));
    console.log(
      `[authorization matrix] ${keys.size} pages/routes/actions × ${PERSONAS.length} personas = ${outcomes.length} cells, ${unexpected.length} unexpected; not in the matrix: ${skipped.join(", ") || "none"}`,
    );
    for (const outcome of unexpected)
      console.log(
        `  unexpected: ${outcome.key} as ${outcome.persona}: ${outcome.actual} (expected ${outcome.expected})`,
      );
    const unnamed = [...keys].filter((key) => !EXPECTATIONS[key]);
    if (unnamed.length > 0) console.log(`  judged by the default rule of their place: ${unnamed.join(", ")}`);
    expect(unexpected).toEqual([]);
    expect(outcomes.length).toBeGreaterThanOrEqual(100);
  });
});
