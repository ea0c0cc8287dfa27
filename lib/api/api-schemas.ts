// The JSON API's response and parameter shapes (issue 15), as zod schemas: the route handlers parse
// parameters with them and the OpenAPI document (openapi-document.ts) is generated from them, so
// the document cannot describe an API other than the one served. Pure.
import { z } from "zod";
import { uuidField } from "@/lib/ids";
import { ROUTER_CONFIG_FORMATS } from "@/lib/router-config/formats";
import { TUNNEL_CAUSES } from "@/lib/tunnels/explain-tunnel-status";
import { VPN_STATUSES } from "@/lib/vpn-request/lifecycle";
import { IKE_VERSIONS } from "@/lib/vpn-request/schema";

export const API_ERROR_CODES = [
  "unauthorized",
  "validation_failed",
  "not_found",
  "conflict",
  "refused",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
  "internal",
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(API_ERROR_CODES),
      message: z.string().meta({ description: "What went wrong and what to do next, in words." }),
      field: z.string().optional().meta({ description: "The request field the message is about." }),
      fields: z
        .record(z.string(), z.array(z.string()))
        .optional()
        .meta({ description: "Every field with its messages (validation errors), as the form shows them." }),
    }),
  })
  .meta({ id: "Error", description: "Every error of the API has this shape." });

const dateTime = z.iso.datetime();
const status = z.enum(VPN_STATUSES);

export const requestIdParams = z.object({
  id: uuidField("That request ID is not valid.").meta({ description: "The request's ID (a UUID)." }),
});

export const vpnRequestSummarySchema = z
  .object({
    id: z.string(),
    customerName: z.string(),
    region: z.string(),
    routing: z.enum(["STATIC", "BGP"]),
    tunnelCount: z.number().int(),
    customerGatewayIp: z.string(),
    status,
    statusChangedAt: dateTime,
    submittedAt: dateTime,
  })
  .meta({ id: "VpnRequestSummary" });

export const vpnRequestSchema = vpnRequestSummarySchema
  .extend({
    organizationId: z.string(),
    location: z.string(),
    recommendedRegion: z.string(),
    estimatedRttMs: z.number().int(),
    subnetRanges: z.array(z.string()),
    bgpAsn: z.number().int().nullable(),
    advertisedNetworks: z.array(z.string()),
    ikeVersion: z.enum(IKE_VERSIONS),
    rejectionReason: z.string().nullable(),
    failedStep: z.string().nullable().meta({ description: "The provisioning step that failed, if any." }),
    platformVpcCidr: z.string().nullable(),
    vpnConnectionId: z.string().nullable(),
    capabilities: z.array(z.enum(["cancel", "decommission", "downloadConfiguration", "seeTunnels"])).meta({
      description:
        "What this token may do to the request in its current status (the portal's lifecycle rules, as the pages show them).",
    }),
  })
  .meta({ id: "VpnRequest" });

export const vpnRequestListSchema = z.object({ data: z.array(vpnRequestSummarySchema) });
export const vpnRequestResponseSchema = z.object({ data: vpnRequestSchema });

const timelineStatus = z.enum(["UP", "DOWN", "UNKNOWN"]);

export const connectionStateSchema = z
  .object({
    requestId: z.string(),
    status,
    tunnelCount: z.number().int(),
    redundancyMet: z.boolean(),
    lastPolledAt: dateTime.nullable(),
    windowFrom: dateTime,
    windowTo: dateTime,
    tunnels: z.array(
      z.object({
        number: z.number().int(),
        outsideIp: z.string().nullable(),
        status: timelineStatus,
        statusSince: dateTime.nullable(),
        statusMessage: z.string().nullable(),
        acceptedRouteCount: z.number().int().nullable(),
        explanation: z.object({
          cause: z.enum(TUNNEL_CAUSES),
          summary: z.string(),
          action: z.string().nullable(),
          evidence: z.object({ at: z.number(), detail: z.string() }).optional().meta({
            description: "The AWS tunnel-log event the cause was read from (time in ms, AWS's words).",
          }),
        }),
        logEvents: z
          .array(z.object({ timestamp: dateTime, logStream: z.string(), message: z.string() }))
          .meta({ description: "The tunnel's recent AWS tunnel-log events as published, newest first." }),
        availabilityPercent: z.number().nullable(),
        maintenance: z
          .object({ pending: z.string(), deadline: z.string().nullable() })
          .nullable()
          .meta({ description: "AWS's pending tunnel endpoint maintenance and its deadline; null: none." }),
        segments: z.array(z.object({ status: timelineStatus, from: dateTime, to: dateTime })),
        changes: z
          .array(
            z.object({ status: timelineStatus, statusMessage: z.string().nullable(), occurredAt: dateTime }),
          )
          .meta({ description: "The tunnel's last state changes in the window, newest first." }),
      }),
    ),
  })
  .meta({ id: "ConnectionState", description: "Tunnel state now and over the last 7 days." });

export const connectionStateResponseSchema = z.object({ data: connectionStateSchema });

export const configurationQuery = z.object({
  format: z
    .enum(ROUTER_CONFIG_FORMATS.map((format) => format.id) as [string, ...string[]], {
      error: `Choose a configuration format: ${ROUTER_CONFIG_FORMATS.map((format) => format.id).join(", ")}`,
    })
    .meta({ description: "The router's vendor and platform (FRR is offered for BGP connections only)." }),
  // Device parameters, as on the download page (lib/router-config/device-params.ts checks them);
  // omitted ones take the organization's non-colliding defaults.
  outside: z.string().max(64).optional().meta({ description: "Outside interface name." }),
  inside: z.string().max(64).optional().meta({ description: "Inside interface or zone." }),
  tunnel1: z.string().max(6).optional().meta({ description: "Tunnel 1 interface number." }),
  tunnel2: z.string().max(6).optional().meta({ description: "Tunnel 2 interface number." }),
  updown: z.string().max(200).optional().meta({ description: "Up/down script path (Linux formats)." }),
});

export const openApiDocumentSchema = z
  .looseObject({
    openapi: z.literal("3.1.0"),
    info: z.looseObject({ title: z.string() }),
    paths: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "OpenApiDocument" });
