// The cause of a tunnel's state in words, from the Site-to-Site VPN tunnel log events AWS publishes
// to CloudWatch Logs (DESIGN §10, AWS "Contents of Site-to-Site VPN logs"). Pure and browser-safe.

/** One tunnel-log event as AWS writes it (JSON output format); fields AWS omits stay undefined. */
export type TunnelLogEvent = {
  timestamp: number;
  VpnLogCreationTimestamp?: string;
  VpnConnectionId?: string;
  TunnelOutsideIPAddress?: string;
  TunnelDPDEnabled?: boolean;
  TunnelCGWNATTDetectionStatus?: boolean;
  TunnelIKEPhase1State?: string;
  TunnelIKEPhase2State?: string;
  /** BGP log events (BgpLogEnabled): the session state, when the event carries it. */
  BgpStatus?: string;
  VpnLogDetail?: string;
};

/** Every cause the tunnel log can give, failures first (the one list; the API schema reads it). */
export const LOG_CAUSES = [
  "psk-mismatch",
  "no-proposal-match",
  "phase2-failing",
  "peer-not-responding",
  "bgp-down",
  "route-limit",
  "nat-t-detected",
] as const;
export type LogCause = (typeof LOG_CAUSES)[number];

/** Each cause in a few words, for an alert's subject line. */
export const CAUSE_HEADLINES: Record<LogCause, string> = {
  "psk-mismatch": "pre-shared key mismatch",
  "no-proposal-match": "no proposal match",
  "phase2-failing": "phase 2 (IPsec) failing",
  "peer-not-responding": "peer not responding",
  "bgp-down": "IPsec up, BGP down",
  "route-limit": "BGP routes over the limit",
  "nat-t-detected": "NAT-T detected",
};

/** Causes that keep a tunnel from working (NAT-T detected is a fact to act on, not a failure). */
export const FAILURE_CAUSES: readonly LogCause[] = LOG_CAUSES.filter((cause) => cause !== "nat-t-detected");

/** Whether a cause (as a card or an alert carries it) says why a tunnel does not work. */
export const isFailureCause = (cause: string): cause is LogCause =>
  (FAILURE_CAUSES as readonly string[]).includes(cause);

export type LogExplanation = {
  cause: LogCause;
  summary: string;
  action: string;
  /** The event the cause was read from: its time (ms) and AWS's own words. */
  evidence: { at: number; detail: string };
};

const asBool = (value: unknown): boolean | undefined =>
  typeof value === "boolean"
    ? value
    : value === "True" || value === "true"
      ? true
      : value === "False" || value === "false"
        ? false
        : undefined;
const asString = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** Parses a CloudWatch Logs event's message; null when it is not a tunnel-log JSON object. */
export function parseTunnelLogEvent(timestamp: number, message: string): TunnelLogEvent | null {
  let raw: unknown;
  try {
    raw = JSON.parse(message);
  } catch {
    return null;
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return null;
  const record = raw as Record<string, unknown>;
  return {
    timestamp,
    VpnLogCreationTimestamp: asString(record.VpnLogCreationTimestamp),
    VpnConnectionId: asString(record.VpnConnectionId),
    TunnelOutsideIPAddress: asString(record.TunnelOutsideIPAddress),
    TunnelDPDEnabled: asBool(record.TunnelDPDEnabled),
    TunnelCGWNATTDetectionStatus: asBool(record.TunnelCGWNATTDetectionStatus),
    TunnelIKEPhase1State: asString(record.TunnelIKEPhase1State),
    TunnelIKEPhase2State: asString(record.TunnelIKEPhase2State),
    BgpStatus: asString(record.BgpStatus),
    VpnLogDetail: asString(record.VpnLogDetail),
  };
}

const PROPOSAL_FIX =
  "Set phase 1 and phase 2 to AES-256, SHA2-256 and DH group 14 with the IKE version of the request, as in the downloaded configuration.";

type Rule = {
  cause: LogCause;
  test: (event: TunnelLogEvent, detail: string) => boolean;
  summary: (event: TunnelLogEvent, detail: string) => string;
  action: string;
};

/** What the router offered, when AWS's message lists it (e.g. "…: AES_CBC_128/HMAC_SHA1_96/…"). */
function offered(detail: string): string | null {
  const match = /(?:proposals?|offered|received)[^:]*:\s*(.+)$/i.exec(detail);
  return match?.[1]?.trim() ? match[1].trim() : null;
}

// Most specific first: a log can say "No proposal chosen" for phase 2 while phase 1 is up.
const RULES: Rule[] = [
  {
    cause: "psk-mismatch",
    test: (_, d) => /invalid Pre-shared Key|authentication failed|AUTHENTICATION_FAILED/i.test(d),
    summary: () => "Pre-shared key mismatch: AWS could not authenticate the router's IKE messages.",
    action:
      "Copy this tunnel's pre-shared key again from the router configuration (each tunnel has its own) and check the router uses it for this tunnel's outside IP.",
  },
  {
    cause: "phase2-failing",
    test: (_, d) =>
      /No Proposal Match Found\. Notifying with "No proposal chosen"|for Phase 2|TS_UNACCEPTABLE|traffic selector/i.test(
        d,
      ) && !/for Phase 1/i.test(d),
    summary: (_, d) => {
      const router = offered(d);
      return `Phase 2 (IPsec SA) is failing: the router's IPsec proposal or traffic selectors are not accepted${router ? `; the router offered ${router}` : ""}.`;
    },
    action: `${PROPOSAL_FIX} Use 0.0.0.0/0 ↔ 0.0.0.0/0 (route-based VPN) or exactly the request's networks as the IPsec policy.`,
  },
  {
    cause: "no-proposal-match",
    test: (_, d) => /No Proposal Match Found|NO_PROPOSAL_CHOSEN|INVALID_KE_PAYLOAD/i.test(d),
    summary: (_, d) => {
      const router = offered(d);
      return `No proposal match: the router offers encryption, integrity or DH settings AWS does not accept${router ? ` (the router offered ${router})` : ""}.`;
    },
    action: PROPOSAL_FIX,
  },
  {
    cause: "peer-not-responding",
    test: (_, d) =>
      /Peer is not responsive|Declaring peer dead|DPD|retransmit|timed out|received DELETE for Phase 1 SA/i.test(
        d,
      ),
    summary: (_, d) =>
      /received DELETE/i.test(d)
        ? "Peer not responding: your router closed the tunnel (AWS received its DELETE) and has not negotiated again."
        : "Peer not responding: AWS gets no IKE or dead-peer-detection replies from your router and declared it dead.",
    action:
      "Check the router is powered, online and reaches this tunnel's outside IP on UDP 500 and 4500, and that no firewall or NAT in between drops them.",
  },
  {
    cause: "route-limit",
    test: (_, d) => /(maximum|limit|exceed)[^.]*route|route[^.]*(maximum|limit|exceed)/i.test(d),
    summary: () =>
      "BGP routes over the limit: the router advertised more than 100 routes and AWS reset the session.",
    action: "AWS accepts at most 100 routes per tunnel: summarise the networks your router advertises.",
  },
  {
    cause: "bgp-down",
    test: (e, d) =>
      (e.BgpStatus !== undefined && !/^established$/i.test(e.BgpStatus)) ||
      /BGP[^.]*(down|closed|notification|idle|bad peer AS|not established)/i.test(d),
    summary: () => "IPsec is up but the BGP session is down.",
    action:
      "Check the router's BGP neighbour is the tunnel's inside address (169.254.x.x, AWS side .1), with the platform ASN and your ASN as configured, and that TCP 179 is allowed inside the tunnel.",
  },
];

const isUp = (state: string | undefined) => state !== undefined && /^(established|rekeying)$/i.test(state);

/**
 * The cause AWS's tunnel log gives, from the tunnel's recent events (any order). The newest event
 * that says something decides; an event showing both phases established after it clears an IKE
 * cause (the tunnel recovered), but not a BGP one (BGP rides on an established IPsec tunnel).
 * NAT-T detected is said only when nothing worse is known: it is a fact to act on, not a failure.
 */
export function explainTunnelLogs(events: readonly TunnelLogEvent[]): LogExplanation | null {
  // Events of the same millisecond keep their order: the later one is the newer.
  const newestFirst = events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => b.event.timestamp - a.event.timestamp || b.index - a.index)
    .map(({ event }) => event);
  let recovered = false;
  for (const event of newestFirst) {
    const detail = event.VpnLogDetail?.trim() ?? "";
    const rule = RULES.find((candidate) => candidate.test(event, detail));
    if (rule) {
      const bgp = rule.cause === "bgp-down" || rule.cause === "route-limit";
      if (recovered && !bgp) break;
      return {
        cause: rule.cause,
        summary: rule.summary(event, detail),
        action: rule.action,
        evidence: { at: event.timestamp, detail: detail || `BGP ${event.BgpStatus ?? "state unknown"}` },
      };
    }
    if (event.BgpStatus !== undefined && /^established$/i.test(event.BgpStatus)) break;
    if (isUp(event.TunnelIKEPhase1State) && isUp(event.TunnelIKEPhase2State)) recovered = true;
  }
  const natt = newestFirst.find((event) => event.TunnelCGWNATTDetectionStatus === true);
  if (!natt) return null;
  return {
    cause: "nat-t-detected",
    summary: "NAT-T detected: your router is behind NAT, so IKE and IPsec run over UDP 4500.",
    action:
      "Allow UDP 4500 (as well as 500) both ways through the NAT device, and keep NAT-T enabled on the router.",
    evidence: {
      at: natt.timestamp,
      detail: natt.VpnLogDetail?.trim() || "TunnelCGWNATTDetectionStatus: True",
    },
  };
}
