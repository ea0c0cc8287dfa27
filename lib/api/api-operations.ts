// Every operation of the JSON API under /api/v1, described once: the route handler parses with
// these schemas (lib/api/api-handler.ts) and the OpenAPI document is generated from the same
// objects (lib/api/openapi-document.ts). Pure.
import type { z } from "zod";
import type { CustomerViewer } from "@/lib/auth/viewer";
import { makeVpnRequestSchema, type VpnRequestSettings } from "@/lib/vpn-request/schema";
import {
  configurationQuery,
  connectionStateResponseSchema,
  openApiDocumentSchema,
  requestIdParams,
  vpnRequestListSchema,
  vpnRequestResponseSchema,
} from "./api-schemas";

export type ApiResponseSpec =
  | { description: string; schema: z.ZodType }
  | { description: string; text: string };

export type ApiOperation = {
  operationId: string;
  method: "GET" | "POST";
  /** OpenAPI path below /api/v1, with {placeholders}. */
  path: string;
  summary: string;
  description?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** The body's schema; the viewer is given when a request is served (e.g. its organization ID). */
  body?: (settings: VpnRequestSettings, viewer?: CustomerViewer) => z.ZodType;
  /** Success responses by status; the error responses are added to every operation. */
  responses: Record<number, ApiResponseSpec>;
  /** Audited as one "api.call" event (every mutating call, and configuration downloads). */
  audited: boolean;
  /** Served without a token (the document itself); every other operation needs one. */
  public?: boolean;
};

export const listRequests = {
  operationId: "listRequests",
  method: "GET",
  path: "/requests",
  summary: "List your organization's VPN requests",
  description: "Newest first.",
  responses: { 200: { description: "The requests.", schema: vpnRequestListSchema } },
  audited: false,
} as const satisfies ApiOperation;

export const createRequest = {
  operationId: "createRequest",
  method: "POST",
  path: "/requests",
  summary: "File a VPN request",
  description:
    "The same fields and rules as the portal's form, as strings (CIDR lists one per line). `orgId` must be your organization's ID. Field errors come back as `error.field` / `error.fields`.",
  body: (settings, viewer) => makeVpnRequestSchema({ ...settings, expectedOrgId: viewer?.organizationId }),
  responses: { 201: { description: "Filed; it waits for approval.", schema: vpnRequestResponseSchema } },
  audited: true,
} as const satisfies ApiOperation;

export const getRequest = {
  operationId: "getRequest",
  method: "GET",
  path: "/requests/{id}",
  summary: "Read one VPN request",
  params: requestIdParams,
  responses: { 200: { description: "The request.", schema: vpnRequestResponseSchema } },
  audited: false,
} as const satisfies ApiOperation;

export const getTunnels = {
  operationId: "getTunnels",
  method: "GET",
  path: "/requests/{id}/tunnels",
  summary: "Tunnel state and 7-day history of a connection",
  params: requestIdParams,
  responses: {
    200: { description: "Each tunnel's state and changes.", schema: connectionStateResponseSchema },
  },
  audited: false,
} as const satisfies ApiOperation;

export const getConfiguration = {
  operationId: "getConfiguration",
  method: "GET",
  path: "/requests/{id}/configuration",
  summary: "Download the router configuration",
  description:
    "The configuration file for one router format, with the pre-shared keys: keep it secret. 409 until the platform side is provisioned.",
  params: requestIdParams,
  query: configurationQuery,
  responses: { 200: { description: "The configuration file (an attachment).", text: "text/plain" } },
  audited: true,
} as const satisfies ApiOperation;

export const cancelRequest = {
  operationId: "cancelRequest",
  method: "POST",
  path: "/requests/{id}/cancel",
  summary: "Cancel a request still waiting for approval",
  params: requestIdParams,
  responses: { 200: { description: "Cancelled.", schema: vpnRequestResponseSchema } },
  audited: true,
} as const satisfies ApiOperation;

export const decommissionRequest = {
  operationId: "decommissionRequest",
  method: "POST",
  path: "/requests/{id}/decommission",
  summary: "Tear down a provisioned (or failed) VPN",
  description: "Starts the teardown; follow it with getRequest until the status is DECOMMISSIONED.",
  params: requestIdParams,
  responses: { 202: { description: "Decommissioning started.", schema: vpnRequestResponseSchema } },
  audited: true,
} as const satisfies ApiOperation;

export const getOpenApiDocument = {
  operationId: "getOpenApiDocument",
  method: "GET",
  path: "/openapi.json",
  summary: "This document (OpenAPI 3.1)",
  responses: { 200: { description: "The OpenAPI document.", schema: openApiDocumentSchema } },
  audited: false,
  public: true,
} as const satisfies ApiOperation;

/** In the document's order. */
export const API_OPERATIONS: readonly ApiOperation[] = [
  getOpenApiDocument,
  listRequests,
  createRequest,
  getRequest,
  getTunnels,
  getConfiguration,
  cancelRequest,
  decommissionRequest,
];

/** Status → when the API answers it (added to every operation's responses). */
export const API_ERROR_RESPONSES: Record<number, string> = {
  400: "A parameter or the body is invalid; `error.field` names the field.",
  401: "No token, or it is unknown, revoked or expired.",
  404: "No such request in your organization.",
  409: "The request's status does not allow this now (the message says which it is).",
  413: "The body is larger than 16 KiB.",
  415: "The body is not `application/json`.",
  422: "Refused for a reason that is not one field (e.g. your plan does not include VPNs).",
  429: "Too many calls with this token; wait `Retry-After` seconds.",
  500: "Something failed on our side; the message carries a reference for support.",
};
