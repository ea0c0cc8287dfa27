// Proves on real strongSwan 5.9.8 (kernel-libipsec) and FRR 8.4, in network namespaces, that the
// configuration a customer downloads (renderStrongswan / renderFrr output, loaded unchanged) brings
// the tunnels and BGP up against a platform side generated from the same parameters.
// Run: npx vitest run --config lab/vitest.config.ts   (root on Linux; lab/install-deps.sh first)
import { describe, expect, it } from "vitest";
import { runLabScenario } from "./run-lab";
import { LAB_SCENARIOS, labUnavailableReason } from "./scenarios";

const reason = labUnavailableReason();
if (reason) console.log(`tunnel lab tests skipped: ${reason}`);

function scenario(name: string) {
  const found = LAB_SCENARIOS.find((s) => s.options.name === name);
  if (!found) throw new Error(`no lab scenario ${name}`);
  return found;
}

async function run(name: string) {
  const s = scenario(name);
  const result = await runLabScenario(s.input, { ...s.options, log: console.log });
  console.log(`${name}: ${JSON.stringify(result)}`);
  return result;
}

describe.skipIf(reason !== null)("tunnel lab (real strongSwan + FRR in network namespaces)", () => {
  it("IKEv2 static: the platform never initiates (startup add); both tunnels up from the file's own routes; LAN pings the VPC", async () => {
    const r = await run("ikev2-static");
    expect(r.failures).toEqual([]);
    expect(r.platformInitiated).toEqual({ 1: false, 2: false });
    expect(r.vpcRoutes?.whenUp.some((l) => /metric 100\b/.test(l))).toBe(true);
    expect(r.vpcRoutes?.whenUp.some((l) => /metric 200\b/.test(l))).toBe(true);
    expect(Object.keys(r.tunnelUpMs)).toEqual(["1", "2"]);
    expect(r.ping?.ok).toBe(true);
    expect(r.ping?.viaTunnel).not.toBeNull();
  });

  it("IKEv1 main mode static: both tunnels up; customer LAN pings the VPC", async () => {
    const r = await run("ikev1-static");
    expect(r.failures).toEqual([]);
    expect(Object.keys(r.tunnelUpMs)).toEqual(["1", "2"]);
    expect(r.ping?.ok).toBe(true);
  });

  it("IKEv2 BGP, two tunnels: both SAs up, BGP Established, routes both ways, ping", async () => {
    const r = await run("ikev2-bgp");
    expect(r.failures).toEqual([]);
    expect(Object.keys(r.tunnelUpMs)).toEqual(["1", "2"]);
    expect(Object.keys(r.bgpEstablishedMs).length).toBeGreaterThanOrEqual(1);
    expect(r.routes?.customerReceived).toBeGreaterThanOrEqual(1); // the platform VPC
    expect(r.routes?.platformReceived).toBeGreaterThanOrEqual(2); // both customer networks
    expect(r.ping?.ok).toBe(true);
  });

  it("IKEv2 BGP, single tunnel: session Established, routes both ways, ping", async () => {
    const r = await run("ikev2-bgp-1tunnel");
    expect(r.failures).toEqual([]);
    expect(Object.keys(r.bgpEstablishedMs)).toEqual(["1"]);
    expect(r.ping?.ok).toBe(true);
  });

  it("AWS-faithful: with IKEv1 the platform never initiates, even with startup action start", async () => {
    const r = await run("aws-never-initiates-ikev1");
    expect(r.failures).toEqual([]);
    expect(r.platformInitiated).toEqual({ 1: false, 2: false });
    expect(Object.keys(r.tunnelUpMs)).toEqual(["1", "2"]);
  });

  it("AWS-faithful: with IKEv2 and startup action start the platform initiates", async () => {
    const r = await run("aws-ikev2-startup-start");
    expect(r.failures).toEqual([]);
    expect(r.platformInitiated).toEqual({ 1: true });
    expect(Object.keys(r.tunnelUpMs)).toEqual(["1"]);
  });

  it("failover: tunnel 1's platform side stopped, the file's up/down script withdraws its VPC route, VPC traffic crosses tunnel 2", async () => {
    const r = await run("failover");
    expect(r.failures).toEqual([]);
    expect(r.failover?.stoppedTunnel).toBe(1);
    expect(r.failover?.routeWithdrawnMs).not.toBeNull();
    expect(r.failover?.recoveryMs).not.toBeNull();
    expect(r.failover?.recoveredViaTunnel).toBe(2);
    expect(r.ping?.to).toBe("10.150.0.4"); // a VPC-prefix address, not a tunnel inside address
    expect(r.vpcRoutes?.afterFailover?.every((l) => !/metric 100\b/.test(l))).toBe(true);
  });

  it("failover with IKEv1: tunnel 1's VPC route withdrawn, VPC traffic crosses tunnel 2", async () => {
    const r = await run("failover-ikev1");
    expect(r.failures).toEqual([]);
    expect(r.failover?.recoveredViaTunnel).toBe(2);
  });

  it("negative control: wrong PSK gives AUTH_FAILED and no SA", async () => {
    const r = await run("wrong-psk");
    expect(r.failures).toEqual([]);
    expect(r.authFailedSeen).toBe(true);
    expect(r.tunnelUpMs).toEqual({});
  });

  it("negative control: a proposal mismatch gives NO_PROPOSAL_CHOSEN and no SA", async () => {
    const r = await run("proposal-mismatch");
    expect(r.failures).toEqual([]);
    expect(r.noProposalSeen).toBe(true);
    expect(r.tunnelUpMs).toEqual({});
  });
});
