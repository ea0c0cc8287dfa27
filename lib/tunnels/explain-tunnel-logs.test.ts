import { describe, expect, it } from "vitest";
import { explainTunnelLogs, parseTunnelLogEvent, type TunnelLogEvent } from "./explain-tunnel-logs";
import { RECORDED, type RecordedEvent } from "./fixtures/tunnel-log-events";

const parse = (events: RecordedEvent[]): TunnelLogEvent[] =>
  events.flatMap((event) => parseTunnelLogEvent(event.timestamp, event.message) ?? []);
const explain = (events: RecordedEvent[]) => explainTunnelLogs(parse(events));

describe("explainTunnelLogs over recorded AWS tunnel-log events", () => {
  it.each([
    ["pskIkev1", "psk-mismatch", /pre-shared key/],
    ["pskIkev2", "psk-mismatch", /pre-shared key/],
    ["noProposalIkev1", "no-proposal-match", /AES-256, SHA2-256 and DH group 14/],
    ["noProposalIkev2", "no-proposal-match", /AES-256, SHA2-256 and DH group 14/],
    ["phase2", "phase2-failing", /0\.0\.0\.0\/0/],
    ["peerDead", "peer-not-responding", /UDP 500 and 4500/],
    ["peerDeleted", "peer-not-responding", /UDP 500 and 4500/],
    ["nattPsk", "psk-mismatch", /pre-shared key/],
    ["natt", "nat-t-detected", /UDP 4500/],
    ["bgpDown", "bgp-down", /TCP 179/],
    ["routeLimit", "route-limit", /summarise/],
  ] as const)("%s → %s", (name, cause, action) => {
    const explanation = explain(RECORDED[name]);
    expect(explanation?.cause).toBe(cause);
    expect(explanation?.action).toMatch(action);
  });

  it("says what the router offered when AWS's message lists it, and not otherwise", () => {
    expect(explain(RECORDED.noProposalIkev1)?.summary).toContain(
      "AES_CBC_128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_1024",
    );
    expect(explain(RECORDED.noProposalIkev2)?.summary).not.toContain("offered");
  });

  it("keeps AWS's words and the time of the event it read the cause from", () => {
    const [, failed] = RECORDED.pskIkev1;
    expect(explain(RECORDED.pskIkev1)?.evidence).toEqual({
      at: failed?.timestamp,
      detail: "AWS tunnel payload decryption was unsuccessful due to invalid Pre-shared Key",
    });
  });

  it("reads the newest cause whatever order the events come in", () => {
    expect(explain([...RECORDED.peerDead].reverse())?.cause).toBe("peer-not-responding");
  });

  it("forgets an IKE failure once both phases are established after it", () => {
    expect(explain(RECORDED.recovered)).toBeNull();
  });

  it("has nothing to say without events, and skips messages that are not tunnel-log JSON", () => {
    expect(explainTunnelLogs([])).toBeNull();
    expect(parseTunnelLogEvent(1, "not json")).toBeNull();
    expect(parseTunnelLogEvent(1, "[1,2]")).toBeNull();
  });

  it("reads AWS's True/False strings as booleans", () => {
    const event = parseTunnelLogEvent(1, JSON.stringify({ TunnelCGWNATTDetectionStatus: "True" }));
    expect(event?.TunnelCGWNATTDetectionStatus).toBe(true);
  });
});
