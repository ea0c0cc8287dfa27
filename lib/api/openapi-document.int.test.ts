// The OpenAPI document against a maintained validator, against the app tree (every /api/v1 route
// is documented, and nothing else is), and against the API's actual answers (each documented
// operation called for real, its answer checked against the documented schema of its status).
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runWorkflow } from "@/lib/provisioning/run-workflow";
import { approveVpnRequest } from "@/lib/vpn-request/decide-vpn-request";
import { callApi, findAppRoutes, tokenFor } from "@/test/support/api";
import { startEmulatorForApp } from "@/test/support/emulator";
import { createOrganization, createUser, customerViewer, staffViewer } from "@/test/support/factories";

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
};

let doc: Doc;
beforeAll(async () => {
  await startEmulatorForApp();
  const response = await callApi("GET", "/openapi.json");
  expect(response.status).toBe(200);
  doc = (await response.json()) as Doc;
});

const METHODS = ["get", "post", "put", "patch", "delete"];

function documentedOperations() {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((method) => METHODS.includes(method))
      .map((method) => ({ path, method: method.toUpperCase() })),
  );
}

function pointer(...parts: string[]) {
  return parts.map((part) => part.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");
}

function responseValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(doc as object, "openapi.json", undefined, false);
  return (path: string, method: string, status: number, body: unknown) => {
    const spec = doc.paths[path]?.[method.toLowerCase()]?.responses[String(status)];
    expect(spec, `${method} ${path} answered ${status}, which is not documented`).toBeDefined();
    const validate = ajv.getSchema(
      `openapi.json#/${pointer("paths", path, method.toLowerCase(), "responses", String(status), "content", "application/json", "schema")}`,
    );
    if (!validate) throw new Error(`no JSON schema documented for ${method} ${path} ${status}`);
    const valid = validate(body);
    expect(
      validate.errors ?? [],
      `${method} ${path} ${status}: ${JSON.stringify(body).slice(0, 300)}`,
    ).toEqual([]);
    expect(valid).toBe(true);
  };
}

describe("OpenAPI document of /api/v1", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const result = await new Validator().validate(doc as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("documents every route of the app tree under app/api/v1, and only those", async () => {
    const inTree = (await findAppRoutes()).flatMap((route) =>
      route.methods.map((method) => `${method} ${route.path}`),
    );
    const inDocument = documentedOperations().map(({ method, path }) => `${method} ${path}`);
    expect(inTree.length).toBeGreaterThanOrEqual(8);
    expect([...inDocument].sort()).toEqual([...inTree].sort());
  });

  it("answers every documented operation in the documented shape, errors included", async () => {
    const validate = responseValidator();
    const org = await createOrganization("ENTERPRISE");
    const viewer = customerViewer(await createUser("CUSTOMER", org.id));
    const token = await tokenFor(viewer);
    const staff = staffViewer(await createUser("SUPPORT", null));
    const body = (ip: string) => ({
      customerName: "Shape check",
      orgId: org.id,
      location: "ie-dub",
      region: "eu-west-1",
      customerGatewayIp: ip,
      routing: "BGP",
      bgpAsn: "65010",
      advertisedNetworks: "10.10.0.0/16",
      ikeVersion: "IKEV2",
      tunnelCount: "2",
    });
    const file = async (ip: string) => {
      const response = await callApi("POST", "/requests", { token, body: body(ip) });
      validate("/requests", "POST", response.status, await response.json());
      return (await db.vpnRequest.findFirstOrThrow({ where: { customerGatewayIp: ip } })).id;
    };
    const provisioned = await file("198.51.100.201");
    const pending = await file("198.51.100.202");
    await approveVpnRequest(provisioned, staff);
    expect(await runWorkflow(provisioned)).toBe("completed");

    const concrete: Record<string, { id: string; query?: string; body?: unknown }> = {
      "POST /requests": { id: "", body: body("198.51.100.203") },
      "GET /requests/{id}/configuration": { id: provisioned, query: "format=frr" },
      "POST /requests/{id}/cancel": { id: pending },
      "POST /requests/{id}/decommission": { id: provisioned },
    };
    // Decommission last: the other calls read the provisioned request first.
    const operations = documentedOperations().sort(
      (a, b) => Number(a.path.endsWith("/decommission")) - Number(b.path.endsWith("/decommission")),
    );
    for (const { method, path } of operations) {
      const call = concrete[`${method} ${path}`] ?? { id: provisioned };
      const url = `${path.replace("{id}", call.id)}${call.query ? `?${call.query}` : ""}`;
      const response = await callApi(method, url, { token, body: call.body });
      expect(response.status, `${method} ${url}`).toBeLessThan(300);
      const type = response.headers.get("content-type") ?? "";
      const documented = Object.keys(
        doc.paths[path]?.[method.toLowerCase()]?.responses[String(response.status)]?.content ?? {},
      );
      if (type.startsWith("application/json")) validate(path, method, response.status, await response.json());
      else
        expect(
          documented.some((media) => type.startsWith(media)),
          `${method} ${path}: ${type}`,
        ).toBe(true);

      if (path === "/openapi.json") continue;
      // The documented errors: no token, and (where there is an ID) someone else's or no request.
      const unauthorized = await callApi(method, url, { body: call.body });
      validate(path, method, unauthorized.status, await unauthorized.json());
      expect(unauthorized.status).toBe(401);
      if (path.includes("{id}")) {
        const missing = await callApi(method, url.replace(call.id, crypto.randomUUID()), { token });
        expect(missing.status).toBe(404);
        validate(path, method, missing.status, await missing.json());
      }
    }
  });
});
