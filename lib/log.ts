// The one logger (pino, JSON lines on stdout) of the web app's server code and the worker. Work that
// has a correlation ID (an action, a job, a sweep or poll cycle) runs inside withLogContext, so
// every line it logs, however deep, carries that ID without passing a logger around.
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type DestinationStream, type Logger } from "pino";
import { getEnv } from "@/lib/env";

export type { Logger };

/** Keys whose values never reach a log line (DESIGN: no PSKs, passwords or tokens in logs). */
const REDACTED = [
  "password",
  "psk",
  "preSharedKey",
  "PreSharedKey",
  "secret",
  "token",
  "authorization",
  "cookie",
];

export function createLogger(
  options: { level: string; service: string },
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED.flatMap((key) => [key, `*.${key}`]), censor: "[redacted]" },
    },
    destination,
  );
}

const context = new AsyncLocalStorage<{ logger: Logger; correlationId: string }>();
let root: Logger | undefined;

/** Names the process in every line ("web" unless the worker says otherwise); call before logging. */
export function initLogger(
  service: string,
  options: { level?: string; destination?: DestinationStream } = {},
): Logger {
  root = createLogger({ level: options.level ?? getEnv().LOG_LEVEL, service }, options.destination);
  return root;
}

/** The logger of the work in progress (with its correlation ID), or the process's. */
export function getLogger(): Logger {
  const current = context.getStore();
  if (current) return current.logger;
  root ??= createLogger({ level: getEnv().LOG_LEVEL, service: "web" });
  return root;
}

/** The correlation ID of the work in progress, if any (a job sent from an action carries it on). */
export function currentCorrelationId(): string | undefined {
  return context.getStore()?.correlationId;
}

/** Runs `work` with every log line inside it bound to the correlation ID and the other fields. */
export function withLogContext<T>(
  fields: { correlationId?: string } & Record<string, unknown>,
  work: () => T,
): T {
  const { correlationId: given, ...rest } = fields;
  const inherited = currentCorrelationId();
  const correlationId = given ?? inherited ?? crypto.randomUUID();
  // A child of a context that already has this ID adds only the new fields (no duplicate key).
  const bindings = correlationId === inherited ? rest : { correlationId, ...rest };
  const logger = getLogger().child(bindings);
  return context.run({ logger, correlationId }, work);
}
