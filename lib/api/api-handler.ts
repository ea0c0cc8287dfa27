import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { actorOf, type CustomerViewer } from "@/lib/auth/viewer";
import { type TokenViewer, viewerFromToken } from "@/lib/auth/viewer-from-token";
import { ConflictError, NotFoundError, UserFacingError } from "@/lib/errors";
import { getRequestSettings } from "@/lib/vpn-request/request-settings";
import type { ApiOperation } from "./api-operations";
import type { ApiErrorCode } from "./api-schemas";
import { consumeTokenRequest } from "./rate-limit-token";
import { readBoundedBody } from "./read-bounded-body";

/** Largest request body the API reads (a VPN request is well under 2 KiB). */
export const MAX_BODY_BYTES = 16 * 1024;

export type ApiContext<P, Q, B> = {
  viewer: CustomerViewer;
  params: P;
  query: Q;
  body: B;
  correlationId: string;
};

export type ApiResult = { status: number; body: unknown; headers?: Record<string, string> } | Response;

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;
type BodyOf<O extends ApiOperation> = O["body"] extends (...args: never[]) => infer S ? Infer<S> : undefined;

/** An error the handler (or the domain) raises to answer with a given code and status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
    readonly fields?: Record<string, string[]>,
  ) {
    super(message);
  }
}

/**
 * The one wrapper of every /api/v1 route: bearer token → the customer viewer it stands for (401
 * otherwise), the token's rate limit (429), path/query/body parsed with the operation's zod schemas
 * (400 naming the field; bodies bounded and JSON only), then the handler, which calls the same
 * domain functions as the pages. Domain errors become statuses (NotFoundError 404, ConflictError
 * 409, UserFacingError 400 with its field or 422); anything else is logged with the correlation ID
 * and answered 500 with that reference. Every answer is `{ error: { code, message, field? } }` on
 * failure, carries `X-Correlation-Id`, and is never cached.
 */
export function apiHandler<O extends ApiOperation>(
  operation: O,
  handler: (ctx: ApiContext<Infer<O["params"]>, Infer<O["query"]>, BodyOf<O>>) => Promise<ApiResult>,
) {
  return async function route(
    request: Request,
    context: { params: Promise<Record<string, string | string[]>> },
  ): Promise<Response> {
    const correlationId = randomUUID();
    let response: Response;
    try {
      response = await serve(operation, handler, request, context, correlationId);
    } catch (error) {
      response = errorResponse(toApiError(error, operation, correlationId));
    }
    return withHeaders(response, {
      "X-Correlation-Id": correlationId,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    });
  };
}

async function serve<O extends ApiOperation>(
  operation: O,
  handler: (ctx: ApiContext<Infer<O["params"]>, Infer<O["query"]>, BodyOf<O>>) => Promise<ApiResult>,
  request: Request,
  context: { params: Promise<Record<string, string | string[]>> },
  correlationId: string,
): Promise<Response> {
  const viewer = await authenticate(request);
  if (!viewer) {
    return withHeaders(
      errorResponse(
        new ApiError(
          401,
          "unauthorized",
          "Send a valid API token as “Authorization: Bearer vpnp_…”. It may have been revoked or have expired: create a new one on the “API tokens” page.",
        ),
      ),
      { "WWW-Authenticate": 'Bearer realm="vpn-portal"' },
    );
  }

  const limit = await consumeTokenRequest(viewer.apiToken.id);
  const limitHeaders = {
    "X-RateLimit-Limit": String(limit.limit),
    "X-RateLimit-Remaining": String(limit.remaining),
  };
  if (!limit.allowed) {
    const refusal = new ApiError(
      429,
      "rate_limited",
      `This token made more than ${limit.limit} calls in a minute; try again in ${limit.resetSeconds} s.`,
    );
    return withHeaders(errorResponse(refusal), {
      ...limitHeaders,
      "Retry-After": String(limit.resetSeconds),
    });
  }

  let response: Response;
  try {
    const input = await parseInput(operation, request, await context.params, viewer);
    const ctx = { viewer, correlationId, ...input } as ApiContext<
      Infer<O["params"]>,
      Infer<O["query"]>,
      BodyOf<O>
    >;
    response = toResponse(await handler(ctx));
  } catch (error) {
    response = errorResponse(toApiError(error, operation, correlationId));
  }
  if (operation.audited) await auditCall(operation, request, viewer, response.status, correlationId);
  return withHeaders(response, limitHeaders);
}

async function authenticate(request: Request): Promise<TokenViewer | null> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ? viewerFromToken(match[1]) : null;
}

async function parseInput(
  operation: ApiOperation,
  request: Request,
  rawParams: Record<string, string | string[]>,
  viewer: CustomerViewer,
) {
  let params: unknown;
  if (operation.params) {
    const parsed = operation.params.safeParse(rawParams);
    // A string that cannot name a row names nothing: 404, as the pages answer.
    if (!parsed.success) throw new NotFoundError();
    params = parsed.data;
  }
  let query: unknown;
  if (operation.query) {
    const url = new URL(request.url);
    query = parseOrThrow(operation.query, Object.fromEntries(url.searchParams));
  }
  let body: unknown;
  if (operation.body) {
    const contentType = request.headers.get("content-type") ?? "";
    if (!/^application\/json\b/i.test(contentType))
      throw new ApiError(
        415,
        "unsupported_media_type",
        "Send the body as JSON, with “Content-Type: application/json”.",
      );
    const text = await readBoundedBody(request, MAX_BODY_BYTES);
    if (text === null)
      throw new ApiError(413, "payload_too_large", `The body is larger than ${MAX_BODY_BYTES} bytes.`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError(400, "validation_failed", "The body is not valid JSON; send one JSON object.");
    }
    body = parseOrThrow(operation.body(await getRequestSettings(), viewer), json);
  }
  return { params, query, body };
}

function parseOrThrow(schema: z.ZodType, value: unknown): unknown {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const { fieldErrors, formErrors } = z.flattenError(parsed.error);
  const fields = Object.fromEntries(
    Object.entries(fieldErrors as Record<string, string[] | undefined>).filter(
      (entry): entry is [string, string[]] => Array.isArray(entry[1]) && entry[1].length > 0,
    ),
  );
  const [first] = Object.entries(fields);
  if (first) {
    const [field, messages] = first;
    return throwValidation(messages[0] ?? "Invalid value", field, fields);
  }
  return throwValidation(formErrors[0] ?? "The body must be one JSON object with the request's fields.");
}

function throwValidation(message: string, field?: string, fields?: Record<string, string[]>): never {
  throw new ApiError(400, "validation_failed", message, field, fields);
}

function toApiError(error: unknown, operation: ApiOperation, correlationId: string): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof NotFoundError) return new ApiError(404, "not_found", error.message);
  if (error instanceof ConflictError) return new ApiError(409, "conflict", error.message);
  if (error instanceof UserFacingError) {
    return error.field
      ? new ApiError(400, "validation_failed", error.message, error.field, { [error.field]: [error.message] })
      : new ApiError(422, "refused", error.message);
  }
  console.error(`[api ${operation.operationId}] correlation ${correlationId}`, error);
  return new ApiError(
    500,
    "internal",
    `Something went wrong on our side; nothing was lost. Try again, or give support the reference ${correlationId}.`,
  );
}

function errorResponse(error: ApiError): Response {
  const body = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
      ...(error.fields ? { fields: error.fields } : {}),
    },
  };
  return Response.json(body, { status: error.status });
}

function toResponse(result: ApiResult): Response {
  if (result instanceof Response) return result;
  return Response.json(result.body, { status: result.status, headers: result.headers });
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/** One audit event per mutating call and per download: who (token and its maker), what, outcome. */
async function auditCall(
  operation: ApiOperation,
  request: Request,
  viewer: TokenViewer,
  status: number,
  correlationId: string,
) {
  try {
    await recordAuditEvent({
      actor: actorOf(viewer),
      action: "api.call",
      targetType: "ApiToken",
      targetId: viewer.apiToken.id,
      organizationId: viewer.organizationId,
      details: {
        operation: operation.operationId,
        method: request.method,
        path: new URL(request.url).pathname,
        status,
        token: viewer.apiToken.name,
        correlationId,
      },
    });
  } catch (error) {
    console.error(`[api ${operation.operationId}] audit failed, correlation ${correlationId}`, error);
  }
}
