// Turns what AWS says about a tunnel into words a network engineer acts on (DESIGN §6, §10): the
// state and BGP route count from VgwTelemetry, the cause from the tunnel log (explain-tunnel-logs).
// StatusMessage text is never read for a cause: AWS sends only "IPSEC IS DOWN", "IPSEC IS UP" or
// "N BGP ROUTES" there. Pure and browser-safe: the dashboard and alerts both use it.
import { explainTunnelLogs, LOG_CAUSES, type TunnelLogEvent } from "./explain-tunnel-logs";

/** Every cause the tunnel card and the alert can give. */
export const TUNNEL_CAUSES = ["up", "up-near-route-limit", ...LOG_CAUSES, "not-reported", "unknown"] as const;
export type TunnelCause = (typeof TUNNEL_CAUSES)[number];

export type TunnelExplanation = {
  cause: TunnelCause;
  summary: string;
  action: string | null;
  /** The tunnel-log event the cause was read from, when it came from the log. */
  evidence?: { at: number; detail: string };
};

/** AWS accepts at most 100 BGP routes per tunnel; beyond that the BGP session is reset. */
export const ROUTE_LIMIT = 100;
export const ROUTE_WARNING = 90;

export function explainTunnelStatus(
  tunnel: {
    status: "UP" | "DOWN" | "UNKNOWN";
    acceptedRouteCount: number | null;
  },
  logEvents: readonly TunnelLogEvent[] = [],
): TunnelExplanation {
  if (tunnel.status === "UNKNOWN") {
    return { cause: "not-reported", summary: "No telemetry from AWS yet.", action: null };
  }
  if (tunnel.status === "UP") {
    const routes = tunnel.acceptedRouteCount ?? 0;
    if (routes >= ROUTE_WARNING) {
      return {
        cause: "up-near-route-limit",
        summary: `Up, with ${routes} of ${ROUTE_LIMIT} BGP routes accepted.`,
        action: `AWS resets the BGP session above ${ROUTE_LIMIT} routes: summarise the networks your router advertises.`,
      };
    }
    return { cause: "up", summary: "Up.", action: null };
  }
  const fromLog = explainTunnelLogs(logEvents);
  if (fromLog) return fromLog;
  return {
    cause: "unknown",
    summary: "Down; AWS's tunnel log gives no cause yet.",
    action:
      "Load the downloaded configuration on the router and initiate the tunnel (AWS does not start it); then check the router's IKE log for this tunnel's outside IP.",
  };
}
