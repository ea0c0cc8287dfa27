// One lab scenario: build the namespaces, play the platform side of every tunnel, run the
// customer's downloaded configuration, and measure what a customer would see. Takes a
// RouterConfigInput (hand-made fixtures today; later the inputs of a request provisioned through
// the EC2 emulator) plus lab options. Always tears everything down, even on failure.
import { join } from "node:path";
import { buildConfigModel, describeTunnel } from "@/lib/router-config/render-helpers";
import { strongswanConnectionName } from "@/lib/router-config/render-strongswan";
import type { RouterConfigInput } from "@/lib/router-config/types";
import {
  type CustomerSide,
  type DownloadedFiles,
  lanAddresses,
  loadCustomerConnections,
  startCustomer,
} from "./customer-side";
import { inNs, must, sleep, waitFor } from "./exec";
import { bgpPeers, type Frr, startFrr, stopFrr } from "./frr-lab";
import { addLoopbackAddress, createTopology, destroyTopology, sweepStale, type Topology } from "./netns";
import { platformFrrConf, platformInitiates, platformSwanctlConf, type StartupAction } from "./platform-side";
import {
  type Charon,
  charonLog,
  isUp,
  listSas,
  loadSwanctl,
  startCharon,
  stopCharon,
  waitForTun,
} from "./strongswan-lab";

export type LabOptions = {
  name: string;
  /** Platform-side PSK per tunnel number, to make a tunnel fail authentication (negative control). */
  platformPskOverride?: Partial<Record<1 | 2, string>>;
  /** Platform-side IKE/ESP proposals for every tunnel (proposal-mismatch negative control). */
  platformProposalOverride?: string;
  /** The connection's startup action on the platform side (default `add`, what provisioning sends). */
  platformStartupAction?: StartupAction;
  /**
   * Wait this long with the platform side running and the customer's connections NOT loaded, and
   * record whether the platform initiated (AWS: never for IKEv1; IKEv2 only with startup `start`).
   */
  initiationCheckMs?: number;
  /**
   * "auth-failed": expect no SA and AUTH_FAILED in the customer log; "no-proposal": expect no SA and
   * NO_PROPOSAL_CHOSEN; otherwise working tunnels.
   */
  expect?: "up" | "auth-failed" | "no-proposal" | "bgp-down";
  /**
   * Stop the platform side of tunnel 1 (the preferred one) and check that VPC-prefix traffic crosses
   * to tunnel 2 with the file's own route handling (static: the up/down script withdraws tunnel 1's
   * VPC route).
   */
  failover?: boolean;
  /** Per-wait timeout (SA up, BGP Established, ping). */
  timeoutMs?: number;
  log?: (line: string) => void;
  /**
   * The parameters the PLATFORM side runs with, when they come from somewhere else than the
   * customer's input (a request provisioned through the EC2 emulator: what the emulator holds).
   * Default: the same input as the customer side.
   */
  platformInput?: RouterConfigInput;
  /** The customer's configuration files as downloaded from the portal, loaded unchanged. */
  downloaded?: DownloadedFiles;
  /**
   * Runs after the tunnels are up and the ping has crossed, while everything still runs (e.g. the
   * telemetry bridge checks); may stop the customer side. What it returns lands in result.extra;
   * what it throws in result.failures.
   */
  whileUp?: (lab: LabHandles) => Promise<Record<string, unknown>>;
  /** Like whileUp, for an `expect` failure once it was seen (daemons still running). */
  whileFailed?: (lab: LabHandles) => Promise<Record<string, unknown>>;
};

/** The running lab, for a whileUp hook. */
export type LabHandles = {
  topology: Topology;
  platform: PlatformEndpoint[];
  customer: CustomerSide;
  /** Stops the customer's FRR and charon (charon deletes its SAs on the way out). */
  stopCustomer: () => Promise<void>;
  log: (line: string) => void;
};

export type LabResult = {
  name: string;
  ok: boolean;
  failures: string[];
  /** ms from loading the customer's connections to each tunnel's IKE_SA ESTABLISHED + CHILD_SA INSTALLED. */
  tunnelUpMs: Record<number, number>;
  /** ms from loading the connections to each BGP session Established (customer side, by tunnel). */
  bgpEstablishedMs: Record<number, number>;
  /** Prefixes received: by the customer from the platform, and by the platform endpoints from the customer. */
  routes?: { customerReceived: number; platformReceived: number };
  ping?: { from: string; to: string; ok: boolean; viaTunnel: number | null };
  failover?: {
    stoppedTunnel: number;
    recoveredViaTunnel: number | null;
    recoveryMs: number | null;
    /** ms from the stop until tunnel 1's VPC route was withdrawn (static). */
    routeWithdrawnMs?: number | null;
  };
  authFailedSeen?: boolean;
  noProposalSeen?: boolean;
  /** Per tunnel: whether the platform side initiated an IKE_SA (from its log). */
  platformInitiated?: Record<number, boolean>;
  /** Static: the customer's routes to the platform VPC (from the file's up/down script). */
  vpcRoutes?: { whenUp: string[]; afterFailover?: string[] };
  /** What a whileUp hook measured. */
  extra?: Record<string, unknown>;
  totalMs: number;
};

function labLog(options: LabOptions, started: number): (line: string) => void {
  const sink = options.log;
  if (!sink) return () => {};
  return (line) => sink(`${String(Date.now() - started).padStart(6)} ms ${line}`);
}

async function ping(ns: string, from: string, to: string, count = 3): Promise<boolean> {
  const r = await inNs(ns, "ping", ["-n", "-q", "-c", String(count), "-i", "0.2", "-W", "1", "-I", from, to]);
  return r.code === 0;
}

/** Which tunnel's customer CHILD_SA sent the most bytes since `before`. */
function carrier(
  before: Map<string, number>,
  after: Map<string, number>,
  input: RouterConfigInput,
): number | null {
  let best: number | null = null;
  let bestDelta = 0;
  for (const t of input.tunnels) {
    const name = strongswanConnectionName(t.number);
    const delta = (after.get(name) ?? 0) - (before.get(name) ?? 0);
    if (delta > bestDelta) {
      bestDelta = delta;
      best = t.number;
    }
  }
  return best;
}

async function bytesOut(charon: Charon): Promise<Map<string, number>> {
  return new Map((await listSas(charon)).map((s) => [s.name, s.bytesOut]));
}

/** The customer's routes to `cidr` (`ip route show <cidr>`), one line each. */
async function routesTo(ns: string, cidr: string): Promise<string[]> {
  const r = await inNs(ns, "ip", ["route", "show", cidr]);
  return r.stdout
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
}

const INITIATING = /initiating (Main Mode )?IKE_SA/;

export type PlatformEndpoint = { tunnel: number; outsideIp: string; charon: Charon; frr: Frr | null };

/** An `expect` failure: the customer side refuses, logs why (`pattern`), and no SA comes up. */
type Refusal = {
  logged: string;
  pattern: RegExp;
  field: "noProposalSeen" | "authFailedSeen";
  notLogged: string;
  despite: string;
  seen: string;
};

const REFUSALS: Partial<Record<NonNullable<LabOptions["expect"]>, Refusal>> = {
  "no-proposal": {
    logged: "NO_PROPOSAL_CHOSEN",
    pattern: /NO_PROPOSAL_CHOSEN|no acceptable proposal|no proposal chosen/i,
    field: "noProposalSeen",
    notLogged: "no proposal-mismatch error logged",
    despite: "the proposal mismatch",
    seen: "proposal mismatch",
  },
  "auth-failed": {
    logged: "AUTH_FAILED",
    pattern: /AUTHENTICATION_FAILED|AUTH_FAILED|authentication of .* failed|INVALID_ID_INFORMATION/,
    field: "authFailedSeen",
    notLogged: "no authentication failure logged",
    despite: "the wrong PSK",
    seen: "authentication failure",
  },
};

export async function runLabScenario(input: RouterConfigInput, options: LabOptions): Promise<LabResult> {
  const started = Date.now();
  const log = labLog(options, started);
  const timeoutMs = options.timeoutMs ?? 20_000;
  const model = buildConfigModel(input);
  const platformInput = options.platformInput ?? input;
  const platformModel = buildConfigModel(platformInput);
  const failures: string[] = [];
  const result: LabResult = {
    name: options.name,
    ok: false,
    failures,
    tunnelUpMs: {},
    bgpEstablishedMs: {},
    totalMs: 0,
  };
  await sweepStale();
  let topology: Topology | null = null;
  const platform: PlatformEndpoint[] = [];
  const stoppers: Array<() => Promise<void>> = [];
  try {
    topology = await createTopology({
      customerGatewayIp: input.customerGatewayIp,
      awsOutsideIps: platformModel.tunnels.map((t) => t.outsideIp),
    });
    const topo = topology;
    log(`[${options.name}] namespaces ${topo.namespaces.join(", ")}; files in ${topo.dir}`);
    const vpcHost = model.keepAliveTarget;

    // Platform side of every tunnel.
    for (const [i, tunnel] of platformInput.tunnels.entries()) {
      const endpoint = topo.aws[i];
      if (!endpoint) throw new Error("topology/tunnel mismatch");
      const t = describeTunnel(tunnel);
      const dir = join(topo.dir, `aws${t.number}`);
      const charon = await startCharon(endpoint.ns, dir);
      stoppers.push(() => stopCharon(charon));
      await waitForTun(endpoint.ns);
      await must("ip", [
        "-n",
        endpoint.ns,
        "addr",
        "add",
        `${t.awsInsideIp}/${t.insidePrefix}`,
        "dev",
        "ipsec0",
      ]);
      await addLoopbackAddress(
        endpoint.ns,
        `${platformModel.keepAliveTarget}/${platformModel.platformVpc.prefix}`,
      );
      await loadSwanctl(
        charon,
        "swanctl.conf",
        platformSwanctlConf(platformInput, tunnel, {
          ...(options.platformPskOverride?.[tunnel.number]
            ? { psk: options.platformPskOverride[tunnel.number] }
            : {}),
          ...(options.platformProposalOverride ? { proposals: options.platformProposalOverride } : {}),
          startupAction: options.platformStartupAction ?? "add",
        }),
      );
      let frr: Frr | null = null;
      if (platformModel.bgp) {
        frr = await startFrr(endpoint.ns, join(dir, "frr"), platformFrrConf(platformInput, tunnel));
        const f = frr;
        stoppers.push(() => stopFrr(f));
      }
      platform.push({ tunnel: t.number, outsideIp: t.outsideIp, charon, frr });
      log(`[${options.name}] platform side of tunnel ${t.number} ready`);
    }

    // Customer side: the downloaded files.
    const customer = await startCustomer(topo, input, options.downloaded);
    stoppers.push(() => stopCharon(customer.charon));
    if (customer.frr) {
      const f = customer.frr;
      stoppers.push(() => stopFrr(f));
    }
    log(`[${options.name}] platform and customer daemons ready`);
    const startup = options.platformStartupAction ?? "add";
    if (options.initiationCheckMs) {
      // Customer connections not loaded yet: only the platform could start a tunnel now.
      await sleep(options.initiationCheckMs);
      log(
        `[${options.name}] ${options.initiationCheckMs} ms with only the platform side configured (startup action ${startup}, ${input.ikeVersion})`,
      );
    }
    const platformInitiated = () =>
      Object.fromEntries(platform.map((e) => [e.tunnel, INITIATING.test(charonLog(e.charon))]));
    if (options.initiationCheckMs) {
      result.platformInitiated = platformInitiated();
      const expected = platformInitiates(input.ikeVersion, startup);
      for (const [n, initiated] of Object.entries(result.platformInitiated)) {
        if (initiated !== expected) {
          failures.push(
            `platform side of tunnel ${n} ${initiated ? "initiated" : "did not initiate"} (${input.ikeVersion}, startup action ${startup}); AWS ${expected ? "does" : "does not"}`,
          );
        }
      }
      log(`[${options.name}] platform initiated: ${JSON.stringify(result.platformInitiated)}`);
    }
    const t0 = Date.now();
    await loadCustomerConnections(customer);

    // An expected failure, once seen: the hook runs while the daemons still do.
    const whileFailed = async () => {
      if (!options.whileFailed) return;
      const stopCustomer = () => stopCharon(customer.charon);
      result.extra = await options.whileFailed({ topology: topo, platform, customer, stopCustomer, log });
    };
    const refusal = options.expect ? REFUSALS[options.expect] : undefined;
    if (refusal) {
      const seen = await waitFor(`${refusal.logged} in the customer log`, timeoutMs, async () =>
        refusal.pattern.test(charonLog(customer.charon)) ? true : undefined,
      ).catch(() => false);
      result[refusal.field] = seen;
      if (!seen) failures.push(refusal.notLogged);
      await sleep(1000);
      const sas = await listSas(customer.charon);
      const up = input.tunnels.filter((t) => isUp(sas, strongswanConnectionName(t.number)));
      if (up.length > 0)
        failures.push(`tunnel(s) ${up.map((t) => t.number).join(", ")} came up despite ${refusal.despite}`);
      log(`[${options.name}] ${refusal.seen} seen: ${seen}; SAs up: ${up.length}`);
      await whileFailed();
      return result;
    }

    // Tunnels up.
    await waitFor("all tunnels up", timeoutMs, async () => {
      const sas = await listSas(customer.charon);
      for (const t of input.tunnels) {
        if (result.tunnelUpMs[t.number] === undefined && isUp(sas, strongswanConnectionName(t.number))) {
          result.tunnelUpMs[t.number] = Date.now() - t0;
        }
      }
      return input.tunnels.every((t) => result.tunnelUpMs[t.number] !== undefined) ? true : undefined;
    }).catch((error: unknown) => failures.push(String(error instanceof Error ? error.message : error)));
    log(`[${options.name}] tunnels up (ms): ${JSON.stringify(result.tunnelUpMs)}`);
    if (!options.initiationCheckMs) result.platformInitiated = platformInitiated();
    if (startup === "add" && Object.values(result.platformInitiated ?? {}).some(Boolean)) {
      failures.push("the platform side initiated although the startup action is add (AWS never does)");
    }

    // Static: the file's up/down script installs one VPC route per tunnel (metric 100, 200).
    if (!model.bgp) {
      const whenUp = await waitFor("VPC routes from the up/down script", timeoutMs, async () => {
        const routes = await routesTo(topo.cust.ns, model.platformVpc.cidr);
        return routes.length >= input.tunnels.length ? routes : undefined;
      }).catch(async () => routesTo(topo.cust.ns, model.platformVpc.cidr));
      result.vpcRoutes = { whenUp };
      if (whenUp.length < input.tunnels.length)
        failures.push(
          `expected ${input.tunnels.length} VPC route(s) from the up/down script, got: ${whenUp.join(" | ") || "none"}`,
        );
      log(`[${options.name}] VPC routes from the file's up/down script: ${whenUp.join(" | ")}`);
    }

    // "bgp-down": IPsec is up and BGP is expected not to come up (e.g. a wrong ASN).
    if (options.expect === "bgp-down") {
      await whileFailed();
      return result;
    }

    // BGP.
    if (model.bgp && customer.frr) {
      const peersByTunnel = new Map(model.tunnels.map((t) => [t.awsInsideIp, t.number]));
      const poll = async () => {
        const peers = await bgpPeers(topo.cust.ns);
        for (const [addr, peer] of Object.entries(peers)) {
          const n = peersByTunnel.get(addr);
          if (n !== undefined && peer.state === "Established" && result.bgpEstablishedMs[n] === undefined) {
            result.bgpEstablishedMs[n] = Date.now() - t0;
          }
        }
        const count = Object.keys(result.bgpEstablishedMs).length;
        return count === model.tunnels.length ? count : undefined;
      };
      // kernel-libipsec (one TUN, no if_id separation) sends all customer traffic into ONE of the
      // two identical 0/0 SAs, so only that tunnel's BGP session can come up here; on a real
      // router each SA has its own XFRM interface and both sessions come up. Require every
      // session only for a single tunnel; with two, one session plus routes both ways.
      const needAll = model.tunnels.length === 1;
      await waitFor("BGP Established", needAll ? timeoutMs : Math.min(timeoutMs, 8000), poll).catch(
        (error: unknown) => {
          const count = Object.keys(result.bgpEstablishedMs).length;
          if (needAll || count === 0) failures.push(String(error instanceof Error ? error.message : error));
        },
      );
      log(`[${options.name}] BGP Established (ms): ${JSON.stringify(result.bgpEstablishedMs)}`);
      const routes = await waitFor("routes exchanged both ways", timeoutMs, async () => {
        const cust = Object.values(await bgpPeers(topo.cust.ns)).reduce((n, p) => n + p.pfxRcd, 0);
        let plat = 0;
        for (const e of platform)
          plat += Object.values(await bgpPeers(e.charon.ns)).reduce((n, p) => n + p.pfxRcd, 0);
        return cust >= 1 && plat >= input.customerCidrs.length
          ? { customerReceived: cust, platformReceived: plat }
          : undefined;
      }).catch((error: unknown) => {
        failures.push(String(error instanceof Error ? error.message : error));
        return undefined;
      });
      if (routes) result.routes = routes;
    }

    // Data across the tunnel: a LAN address of the customer to a VPC address of the platform.
    const from = (lanAddresses(input)[0] ?? "").split("/")[0] ?? "";
    const before = await bytesOut(customer.charon);
    const pingOk = await waitFor("ping across the tunnel", timeoutMs, async () =>
      (await ping(topo.cust.ns, from, vpcHost)) ? true : undefined,
    ).catch(() => false);
    const via = carrier(before, await bytesOut(customer.charon), input);
    result.ping = { from, to: vpcHost, ok: pingOk, viaTunnel: via };
    if (!pingOk) failures.push(`ping ${from} -> ${vpcHost} failed`);
    log(`[${options.name}] ping ${from} -> ${vpcHost}: ${pingOk ? "ok" : "FAILED"} via tunnel ${via ?? "?"}`);

    if (options.failover) {
      // Tunnel 1 is the preferred one (metric 100 / local-preference 200): stop its platform side.
      const stopped = 1;
      const endpoint = platform.find((e) => e.tunnel === stopped);
      if (!endpoint) throw new Error(`no platform endpoint for tunnel ${stopped}`);
      const tStop = Date.now();
      if (endpoint.frr) await stopFrr(endpoint.frr);
      await stopCharon(endpoint.charon);
      log(`[${options.name}] stopped the platform side of tunnel ${stopped}`);
      let routeWithdrawnMs: number | null | undefined;
      if (!model.bgp) {
        const withdrawn = await waitFor("tunnel 1's VPC route withdrawn", timeoutMs, async () => {
          const routes = await routesTo(topo.cust.ns, model.platformVpc.cidr);
          return routes.every((r) => !/metric 100\b/.test(r)) ? routes : undefined;
        }).catch(() => null);
        routeWithdrawnMs = withdrawn ? Date.now() - tStop : null;
        const after = await routesTo(topo.cust.ns, model.platformVpc.cidr);
        result.vpcRoutes = { whenUp: result.vpcRoutes?.whenUp ?? [], afterFailover: after };
        if (!withdrawn) failures.push("tunnel 1's VPC route was not withdrawn by the up/down script");
        if (!after.some((r) => /metric 200\b/.test(r)))
          failures.push("tunnel 2's VPC route is missing after failover");
        log(`[${options.name}] VPC routes after the stop: ${after.join(" | ") || "none"}`);
      }
      const beforeFailover = await bytesOut(customer.charon);
      const recovered = await waitFor(
        "ping after failover",
        timeoutMs,
        async () => ((await ping(topo.cust.ns, from, vpcHost, 1)) ? true : undefined),
        200,
      ).catch(() => false);
      const recoveryMs = recovered ? Date.now() - tStop : null;
      // More pings so the byte counters show which tunnel carries the VPC traffic now.
      if (recovered) await ping(topo.cust.ns, from, vpcHost, 3);
      const after = carrier(beforeFailover, await bytesOut(customer.charon), input);
      result.failover = {
        stoppedTunnel: stopped,
        recoveredViaTunnel: recovered ? after : null,
        recoveryMs,
        ...(routeWithdrawnMs !== undefined ? { routeWithdrawnMs } : {}),
      };
      if (!recovered) failures.push("no ping after the platform side of tunnel 1 stopped");
      else if (after !== 2)
        failures.push(`VPC traffic after failover counted on tunnel ${after ?? "none"}, not tunnel 2`);
      log(
        `[${options.name}] failover: ${recovered ? `recovered in ${recoveryMs} ms via tunnel ${after ?? "?"}` : "NOT recovered"}`,
      );
    }
    if (options.whileUp) {
      let customerStopped = false;
      const stopCustomer = async () => {
        if (customerStopped) return;
        customerStopped = true;
        if (customer.frr) await stopFrr(customer.frr);
        await stopCharon(customer.charon);
      };
      result.extra = await options.whileUp({ topology: topo, platform, customer, stopCustomer, log });
    }
    return result;
  } catch (error) {
    failures.push(error instanceof Error ? error.message : String(error));
    return result;
  } finally {
    const tCleanup = Date.now();
    for (const stop of stoppers.reverse()) await stop().catch(() => {});
    log(`[${options.name}] daemons stopped in ${Date.now() - tCleanup} ms`);
    if (topology) await destroyTopology(topology);
    result.totalMs = Date.now() - started;
    result.ok = failures.length === 0;
  }
}
