// A request provisioned through the real workflow (EC2 emulator over HTTP, real SDK), brought up on
// real strongSwan 5.9.8 + FRR 8.4 in network namespaces: the platform side runs what the emulator
// holds, the customer side the files the portal's download route serves. A telemetry bridge feeds
// the platform side's real SA/BGP state to the emulator: DescribeVpnConnections' VgwTelemetry
// reads UP while the tunnels run and DOWN once the customer side stops, and the portal's tunnel
// poller carries that into the request's tunnels and status.
// Run: npx vitest run --config lab/vitest.config.ts   (root on Linux; lab/install-deps.sh first)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulatorForApp, type TestEmulator } from "@/test/support/emulator";
import { type MailCatcher, startMailCatcher } from "@/test/support/mail-catcher";
import { labUnavailableReason } from "./availability";
import {
  PROVISIONED_SCENARIOS,
  type ProvisionedLabResult,
  runProvisionedScenario,
} from "./provisioned-request";

const reason = labUnavailableReason();
if (reason) console.log(`provisioned-request lab tests skipped: ${reason}`);

let emulator: TestEmulator | undefined;
let mail: MailCatcher | undefined;

beforeAll(async () => {
  if (reason !== null) return;
  emulator = await startEmulatorForApp();
  // Alert email goes to a real SMTP server of the test's own (read by lib/env.ts on first use).
  mail = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
  process.env.SMTP_URL = `smtp://127.0.0.1:${mail.smtpPort}`;
});
afterAll(async () => {
  await emulator?.close();
  await mail?.close();
  const { stopBoss } = await import("@/lib/queue/boss");
  await stopBoss(); // alert dispatch queued its deliveries through pg-boss
});

async function run(name: string) {
  const scenario = PROVISIONED_SCENARIOS.find((s) => s.name === name);
  if (!scenario || !emulator) throw new Error(`no scenario ${name} or no emulator`);
  const result = await runProvisionedScenario(scenario, { emulatorUrl: emulator.url, log: console.log });
  console.log(
    `${name}: provisioned in ${result.provisionMs} ms; tunnel up ${JSON.stringify(result.tunnelUpMs)} ms; ` +
      `BGP Established ${JSON.stringify(result.bgpEstablishedMs)} ms; emulator telemetry UP after ` +
      `${result.telemetryUpMs} ms, DOWN ${result.telemetryDownMs} ms after the customer stopped`,
  );
  return result;
}

/** The causes the tunnel card gave (never up, or after the stop), how soon, and what the alerts carried. */
function logCauses(label: string, r: ProvisionedLabResult, reading: "never up" | "after stop") {
  const [causes, ms, cycles, alertCauses] =
    reading === "never up"
      ? [r.causes, r.causeMs, r.causeCycles, r.alertCauses]
      : [r.causesAfterStop, r.causeAfterStopMs, r.causeAfterStopCycles, r.alertCausesAfterStop];
  console.log(
    `${label}: ${JSON.stringify(causes)} in ${ms} ms (${cycles} lab cycles); alert causes ${JSON.stringify(alertCauses)}`,
  );
}

describe.skipIf(reason !== null)("tunnel lab on requests provisioned through the emulator", () => {
  it("IKEv2 static: downloaded strongSwan config brings both tunnels up, pings the VPC, telemetry follows", async () => {
    const r = await run("provisioned-ikev2-static");
    expect(r.failures).toEqual([]);
    expect(r.vpnConnectionId).toMatch(/^vpn-/);
    expect(Object.keys(r.tunnelUpMs)).toEqual(["1", "2"]);
    expect(r.ping?.ok).toBe(true);
    expect(r.telemetryWhenUp?.map((t) => [t.status, t.statusMessage])).toEqual([
      ["UP", "IPSEC IS UP"],
      ["UP", "IPSEC IS UP"],
    ]);
    expect(r.telemetryAfterStop?.map((t) => t.status)).toEqual(["DOWN", "DOWN"]);
    // The portal's tunnel poller carries it into the request: both up, then both down.
    expect(r.portalWhenUp?.tunnels.map((t) => t.status)).toEqual(["UP", "UP"]);
    expect(r.portalWhenUp?.requestStatus).toBe("ACTIVE");
    expect(r.portalAfterStop?.tunnels.map((t) => t.status)).toEqual(["DOWN", "DOWN"]);
    expect(r.portalAfterStop?.requestStatus).toBe("DOWN");
    // …and the organization hears about it: an alert email that the tunnels went down.
    expect(r.alertSubjectsAfterStop?.some((subject) => /down/i.test(subject))).toBe(true);
    // Why, from the tunnel logs (the bridge plays AWS's from the platform-side charon log): the
    // customer side's DELETE, then silence — peer not responding, on the card and in the alert.
    logCauses("cause after stop", r, "after stop");
    expect(r.causesAfterStop?.map((t) => t.cause)).toEqual(["peer-not-responding", "peer-not-responding"]);
    expect(r.alertCausesAfterStop).toContain("peer-not-responding");
  });

  it("IKEv2 BGP: downloaded strongSwan + FRR, BGP Established, routes both ways, telemetry counts routes", async () => {
    const r = await run("provisioned-ikev2-bgp");
    expect(r.failures).toEqual([]);
    expect(Object.keys(r.tunnelUpMs)).toEqual(["1", "2"]);
    expect(Object.keys(r.bgpEstablishedMs).length).toBeGreaterThanOrEqual(1);
    expect(r.routes?.customerReceived).toBeGreaterThanOrEqual(1);
    expect(r.routes?.platformReceived).toBeGreaterThanOrEqual(2);
    expect(r.ping?.ok).toBe(true);
    // The tunnel carrying the BGP session is UP with the customer's two networks accepted.
    const up = r.telemetryWhenUp?.filter((t) => t.status === "UP") ?? [];
    expect(up.length).toBeGreaterThanOrEqual(1);
    expect(up[0]).toMatchObject({ statusMessage: "2 BGP ROUTES", acceptedRouteCount: 2 });
    expect(r.telemetryAfterStop?.every((t) => t.status === "DOWN")).toBe(true);
    const upInPortal = r.portalWhenUp?.tunnels.filter((t) => t.status === "UP") ?? [];
    expect(upInPortal[0]?.acceptedRouteCount).toBe(2);
    expect(r.portalAfterStop?.tunnels.every((t) => t.status === "DOWN")).toBe(true);
    console.log(`portal: ${JSON.stringify(r.portalWhenUp)} -> ${JSON.stringify(r.portalAfterStop)}`);
  });

  it("up, then the customer side renegotiates with a wrong key: the card and the alert say PSK mismatch", async () => {
    const r = await run("provisioned-ikev2-key-changed");
    logCauses("key changed", r, "after stop");
    expect(r.failures).toEqual([]);
    expect(r.causesAfterStop?.map((t) => t.cause)).toEqual(["psk-mismatch", "psk-mismatch"]);
    expect(r.alertCausesAfterStop).toContain("psk-mismatch");
  });

  // Never up, so no change of state is news; the cause is: the alert says it, once per tunnel.
  it.each([
    {
      what: "wrong key on the customer side from the start",
      card: "pre-shared key mismatch",
      scenario: "provisioned-ikev2-wrong-psk",
      cause: "psk-mismatch",
    },
    {
      what: "a customer side offering only AES-128/SHA-1/DH 2",
      card: "no proposal match",
      scenario: "provisioned-ikev2-weak-proposal",
      cause: "no-proposal-match",
    },
    {
      what: "BGP with a wrong ASN on the customer side",
      card: "IPsec up, BGP down",
      scenario: "provisioned-ikev2-bgp-wrong-asn",
      cause: "bgp-down",
    },
  ])("$what: the card says $card", async ({ scenario, cause }) => {
    const r = await run(scenario);
    logCauses(scenario, r, "never up");
    expect(r.failures).toEqual([]);
    expect(r.causes?.map((t) => t.cause)).toEqual([cause, cause]);
    expect(r.alertCauses).toEqual([cause, cause]);
  });
});
