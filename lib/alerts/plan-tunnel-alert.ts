// Alert windowing: a tunnel alerts at most once per window, and that alert summarises every change
// since the previous one, so a flapping tunnel sends one message instead of dozens. Pure.

export type AlertTunnelStatus = "UP" | "DOWN" | "UNKNOWN";
export type PendingChange = { status: AlertTunnelStatus; statusMessage: string | null; occurredAt: Date };

export type TunnelAlertSummary = {
  /**
   * `tunnel.failing`: no change of status, but the tunnel log now gives the cause of a DOWN tunnel
   * (also one that was never up) that no alert has carried yet.
   */
  kind: "tunnel.down" | "tunnel.up" | "tunnel.flapped" | "tunnel.failing";
  from: AlertTunnelStatus;
  to: AlertTunnelStatus;
  wentDown: number;
  cameUp: number;
  firstAt: Date;
  lastAt: Date;
  lastMessage: string | null;
};

export type AlertPlan =
  /** Nothing here is worth an alert (a message-only change, or the first DOWN of a new tunnel). */
  | { action: "consume" }
  /** Worth an alert, but one went out less than a window ago: decide again at `until`. */
  | { action: "wait"; until: Date }
  | { action: "send"; summary: TunnelAlertSummary };

/**
 * `statusBefore` is the tunnel's status before the first pending change; `lastAlertAt` when the
 * last alert for this tunnel went out (null: never).
 */
export function planTunnelAlert(input: {
  pending: readonly PendingChange[];
  statusBefore: AlertTunnelStatus;
  lastAlertAt: Date | null;
  now: Date;
  windowMs: number;
}): AlertPlan {
  const changes = [...input.pending].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  let status = input.statusBefore;
  let wentDown = 0;
  let cameUp = 0;
  let first: PendingChange | undefined;
  let last: PendingChange | undefined;
  for (const change of changes) {
    if (change.status === status) continue;
    // A new tunnel reporting DOWN before it was ever up is the expected start, not news.
    const newsworthy = !(status === "UNKNOWN" && change.status === "DOWN");
    status = change.status;
    if (!newsworthy) continue;
    if (change.status === "DOWN") wentDown++;
    if (change.status === "UP") cameUp++;
    first ??= change;
    last = change;
  }
  if (!first || !last) return { action: "consume" };

  if (input.lastAlertAt) {
    const windowEnds = input.lastAlertAt.getTime() + input.windowMs;
    if (input.now.getTime() < windowEnds) return { action: "wait", until: new Date(windowEnds) };
  }
  const from = input.statusBefore;
  const to = status;
  const kind =
    to === "DOWN" && from !== "DOWN"
      ? "tunnel.down"
      : to === "UP" && from !== "UP"
        ? "tunnel.up"
        : "tunnel.flapped";
  return {
    action: "send",
    summary: {
      kind,
      from,
      to,
      wentDown,
      cameUp,
      firstAt: first.occurredAt,
      lastAt: last.occurredAt,
      lastMessage: last.statusMessage,
    },
  };
}

/** Redundancy news for the alert: compared with what the last alert said (null: never said). */
export function redundancyChange(announced: boolean | null, met: boolean): "lost" | "restored" | null {
  if (announced === null) return met ? "restored" : null;
  if (announced === met) return null;
  return met ? "restored" : "lost";
}
