// Turns what AWS says about a tunnel (VgwTelemetry status and message) into words a network
// engineer acts on (DESIGN §6). Pure and browser-safe: the dashboard and alerts both use it.

export type TunnelCause =
  | "up"
  | "up-near-route-limit"
  | "psk-mismatch"
  | "no-proposal-match"
  | "traffic-selectors"
  | "bgp-down"
  | "no-packets"
  | "ipsec-down"
  | "not-reported"
  | "unknown";

export type TunnelExplanation = { cause: TunnelCause; summary: string; action: string | null };

/** AWS accepts at most 100 BGP routes per tunnel; beyond that the BGP session is reset. */
export const ROUTE_LIMIT = 100;
export const ROUTE_WARNING = 90;

const RULES: { cause: TunnelCause; test: RegExp; summary: string; action: string }[] = [
  {
    cause: "psk-mismatch",
    test: /AUTHENTICATION[_ ]FAILED|AUTH(ENTICATION)? FAIL|PRE-?SHARED KEY|\bPSK\b/i,
    summary: "IKE authentication failed: the pre-shared key does not match.",
    action:
      "Copy this tunnel's pre-shared key again from the router configuration (each tunnel has its own) and check the router uses it for this tunnel's outside IP.",
  },
  {
    cause: "no-proposal-match",
    test: /NO[_ ]PROPOSAL[_ ]CHOSEN|NO PROPOSAL|PROPOSAL MISMATCH|INVALID[_ ]KE[_ ]PAYLOAD/i,
    summary: "No proposal match: the router offers encryption, integrity or DH settings AWS does not accept.",
    action:
      "Set phase 1 and phase 2 to AES-256, SHA2-256 and DH group 14 with the IKE version of the request, as in the downloaded configuration.",
  },
  {
    cause: "traffic-selectors",
    test: /TS[_ ]UNACCEPTABLE|TRAFFIC SELECTOR/i,
    summary: "Phase 2 refused: the traffic selectors (local/remote networks) do not match.",
    action:
      "Use 0.0.0.0/0 ↔ 0.0.0.0/0 (route-based VPN) or exactly the networks of the request as the IPsec policy.",
  },
  {
    cause: "bgp-down",
    test: /IPSEC IS UP|BGP (SESSION )?(IS )?(DOWN|IDLE|ACTIVE|CONNECT|NOT ESTABLISHED)/i,
    summary: "IPsec is up but the BGP session is down.",
    action:
      "Check the router's BGP neighbour is the tunnel's inside address (169.254.x.x, AWS side .1), with the platform ASN and your ASN as configured, and that TCP 179 is allowed inside the tunnel.",
  },
  {
    cause: "no-packets",
    test: /NO (PACKETS|RESPONSE|TRAFFIC)|PEER (IS )?NOT RESPONDING|DPD|TIMED? ?OUT|RETRANSMIT|UNREACHABLE/i,
    summary: "No packets from the peer: AWS gets no IKE or dead-peer-detection replies from your router.",
    action:
      "Check the router is powered, online and reaches this tunnel's outside IP on UDP 500 and 4500, and that no firewall or NAT in between drops them.",
  },
  {
    cause: "ipsec-down",
    test: /IPSEC IS DOWN/i,
    summary: "IPsec is down: no IKE negotiation has succeeded yet.",
    action:
      "Load the downloaded configuration on the router and initiate the tunnel (AWS does not start it); then check the router's IKE log for the first error.",
  },
];

export function explainTunnelStatus(tunnel: {
  status: "UP" | "DOWN" | "UNKNOWN";
  statusMessage: string | null;
  acceptedRouteCount: number | null;
}): TunnelExplanation {
  const message = tunnel.statusMessage?.trim() ?? "";
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
  const rule = RULES.find((candidate) => candidate.test.test(message));
  if (rule) return { cause: rule.cause, summary: rule.summary, action: rule.action };
  return {
    cause: "unknown",
    summary: message ? `Down: AWS reports "${message}".` : "Down, with no reason given by AWS.",
    action: "Check the router's IKE and IPsec logs for this tunnel's outside IP.",
  };
}
