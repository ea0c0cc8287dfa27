import "server-only";
import pg from "pg";
import { dispatchDueAlerts } from "@/lib/alerts/dispatch-due-alerts";
import { dispatchMaintenanceAlerts } from "@/lib/alerts/dispatch-maintenance-alerts";
import { getEnv } from "@/lib/env";
import { withLogContext } from "@/lib/log";
import { pollTunnelsOnce } from "@/lib/tunnels/poll-tunnels";
import { readTunnelLogsOnce } from "@/lib/tunnels/read-tunnel-logs";

const LEADER_KEY = "tunnel-poller";
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Polls tunnel telemetry every TUNNEL_POLL_INTERVAL_MS in exactly one worker however many run: the
 * one holding a PostgreSQL advisory lock on a connection of its own. The others try again each
 * interval; when the leader dies its connection closes, the lock goes with it, and another takes over.
 */
export function startTunnelPoller(log: (line: string) => void): { stop(): Promise<void> } {
  const controller = new AbortController();
  const { signal } = controller;
  const env = getEnv();

  const loop = async () => {
    while (!signal.aborted) {
      const client = new pg.Client({ connectionString: env.DATABASE_URL });
      let lost = false;
      client.on("error", () => {
        lost = true;
      });
      try {
        await client.connect();
        const { rows } = await client.query<{ locked: boolean }>(
          "select pg_try_advisory_lock(hashtextextended($1, 0)) as locked",
          [LEADER_KEY],
        );
        if (rows[0]?.locked) {
          log("tunnel poller: leading (this worker polls)");
          while (!signal.aborted && !lost) {
            const started = Date.now();
            // A silently dropped connection would keep a leader that no longer holds the lock.
            await client.query("select 1");
            // One correlation ID per cycle: its poll, status moves and alert dispatch.
            await withLogContext({ task: "tunnel-poll" }, () =>
              runCycle(log, env.TUNNEL_POLL_BATCH_SIZE, env.ALERT_WINDOW_SECONDS * 1000),
            );
            await sleep(Math.max(0, env.TUNNEL_POLL_INTERVAL_MS - (Date.now() - started)), signal);
          }
        }
      } catch (error) {
        log(`tunnel poller: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        await client.end().catch(() => {});
      }
      await sleep(env.TUNNEL_POLL_INTERVAL_MS, signal);
    }
  };
  const running = loop();
  return {
    async stop() {
      controller.abort();
      await running;
    },
  };
}

async function runCycle(log: (line: string) => void, batchSize: number, windowMs: number) {
  try {
    // pollTunnelsOnce logs each cycle's connections, calls, changes and time itself.
    await pollTunnelsOnce({ batchSize, log });
  } catch (error) {
    log(`tunnel poll failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    // Before the alerts, so an alert carries the cause the tunnel log gives.
    await readTunnelLogsOnce({ log });
  } catch (error) {
    log(`tunnel logs failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const alerts = await dispatchDueAlerts({ windowMs });
    if (alerts.sent > 0) log(`alerts: ${alerts.sent} queued, ${alerts.held} held by their window`);
    const maintenance = await dispatchMaintenanceAlerts();
    if (maintenance.sent > 0) log(`maintenance alerts: ${maintenance.sent} queued`);
  } catch (error) {
    log(`alert dispatch failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
