// The platform side's charon log turned into Site-to-Site VPN tunnel-log events in AWS's JSON format
// (fields and VpnLogDetail texts of AWS's "Contents of Site-to-Site VPN logs"), so the portal reads
// evidence produced by a real IKE exchange. Pure: the bridge feeds it lines and posts what it returns.

export type TunnelLogState = {
  phase1: "Down" | "Negotiating" | "Established";
  phase2: "Down" | "Negotiating" | "Established";
  natt: boolean;
};

export const initialTunnelLogState = (): TunnelLogState => ({ phase1: "Down", phase2: "Down", natt: false });

type Rule = {
  test: RegExp;
  next: (s: TunnelLogState) => Partial<TunnelLogState>;
  detail: (m: RegExpExecArray) => string;
};

// charon 5.9.8's words (left) → what AWS's endpoint logs for the same condition (right).
const RULES: Rule[] = [
  {
    test: /remote host is behind NAT/,
    next: () => ({ natt: true }),
    detail: () => "NAT-T detected on customer gateway, switching to UDP 4500",
  },
  {
    test: /MAC mismatched|could not decrypt payloads|invalid HASH_V1 payload length, decryption failed|integrity check failed/,
    next: () => ({ phase1: "Down", phase2: "Down" }),
    detail: () => "AWS tunnel payload decryption was unsuccessful due to invalid Pre-shared Key",
  },
  {
    test: /received proposals unacceptable|no proposal found|no acceptable proposal found|NO_PROPOSAL_CHOSEN/,
    next: (s) => (s.phase1 === "Established" ? { phase2: "Down" } : { phase1: "Down", phase2: "Down" }),
    // Phase 2 refused on an established IKE SA is AWS's "Notifying with" message; phase 1 the other.
    detail: () => "",
  },
  {
    test: /IKE_SA \S+ established between/,
    next: () => ({ phase1: "Established" }),
    detail: () => "IKE_SA established",
  },
  {
    test: /CHILD_SA \S+ established with SPIs/,
    next: () => ({ phase2: "Established" }),
    detail: () => "CHILD_SA established",
  },
  {
    test: /giving up after \d+ retransmits|DPD.*(timeout|dead)/i,
    next: () => ({ phase1: "Down", phase2: "Down" }),
    detail: () => "Peer is not responsive - Declaring peer dead",
  },
  {
    test: /received DELETE for IKE_SA/,
    next: () => ({ phase1: "Down", phase2: "Down" }),
    detail: () => "AWS tunnel received DELETE for Phase 1 SA",
  },
];

export type AwsTunnelLogMessage = {
  VpnLogCreationTimestamp: string;
  VpnConnectionId: string;
  TunnelOutsideIPAddress: string;
  TunnelDPDEnabled: boolean;
  TunnelCGWNATTDetectionStatus: boolean;
  TunnelIKEPhase1State: string;
  TunnelIKEPhase2State: string;
  VpnLogDetail: string;
};

/** One charon log line → the tunnel-log event AWS would publish, or null for a line AWS would not log. */
export function tunnelLogEventFor(
  line: string,
  state: TunnelLogState,
  tunnel: { vpnConnectionId: string; outsideIp: string; at: Date },
): { state: TunnelLogState; message: AwsTunnelLogMessage } | null {
  for (const rule of RULES) {
    const match = rule.test.exec(line);
    if (!match) continue;
    const wasEstablished = state.phase1 === "Established";
    const next = { ...state, ...rule.next(state) };
    const detail =
      rule.detail(match) ||
      (wasEstablished
        ? 'No Proposal Match Found. Notifying with "No proposal chosen"'
        : "No Proposal Match Found by AWS");
    return {
      state: next,
      message: {
        VpnLogCreationTimestamp: tunnel.at.toISOString().replace("T", " ").slice(0, 19),
        VpnConnectionId: tunnel.vpnConnectionId,
        TunnelOutsideIPAddress: tunnel.outsideIp,
        TunnelDPDEnabled: true,
        TunnelCGWNATTDetectionStatus: next.natt,
        TunnelIKEPhase1State: next.phase1,
        TunnelIKEPhase2State: next.phase2,
        VpnLogDetail: detail,
      },
    };
  }
  return null;
}

/** A BGP log event from FRR's view of the session (BgpLogEnabled). */
export function bgpLogEventFor(
  peerState: string,
  lastNotification: string | undefined,
  tunnel: { vpnConnectionId: string; outsideIp: string; at: Date },
): Record<string, unknown> {
  return {
    VpnLogCreationTimestamp: tunnel.at.toISOString().replace("T", " ").slice(0, 19),
    VpnConnectionId: tunnel.vpnConnectionId,
    TunnelOutsideIPAddress: tunnel.outsideIp,
    TunnelIKEPhase1State: "Established",
    TunnelIKEPhase2State: "Established",
    BgpStatus: peerState,
    VpnLogDetail:
      peerState === "Established"
        ? "BGP session established"
        : `BGP session down: ${peerState}${lastNotification ? ` (${lastNotification})` : ""}`,
  };
}
