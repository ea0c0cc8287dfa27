// The OpenAPI 3.1 document of /api/v1, generated from the operations and their zod schemas
// (api-operations.ts, api-schemas.ts, the request form's makeVpnRequestSchema). Pure.
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import type { VpnRequestSettings } from "@/lib/vpn-request/schema";
import { API_ERROR_RESPONSES, API_OPERATIONS, type ApiOperation } from "./api-operations";
import { apiErrorSchema } from "./api-schemas";

export const API_BASE_PATH = "/api/v1";

function operationObject(operation: ApiOperation, settings: VpnRequestSettings): ZodOpenApiOperationObject {
  const responses: ZodOpenApiOperationObject["responses"] = {};
  for (const [status, spec] of Object.entries(operation.responses)) {
    responses[status as `${1 | 2 | 3 | 4 | 5}${string}`] =
      "schema" in spec
        ? { description: spec.description, content: { "application/json": { schema: spec.schema } } }
        : {
            description: spec.description,
            content: { [spec.text]: { schema: { type: "string" } } },
          };
  }
  if (!operation.public) {
    for (const [status, description] of Object.entries(API_ERROR_RESPONSES)) {
      responses[status as `4${string}`] = {
        description,
        content: { "application/json": { schema: apiErrorSchema } },
      };
    }
  }
  return {
    operationId: operation.operationId,
    ...(operation.public ? { security: [] } : {}),
    summary: operation.summary,
    description: operation.description,
    requestParams: {
      ...(operation.params ? { path: operation.params } : {}),
      ...(operation.query ? { query: operation.query } : {}),
    },
    requestBody: operation.body
      ? {
          required: true,
          content: {
            "application/json": {
              schema: operation.body(settings).meta({ id: `${operation.operationId}Body` }),
            },
          },
        }
      : undefined,
    responses,
  };
}

/** The document, for this deployment's request settings (regions in the descriptions). */
export function buildOpenApiDocument(settings: VpnRequestSettings) {
  const paths: ZodOpenApiPathsObject = {};
  for (const operation of API_OPERATIONS) {
    const method = operation.method.toLowerCase() as "get" | "post";
    paths[operation.path] = { ...paths[operation.path], [method]: operationObject(operation, settings) };
  }
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Site-to-Site VPN portal API",
      version: "1.0.0",
      description: `Your organization's VPN requests, tunnels and router configurations. Authenticate with an API token from the portal's “API tokens” page: \`Authorization: Bearer vpnp_…\`. A token acts as the customer who made it, with the same rules as the pages; another organization's IDs answer 404. Supported regions: ${settings.supportedRegions.join(", ")}.`,
    },
    servers: [{ url: API_BASE_PATH }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API token (vpnp_…)." } },
    },
    paths,
  });
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
