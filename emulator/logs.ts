// CloudWatch Logs as the SDK speaks it (JSON 1.1: POST /, Content-Type application/x-amz-json-1.1,
// X-Amz-Target Logs_20140328.<Operation>), on the same endpoint as EC2, for the calls the portal
// and the lab bridge make. Errors are AWS's: HTTP 400 with `{"__type", "message"}` and the type in
// x-amzn-ErrorType. State is per Region of the one account, apart from EC2's (its own file).
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import type { EmulatorConfig, PolicyDocument } from "./config";
import { accessKeyFromAuthorization } from "./iam";
import { OWNER_ID } from "./model";
import { sendAwsJson } from "./protocol/json";
import { saveJsonAtomically } from "./store";

export const LOGS_TARGET_PREFIX = "Logs_20140328.";

/** Whether a request is a CloudWatch Logs call (rather than an EC2 Query one). */
export function isLogsRequest(req: IncomingMessage): boolean {
  const type = String(req.headers["content-type"] ?? "");
  const target = String(req.headers["x-amz-target"] ?? "");
  return type.startsWith("application/x-amz-json-1.1") && target.startsWith(LOGS_TARGET_PREFIX);
}

/** The Region of SigV4's credential scope for the logs service (`…/20250101/eu-west-1/logs/aws4_request`). */
const logsRegion = (header: string | undefined) =>
  header ? /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\/logs\//.exec(header)?.[1] : undefined;

export class LogsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

type StoredEvent = { eventId: string; timestamp: number; message: string; ingestionTime: number };
type LogStream = { creationTime: number; events: StoredEvent[]; uploadSequenceToken: number };
type LogGroup = { creationTime: number; retentionInDays?: number; streams: Record<string, LogStream> };
type LogsState = { version: 1; regions: Record<string, Record<string, LogGroup>> };

/** CloudWatch Logs' accepted retention periods (PutRetentionPolicy). */
const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];
const NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const STREAM_NAME = /^[^:*]{1,512}$/;
const DAY = 86_400_000;

export class LogsStore {
  state: LogsState;

  constructor(private readonly path: string | null) {
    this.state = { version: 1, regions: {} };
    if (path === null) return;
    try {
      const parsed = JSON.parse(readFileSync(path, "utf8")) as LogsState;
      if (parsed.version === 1 && typeof parsed.regions === "object") this.state = parsed;
    } catch {
      // No file yet: start empty.
    }
  }

  save(): void {
    if (this.path === null) return;
    saveJsonAtomically(this.path, this.state);
  }

  reset(): void {
    this.state = { version: 1, regions: {} };
    this.save();
  }

  groups(region: string): Record<string, LogGroup> {
    this.state.regions[region] ??= {};
    return this.state.regions[region];
  }
}

type Input = Record<string, unknown>;
const str = (input: Input, name: string): string | undefined =>
  typeof input[name] === "string" ? (input[name] as string) : undefined;
const num = (input: Input, name: string): number | undefined =>
  typeof input[name] === "number" ? (input[name] as number) : undefined;
const required = (input: Input, name: string): string => {
  const value = str(input, name);
  if (value === undefined)
    throw new LogsError(
      "InvalidParameterException",
      `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`,
    );
  return value;
};

function groupOf(groups: Record<string, LogGroup>, name: string): LogGroup {
  const group = groups[name];
  if (!group) throw new LogsError("ResourceNotFoundException", "The specified log group does not exist.");
  return group;
}

function streamOf(group: LogGroup, name: string): LogStream {
  const stream = group.streams[name];
  if (!stream) throw new LogsError("ResourceNotFoundException", "The specified log stream does not exist.");
  return stream;
}

const arnOf = (region: string, account: string, group: string) =>
  `arn:aws:logs:${region}:${account}:log-group:${group}`;

/** The log group a call acts on, for the IAM check (`logs:<Operation>` on its ARN). */
export function logsResource(operation: string, input: Input, region: string, account: string): string {
  // DescribeLogGroups takes no resource in IAM (the Service Authorization Reference): only "*".
  if (operation === "DescribeLogGroups") return "*";
  const group = str(input, "logGroupName");
  if (!group) return `arn:aws:logs:${region}:${account}:log-group:*`;
  const stream = str(input, "logStreamName");
  return stream
    ? `${arnOf(region, account, group)}:log-stream:${stream}`
    : `${arnOf(region, account, group)}:*`;
}

export const LOGS_READ_ONLY = new Set([
  "DescribeLogGroups",
  "DescribeLogStreams",
  "FilterLogEvents",
  "GetLogEvents",
]);

/** Runs one CloudWatch Logs operation on a Region's groups; returns the JSON output. */
export function runLogsOperation(
  store: LogsStore,
  operation: string,
  input: Input,
  region: string,
  account: string,
  now: number,
): Input {
  const groups = store.groups(region);
  switch (operation) {
    case "CreateLogGroup": {
      const name = required(input, "logGroupName");
      if (!NAME.test(name))
        throw new LogsError("InvalidParameterException", `Invalid log group name: ${name}`);
      if (groups[name])
        throw new LogsError("ResourceAlreadyExistsException", "The specified log group already exists");
      groups[name] = { creationTime: now, streams: {} };
      return {};
    }
    case "DescribeLogGroups": {
      const prefix = str(input, "logGroupNamePrefix") ?? "";
      const logGroups = Object.entries(groups)
        .filter(([name]) => name.startsWith(prefix))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, group]) => ({
          logGroupName: name,
          creationTime: group.creationTime,
          ...(group.retentionInDays ? { retentionInDays: group.retentionInDays } : {}),
          arn: `${arnOf(region, account, name)}:*`,
          logGroupArn: arnOf(region, account, name),
          storedBytes: 0,
        }));
      return { logGroups };
    }
    case "PutRetentionPolicy": {
      const group = groupOf(groups, required(input, "logGroupName"));
      const days = num(input, "retentionInDays");
      if (days === undefined || !RETENTION_DAYS.includes(days))
        throw new LogsError(
          "InvalidParameterException",
          `1 validation error detected: Value '${days}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [${RETENTION_DAYS.join(", ")}]`,
        );
      group.retentionInDays = days;
      return {};
    }
    case "DeleteLogGroup": {
      const name = required(input, "logGroupName");
      groupOf(groups, name);
      delete groups[name];
      return {};
    }
    case "CreateLogStream": {
      const group = groupOf(groups, required(input, "logGroupName"));
      const name = required(input, "logStreamName");
      if (!STREAM_NAME.test(name))
        throw new LogsError("InvalidParameterException", `Invalid log stream name: ${name}`);
      if (group.streams[name])
        throw new LogsError("ResourceAlreadyExistsException", "The specified log stream already exists");
      group.streams[name] = { creationTime: now, events: [], uploadSequenceToken: 1 };
      return {};
    }
    case "DescribeLogStreams": {
      const group = groupOf(groups, required(input, "logGroupName"));
      const prefix = str(input, "logStreamNamePrefix") ?? "";
      const logStreams = Object.entries(group.streams)
        .filter(([name]) => name.startsWith(prefix))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, stream]) => ({
          logStreamName: name,
          creationTime: stream.creationTime,
          firstEventTimestamp: stream.events[0]?.timestamp,
          lastEventTimestamp: stream.events.at(-1)?.timestamp,
        }));
      return { logStreams };
    }
    case "PutLogEvents": {
      const group = groupOf(groups, required(input, "logGroupName"));
      const stream = streamOf(group, required(input, "logStreamName"));
      const events = Array.isArray(input.logEvents) ? (input.logEvents as Input[]) : [];
      if (events.length === 0 || events.length > 10_000)
        throw new LogsError("InvalidParameterException", "logEvents must contain between 1 and 10000 events");
      let tooOld: number | undefined;
      let tooNew: number | undefined;
      let previous = Number.NEGATIVE_INFINITY;
      const accepted: StoredEvent[] = [];
      events.forEach((event, index) => {
        const timestamp = num(event, "timestamp");
        const message = str(event, "message");
        if (timestamp === undefined || message === undefined)
          throw new LogsError("InvalidParameterException", "Each log event needs a timestamp and a message");
        if (timestamp < previous)
          throw new LogsError(
            "InvalidParameterException",
            "Log events in a single PutLogEvents request must be in chronological order.",
          );
        previous = timestamp;
        // AWS rejects, and reports, events older than 14 days or more than 2 hours ahead.
        if (timestamp < now - 14 * DAY) tooOld = index;
        else if (timestamp > now + 2 * 3_600_000) tooNew ??= index;
        else
          accepted.push({ eventId: randomBytes(16).toString("hex"), timestamp, message, ingestionTime: now });
      });
      stream.events.push(...accepted);
      stream.events.sort((a, b) => a.timestamp - b.timestamp);
      stream.uploadSequenceToken += 1;
      const rejected =
        tooOld !== undefined || tooNew !== undefined
          ? {
              rejectedLogEventsInfo: {
                ...(tooOld !== undefined ? { tooOldLogEventEndIndex: tooOld } : {}),
                ...(tooNew !== undefined ? { tooNewLogEventStartIndex: tooNew } : {}),
              },
            }
          : {};
      return { nextSequenceToken: String(stream.uploadSequenceToken).padStart(56, "4"), ...rejected };
    }
    case "FilterLogEvents": {
      const group = groupOf(groups, required(input, "logGroupName"));
      const names = Array.isArray(input.logStreamNames) ? (input.logStreamNames as string[]) : null;
      const prefix = str(input, "logStreamNamePrefix");
      if (names && prefix !== undefined)
        throw new LogsError(
          "InvalidParameterException",
          "Cannot specify both logStreamNames and logStreamNamePrefix",
        );
      const start = num(input, "startTime") ?? 0;
      const end = num(input, "endTime") ?? Number.POSITIVE_INFINITY;
      const limit = Math.min(num(input, "limit") ?? 10_000, 10_000);
      const pattern = str(input, "filterPattern")?.replace(/^"|"$/g, "") ?? "";
      const offset = Number(str(input, "nextToken") ?? "0") || 0;
      const matching = Object.entries(group.streams)
        .filter(([name]) => (names ? names.includes(name) : name.startsWith(prefix ?? "")))
        .flatMap(([name, stream]) =>
          stream.events
            .filter((event) => event.timestamp >= start && event.timestamp <= end)
            .filter((event) => pattern === "" || event.message.includes(pattern))
            .map((event) => ({ logStreamName: name, ...event })),
        )
        .sort((a, b) => a.timestamp - b.timestamp || a.eventId.localeCompare(b.eventId));
      const page = matching.slice(offset, offset + limit);
      const more = offset + limit < matching.length;
      return {
        events: page,
        searchedLogStreams: [],
        ...(more ? { nextToken: String(offset + limit) } : {}),
      };
    }
    case "GetLogEvents": {
      const group = groupOf(groups, required(input, "logGroupName"));
      const stream = streamOf(group, required(input, "logStreamName"));
      const start = num(input, "startTime") ?? 0;
      const end = num(input, "endTime") ?? Number.POSITIVE_INFINITY;
      const limit = Math.min(num(input, "limit") ?? 10_000, 10_000);
      const token = str(input, "nextToken");
      const offset = token ? Number(token.slice(2)) || 0 : 0;
      const inRange = stream.events.filter((event) => event.timestamp >= start && event.timestamp < end);
      const fromHead = input.startFromHead === true || token?.startsWith("f/");
      const page = fromHead
        ? inRange.slice(offset, offset + limit)
        : inRange.slice(Math.max(0, inRange.length - limit - offset), inRange.length - offset);
      const next = fromHead ? offset + page.length : offset;
      return {
        events: page.map(({ timestamp, message, ingestionTime }) => ({ timestamp, message, ingestionTime })),
        nextForwardToken: `f/${String(next).padStart(56, "0")}`,
        nextBackwardToken: `b/${String(offset).padStart(56, "0")}`,
      };
    }
    default:
      throw new LogsError("UnknownOperationException", `Unknown operation ${operation}`);
  }
}

const principalFor = (accessKeyId: string, account: string) =>
  `arn:aws:sts::${account}:assumed-role/emulated/${accessKeyId}`;

/** IAM as CloudWatch Logs applies it: `logs:<Operation>` on the log group (or stream) it names. */
async function authorizeLogs(
  policy: PolicyDocument,
  accessKeyId: string,
  operation: string,
  resource: string,
  region: string,
  account: string,
): Promise<void> {
  const action = `logs:${operation}`;
  const principal = principalFor(accessKeyId, account);
  const outcome = (await runSimulation(
    {
      identityPolicies: [{ name: "policy", policy: policy as never }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      request: {
        action,
        principal,
        resource: { resource, accountId: account },
        contextVariables: { "aws:RequestedRegion": region },
      },
    } as never,
    {},
  )) as { resultType: string; overallResult?: string; errors?: unknown };
  if (outcome.resultType === "error")
    throw new Error(`IAM simulation of ${action} failed: ${JSON.stringify(outcome.errors)}`);
  if (outcome.overallResult === "Allowed") return;
  throw new LogsError(
    "AccessDeniedException",
    `User: ${principal} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
  );
}

export type LogsContext = {
  store: LogsStore;
  config: () => EmulatorConfig;
  now: () => number;
  defaultRegion: string;
  log: (line: string) => void;
};

/** Answers one CloudWatch Logs request (isLogsRequest was true). */
export async function handleLogs(
  ctx: LogsContext,
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
): Promise<void> {
  const requestId = randomUUID();
  const operation = String(req.headers["x-amz-target"]).slice(LOGS_TARGET_PREFIX.length);
  const region = logsRegion(req.headers.authorization) ?? ctx.defaultRegion;
  const accessKeyId = accessKeyFromAuthorization(req.headers.authorization) ?? "anonymous";
  const fail = (error: LogsError) => {
    ctx.log(`${region} logs:${operation} → ${error.status} ${error.type}`);
    sendAwsJson(res, error.status, { __type: error.type, message: error.message }, requestId, error.type);
  };
  let input: Input;
  try {
    const parsed: unknown = body ? JSON.parse(body) : {};
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw new Error("not an object");
    input = parsed as Input;
  } catch {
    return fail(new LogsError("SerializationException", "Request body is not a JSON object"));
  }
  try {
    const policy = ctx.config().iam.policies[accessKeyId];
    if (policy)
      await authorizeLogs(
        policy,
        accessKeyId,
        operation,
        logsResource(operation, input, region, OWNER_ID),
        region,
        OWNER_ID,
      );
    const output = runLogsOperation(ctx.store, operation, input, region, OWNER_ID, ctx.now());
    if (!LOGS_READ_ONLY.has(operation)) ctx.store.save();
    ctx.log(`${region} logs:${operation} → 200`);
    sendAwsJson(res, 200, output, requestId);
  } catch (error) {
    if (error instanceof LogsError) return fail(error);
    throw error;
  }
}
