// The words and the JSON of one tunnel alert, the same for email and webhook. Pure.
import type { AlertTunnelStatus, TunnelAlertSummary } from "@/lib/alerts/plan-tunnel-alert";
import { CAUSE_HEADLINES, type LogCause, type TunnelLogEvent } from "@/lib/tunnels/explain-tunnel-logs";
import { explainTunnelStatus } from "@/lib/tunnels/explain-tunnel-status";

export type AlertContext = {
  organizationId: string;
  request: {
    id: string;
    customerName: string;
    region: string;
    status: string;
    vpnConnectionId: string | null;
  };
  tunnel: {
    number: number;
    outsideIp: string | null;
    status: AlertTunnelStatus;
    statusMessage: string | null;
    acceptedRouteCount: number | null;
  };
  summary: TunnelAlertSummary;
  redundancy: { met: boolean; change: "lost" | "restored" | null };
  sentAt: Date;
  /** The tunnel's recent tunnel-log events (the cause is read from them, never from statusMessage). */
  logEvents?: readonly TunnelLogEvent[];
  /** False for a tunnel that has never been up (a new connection the router cannot bring up). */
  everUp?: boolean;
};

/** The request as an alert names it (both the tunnel and the maintenance alerts). */
export function alertRequestOf(request: AlertContext["request"]): AlertContext["request"] {
  const { id, customerName, region, status, vpnConnectionId } = request;
  return { id, customerName, region, status, vpnConnectionId };
}

const headlineOf = (cause: string): string =>
  Object.hasOwn(CAUSE_HEADLINES, cause) ? CAUSE_HEADLINES[cause as LogCause] : cause;

export type AlertPayload = {
  kind: TunnelAlertSummary["kind"] | "test";
  redundancy: { met: boolean; change: "lost" | "restored" | null };
  organizationId: string;
  request: AlertContext["request"];
  tunnel: AlertContext["tunnel"] & {
    cause: string;
    explanation: string;
    action: string | null;
    evidence: { at: string; detail: string } | null;
  };
  window: {
    from: AlertTunnelStatus;
    to: AlertTunnelStatus;
    wentDown: number;
    cameUp: number;
    firstChangeAt: string;
    lastChangeAt: string;
  };
  sentAt: string;
};

export type ComposedAlert = { kind: string; subject: string; text: string; payload: AlertPayload };

export function composeAlert(context: AlertContext): ComposedAlert {
  const { request, tunnel, summary, redundancy } = context;
  const explanation = explainTunnelStatus(tunnel, context.logEvents);
  const what =
    summary.kind === "tunnel.down"
      ? `tunnel ${tunnel.number} down`
      : summary.kind === "tunnel.up"
        ? `tunnel ${tunnel.number} up`
        : summary.kind === "tunnel.failing"
          ? `tunnel ${tunnel.number} ${context.everUp === false ? "not coming up" : "down"}: ${headlineOf(explanation.cause)}`
          : `tunnel ${tunnel.number} flapping`;
  const redundancyWords =
    redundancy.change === "lost"
      ? ", redundancy lost"
      : redundancy.change === "restored"
        ? ", redundancy restored"
        : "";
  const subject = `[VPN] ${request.customerName}: ${what}${redundancyWords}`;
  const kind = redundancy.change ? `${summary.kind}+redundancy.${redundancy.change}` : summary.kind;

  const changes =
    summary.kind === "tunnel.failing"
      ? `Still ${tunnel.status}${context.everUp === false ? ", and never up yet" : ""}; AWS's tunnel log now says why.`
      : summary.wentDown + summary.cameUp > 1
        ? `Since the last alert it went down ${summary.wentDown} time(s) and came up ${summary.cameUp} time(s), between ${summary.firstAt.toISOString()} and ${summary.lastAt.toISOString()}.`
        : `Changed at ${summary.lastAt.toISOString()}.`;
  const lines = [
    `VPN connection "${request.customerName}" (${request.region}${request.vpnConnectionId ? `, ${request.vpnConnectionId}` : ""})`,
    "",
    `Tunnel ${tunnel.number}${tunnel.outsideIp ? ` (AWS outside IP ${tunnel.outsideIp})` : ""} is now ${tunnel.status}.`,
    changes,
    `AWS status message: ${tunnel.statusMessage ?? "(none)"}`,
    `What it means: ${explanation.summary}`,
    ...(explanation.evidence
      ? [
          `AWS tunnel log (${new Date(explanation.evidence.at).toISOString()}): ${explanation.evidence.detail}`,
        ]
      : []),
    ...(explanation.action ? [`What to do: ${explanation.action}`] : []),
    "",
    redundancy.met
      ? "Redundancy: met (both tunnels up)."
      : `Redundancy: NOT met${redundancy.change === "lost" ? " (lost)" : ""} — traffic has no failover path.`,
    `Connection status: ${request.status}.`,
  ];
  const payload: AlertPayload = {
    kind: summary.kind,
    redundancy,
    organizationId: context.organizationId,
    request,
    tunnel: {
      ...tunnel,
      cause: explanation.cause,
      explanation: explanation.summary,
      action: explanation.action,
      evidence: explanation.evidence
        ? { at: new Date(explanation.evidence.at).toISOString(), detail: explanation.evidence.detail }
        : null,
    },
    window: {
      from: summary.from,
      to: summary.to,
      wentDown: summary.wentDown,
      cameUp: summary.cameUp,
      firstChangeAt: summary.firstAt.toISOString(),
      lastChangeAt: summary.lastAt.toISOString(),
    },
    sentAt: context.sentAt.toISOString(),
  };
  return { kind, subject, text: lines.join("\n"), payload };
}
