import { describe, expect, it } from "vitest";
import { explainTunnelLogs, parseTunnelLogEvent } from "@/lib/tunnels/explain-tunnel-logs";
import { initialTunnelLogState, type TunnelLogState, tunnelLogEventFor } from "./charon-to-tunnel-log";

const tunnel = { vpnConnectionId: "vpn-0123456789abcdef0", outsideIp: "203.0.113.10", at: new Date(0) };

/** Feeds charon lines as the bridge does and returns the portal's reading of the events. */
function through(lines: string[]) {
  let state: TunnelLogState = initialTunnelLogState();
  const events = [];
  for (const [index, line] of lines.entries()) {
    const out = tunnelLogEventFor(line, state, tunnel);
    if (!out) continue;
    state = out.state;
    events.push(parseTunnelLogEvent(index * 1000, JSON.stringify(out.message)));
  }
  return { events, cause: explainTunnelLogs(events.flatMap((e) => (e ? [e] : [])))?.cause ?? null };
}

// Lines as charon 5.9.8 writes them on the platform (AWS) side, with the lab's time_format.
describe("charon log → AWS tunnel-log events → cause", () => {
  it("IKEv2 wrong key", () => {
    expect(
      through([
        "10:00:01 05[IKE] <aws-t1|1> tried 1 shared key for '203.0.113.10' - '198.51.100.77', but MAC mismatched",
      ]).cause,
    ).toBe("psk-mismatch");
  });
  it("IKEv1 wrong key", () => {
    expect(
      through(["10:00:01 06[ENC] <aws-t1|1> invalid HASH_V1 payload length, decryption failed?"]).cause,
    ).toBe("psk-mismatch");
  });
  it("proposal refused in phase 1, and in phase 2 on an established IKE SA", () => {
    expect(through(["10:00:01 07[IKE] <1> received proposals unacceptable"]).cause).toBe("no-proposal-match");
    expect(
      through([
        "10:00:01 07[IKE] <aws-t1|1> IKE_SA aws-t1[1] established between 203.0.113.10[203.0.113.10]...198.51.100.77[198.51.100.77]",
        "10:00:01 07[IKE] <aws-t1|1> no acceptable proposal found",
      ]).cause,
    ).toBe("phase2-failing");
  });
  it("up, then the peer stops answering", () => {
    const run = through([
      "10:00:01 07[IKE] <aws-t1|1> IKE_SA aws-t1[1] established between 203.0.113.10[203.0.113.10]...198.51.100.77[198.51.100.77]",
      "10:00:01 07[IKE] <aws-t1|1> CHILD_SA aws-t1{1} established with SPIs c1a2b3c4_i c5d6e7f8_o and TS 0.0.0.0/0 === 0.0.0.0/0",
      "10:01:30 09[IKE] <aws-t1|1> giving up after 5 retransmits",
    ]);
    expect(run.events[1]).toMatchObject({
      TunnelIKEPhase1State: "Established",
      TunnelIKEPhase2State: "Established",
    });
    expect(run.cause).toBe("peer-not-responding");
  });
  it("NAT-T on the customer side", () => {
    const run = through(["10:00:01 05[IKE] <1> remote host is behind NAT"]);
    expect(run.events[0]?.TunnelCGWNATTDetectionStatus).toBe(true);
    expect(run.cause).toBe("nat-t-detected");
  });
  it("ignores lines AWS would not log", () => {
    expect(
      tunnelLogEventFor("10:00:01 05[NET] <1> sending packet", initialTunnelLogState(), tunnel),
    ).toBeNull();
  });
});
