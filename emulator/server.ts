import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { accountFor, handleServiceQuotas, handleSts, StsError, signedRegion, stsErrorXml } from "./accounts";
import { ACTIONS, isReadOnly } from "./actions";
import { handleAdmin } from "./admin";
import { defaultConfig, type EmulatorConfig, mergeConfig } from "./config";
import { consistentView } from "./consistency";
import { pickFault, Stats, TokenBuckets, throttled } from "./faults";
import { accessKeyFromAuthorization, authorize } from "./iam";
import { pruneExpired } from "./lifecycle";
import { handleLogs, isLogsRequest, LogsStore } from "./logs";
import { OWNER_ID } from "./model";
import { Ec2Error, errorXml, newRequestId } from "./protocol/errors";
import { Params, regionFromAuthorization } from "./protocol/query";
import { responseXml } from "./protocol/xml";
import { Store } from "./store";
import { seedDefaultVpc } from "./vpc";

export type EmulatorOptions = {
  port?: number;
  host?: string;
  /** JSON state file; null or absent keeps state in memory (what tests usually want). */
  statePath?: string | null;
  /** A partial EmulatorConfig merged over the defaults (e.g. `{ delays: { vpnAvailableMs: 50 } }`). */
  config?: unknown;
  /** Region used when a request carries no SigV4 credential scope. */
  defaultRegion?: string;
  verbose?: boolean;
  /** Clock override for tests of time-driven states (otherwise the wall clock, sped up by config.clockSpeed). */
  now?: () => number;
};

export type RunningEmulator = {
  url: string;
  port: number;
  close(): Promise<void>;
};

const MAX_BODY = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Ec2Error("RequestEntityTooLarge", "Request body too large", 413));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function sendXml(res: ServerResponse, status: number, xml: string, requestId: string): undefined {
  res.writeHead(status, {
    "content-type": "text/xml;charset=UTF-8",
    "content-length": Buffer.byteLength(xml),
    "x-amzn-requestid": requestId,
  });
  res.end(xml);
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  let config: EmulatorConfig =
    options.config === undefined ? defaultConfig() : mergeConfig(defaultConfig(), options.config);
  const store = new Store(options.statePath ?? null);
  // CloudWatch Logs state per account, like EC2's: the account that signs the call owns its groups.
  const logsStores = new Map<string, LogsStore>();
  const logsStoreFor = (accountId: string) => {
    let found = logsStores.get(accountId);
    if (!found) {
      const suffix = accountId === OWNER_ID ? "logs.json" : `logs.${accountId}.json`;
      found = new LogsStore(options.statePath ? `${options.statePath}.${suffix}` : null);
      logsStores.set(accountId, found);
    }
    return found;
  };
  const stats = new Stats();
  const buckets = new TokenBuckets();
  // Emulated time: the wall clock, running config.clockSpeed times faster from the last change of speed.
  let anchor = { wall: Date.now(), emulated: Date.now(), speed: config.clockSpeed };
  const now = options.now ?? (() => anchor.emulated + Math.round((Date.now() - anchor.wall) * anchor.speed));
  const defaultRegion = options.defaultRegion ?? "us-east-1";
  const log = options.verbose ? (line: string) => process.stderr.write(`${line}\n`) : () => {};

  async function handleEc2(req: IncomingMessage, res: ServerResponse, url: URL, body: string): Promise<void> {
    const requestId = newRequestId();
    const params = Params.fromForm(body, url.search.slice(1));
    const action = params.str("Action") ?? "";
    const regionName =
      regionFromAuthorization(req.headers.authorization) ??
      signedRegion(req.headers.authorization) ??
      defaultRegion;
    const accessKeyId = accessKeyFromAuthorization(req.headers.authorization) ?? "anonymous";
    const fail = (error: Ec2Error, outcome: "error" | "throttled" | "fault"): undefined => {
      stats.record(action || "(none)", outcome);
      log(`${regionName} ${action} → ${error.status} ${error.code}`);
      sendXml(res, error.status, errorXml(error.code, error.message, requestId), requestId);
    };

    let accountId: string;
    try {
      accountId = accountFor(store, accessKeyId, Date.now());
    } catch (error) {
      if (error instanceof Ec2Error) return fail(error, "error");
      throw error;
    }
    if (action === "AssumeRole" || action === "GetCallerIdentity") {
      try {
        const xml = handleSts(store, config, action, params, accountId, accessKeyId, requestId, Date.now());
        stats.record(action, "ok");
        log(`${regionName} ${action} → 200`);
        return sendXml(res, 200, xml, requestId);
      } catch (error) {
        if (!(error instanceof StsError)) throw error;
        stats.record(action, "error");
        log(`${regionName} ${action} → ${error.status} ${error.code}`);
        return sendXml(res, error.status, stsErrorXml(error, requestId), requestId);
      }
    }
    const handler = ACTIONS[action];
    if (!handler)
      return fail(
        new Ec2Error(
          "InvalidAction",
          `The action ${action || "(missing)"} is not valid for this web service.`,
        ),
        "error",
      );
    const at = now();
    // Buckets are per account, Region and action, as on AWS.
    if (!buckets.take(accountId, regionName, action, config.throttle, at))
      return fail(throttled(), "throttled");
    const before = pickFault(config, action, "before");
    if (before) return fail(before, before.code === "RequestLimitExceeded" ? "throttled" : "fault");

    // Each account's region starts as a new account's does; handlers see only the caller's account.
    if (!store.hasRegion(regionName, accountId) && config.defaultVpc) {
      seedDefaultVpc(store.region(regionName, accountId), regionName, at);
      store.save();
    }
    const region = store.region(regionName, accountId);
    // An assumed role's temporary keys are evaluated against the policy of its account's role.
    const policy = config.iam.policies[accessKeyId] ?? config.iam.policies[`role:${accountId}`];
    if (policy) {
      try {
        await authorize(policy, accessKeyId, action, params, region, regionName);
      } catch (error) {
        if (error instanceof Ec2Error) return fail(error, "error");
        throw error;
      }
    }
    if (params.bool("DryRun"))
      return fail(
        new Ec2Error("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412),
        "error",
      );

    const pruned = pruneExpired(region, config, at);
    let result: string;
    try {
      const ctx = { region: consistentView(region, at), all: region, regionName, params, now: at, config };
      result = responseXml(action, requestId, handler(ctx));
    } catch (error) {
      if (pruned) store.save();
      if (error instanceof Ec2Error) return fail(error, "error");
      throw error;
    }
    // Handlers validate before they mutate, so persisting after success keeps the file consistent.
    if (!isReadOnly(action) || pruned) store.save();
    const after = pickFault(config, action, "after");
    if (after) return fail(after, "fault");
    stats.record(action, "ok");
    log(`${regionName} ${action} → 200`);
    sendXml(res, 200, result, requestId);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://emulator");
    readBody(req)
      .then((body) => {
        if (url.pathname.startsWith("/_emulator")) {
          handleAdmin(
            {
              store,
              stats,
              buckets,
              getConfig: () => config,
              setConfig: (next) => {
                if (next.clockSpeed !== anchor.speed)
                  anchor = { wall: Date.now(), emulated: now(), speed: next.clockSpeed };
                config = next;
              },
              now,
            },
            req,
            res,
            url,
            body,
          );
          return;
        }
        // Only Service Quotas' JSON targets: other JSON services (e.g. CloudWatch Logs) have their own.
        if (String(req.headers["x-amz-target"] ?? "").startsWith("ServiceQuotasV20190624.")) {
          const requestId = newRequestId();
          const key = accessKeyFromAuthorization(req.headers.authorization) ?? "anonymous";
          const regionName = signedRegion(req.headers.authorization) ?? defaultRegion;
          stats.record("GetServiceQuota", "ok");
          return handleServiceQuotas(
            req,
            res,
            body,
            config,
            accountFor(store, key, Date.now()),
            regionName,
            requestId,
          );
        }
        // One endpoint for every service: CloudWatch Logs calls are told apart as the SDK sends them.
        if (isLogsRequest(req)) {
          const key = accessKeyFromAuthorization(req.headers.authorization) ?? "anonymous";
          let accountId = OWNER_ID;
          try {
            accountId = accountFor(store, key, Date.now());
          } catch {
            // An unknown key: the Logs handler answers it as AWS would (its IAM check refuses it).
          }
          return handleLogs(
            { store: logsStoreFor(accountId), config: () => config, now, defaultRegion, log },
            req,
            res,
            body,
          );
        }
        return handleEc2(req, res, url, body);
      })
      .catch((error: unknown) => {
        const requestId = newRequestId();
        const known =
          error instanceof Ec2Error
            ? error
            : new Ec2Error("InternalError", "An internal error has occurred.", 500);
        if (!(error instanceof Ec2Error))
          process.stderr.write(
            `emulator: internal error ${requestId}: ${String(error instanceof Error ? error.stack : error)}\n`,
          );
        if (!res.headersSent)
          sendXml(res, known.status, errorXml(known.code, known.message, requestId), requestId);
        else res.end();
      });
  });
  // The SDK keeps connections alive; without this, close() would wait for them to time out.
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 4566, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
