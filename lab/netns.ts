// Network namespaces for the tunnel lab. Topology (all outside addresses documentation-range):
//
//   cust (customer router) --- wan (the "internet": a plain IPv4 router) --- aws1, aws2 (platform
//                                                                            tunnel endpoints)
//
// Every link is a veth pair created directly inside its two namespaces (no names in the root
// namespace) and addressed as an RFC 3021 /31: the endpoint keeps its real outside IP and the wan
// side takes the other address of that /31. No namespace has a default route; each endpoint has a
// host route to each peer's outside IP via wan, so nothing can leave the machine and nothing reaches
// a VPN prefix except through a tunnel. Names are `vpnlab-<pid>-<run>-<role>`; everything created is
// removed by destroy(), on process exit, on SIGINT/SIGTERM, and (for dead pids) by the next run.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatIpv4, parseIpv4 } from "@/lib/net/ipv4";
import { liveDaemons, must, run } from "./exec";

export const NS_PREFIX = "vpnlab-";

export type Endpoint = { ns: string; outsideIp: string; wanSideIp: string; ifname: string };

export type Topology = {
  id: string;
  dir: string; // scratch directory for configs, sockets and logs of this run
  wan: string;
  cust: Endpoint;
  aws: Endpoint[]; // index i = tunnel i+1
  namespaces: string[];
};

const created = new Set<string>();
const dirs = new Set<string>();
let runCounter = 0;
let hooksInstalled = false;

/** The other address of the /31 holding ip (RFC 3021 point-to-point). */
export function pairAddress(ip: string): string {
  const value = parseIpv4(ip);
  if (value === null) throw new Error(`not an IPv4 address: ${ip}`);
  return formatIpv4(value ^ 1);
}

function cleanupSync(): void {
  for (const child of liveDaemons()) {
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }
  for (const ns of created) {
    try {
      execFileSync("ip", ["netns", "del", ns], { stdio: "ignore" });
    } catch {
      // already gone
    }
    rmSync(`/run/frr/${ns}`, { recursive: true, force: true });
  }
  created.clear();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs.clear();
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on("exit", cleanupSync);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      cleanupSync();
      process.exit(130);
    });
  }
}

/** Removes namespaces left by lab runs whose process no longer exists (e.g. killed with SIGKILL). */
export async function sweepStale(): Promise<string[]> {
  const list = await run("ip", ["netns", "list"]);
  const removed: string[] = [];
  for (const line of list.stdout.split("\n")) {
    const name = line.split(" ")[0] ?? "";
    const match = /^vpnlab-(\d+)-/.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (alive) continue;
    await killAndDeleteNamespace(name);
    removed.push(name);
  }
  return removed;
}

/** Kills whatever still runs in a namespace, deletes it and its FRR run directory. */
async function killAndDeleteNamespace(name: string): Promise<void> {
  const pids = await run("ip", ["netns", "pids", name]);
  for (const p of pids.stdout.split(/\s+/).filter(Boolean)) {
    try {
      process.kill(Number(p), "SIGKILL");
    } catch {
      // gone
    }
  }
  await run("ip", ["netns", "del", name]);
  rmSync(`/run/frr/${name}`, { recursive: true, force: true });
}

async function addNamespace(name: string): Promise<void> {
  await must("ip", ["netns", "add", name]);
  created.add(name);
  await must("ip", ["-n", name, "link", "set", "lo", "up"]);
}

/** veth pair with one end in each namespace, both up. */
async function link(nsA: string, ifA: string, nsB: string, ifB: string): Promise<void> {
  await must("ip", ["-n", nsA, "link", "add", ifA, "type", "veth", "peer", "name", ifB, "netns", nsB]);
  await must("ip", ["-n", nsA, "link", "set", ifA, "up"]);
  await must("ip", ["-n", nsB, "link", "set", ifB, "up"]);
}

export type TopologyOptions = { customerGatewayIp: string; awsOutsideIps: string[] };

export async function createTopology(options: TopologyOptions): Promise<Topology> {
  installHooks();
  runCounter += 1;
  const id = `${NS_PREFIX}${process.pid}-${runCounter}`;
  const dir = mkdtempSync(join(tmpdir(), `${id}-`));
  dirs.add(dir);
  const wan = `${id}-wan`;
  const cust: Endpoint = {
    ns: `${id}-cust`,
    outsideIp: options.customerGatewayIp,
    wanSideIp: pairAddress(options.customerGatewayIp),
    ifname: "wan0",
  };
  const aws = options.awsOutsideIps.map<Endpoint>((ip, i) => ({
    ns: `${id}-aws${i + 1}`,
    outsideIp: ip,
    wanSideIp: pairAddress(ip),
    ifname: "wan0",
  }));
  const all = [cust, ...aws];
  const wanAddresses = new Set(all.map((e) => e.wanSideIp));
  if (wanAddresses.size !== all.length || all.some((e) => wanAddresses.has(e.outsideIp))) {
    throw new Error("lab topology: outside IPs must lie in distinct /31s");
  }
  const namespaces = [wan, ...all.map((e) => e.ns)];
  for (const ns of namespaces) await addNamespace(ns);
  await must("ip", ["netns", "exec", wan, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1"]);
  for (const [i, e] of all.entries()) {
    const wanIf = i === 0 ? "to-cust" : `to-aws${i}`;
    await link(e.ns, e.ifname, wan, wanIf);
    await must("ip", ["-n", e.ns, "addr", "add", `${e.outsideIp}/31`, "dev", e.ifname]);
    await must("ip", ["-n", wan, "addr", "add", `${e.wanSideIp}/31`, "dev", wanIf]);
  }
  // Host routes only: the customer reaches each AWS outside IP, each AWS endpoint the customer.
  const hostRoute = (from: Endpoint, to: string) =>
    must("ip", ["-n", from.ns, "route", "add", `${to}/32`, "via", from.wanSideIp, "dev", from.ifname]);
  for (const a of aws) {
    await hostRoute(cust, a.outsideIp);
    await hostRoute(a, cust.outsideIp);
  }
  return { id, dir, wan, cust, aws, namespaces };
}

/** Adds an address (CIDR notation, host bits kept) to lo in a namespace: a LAN or VPC host. */
export async function addLoopbackAddress(ns: string, addressWithPrefix: string): Promise<void> {
  await must("ip", ["-n", ns, "addr", "add", addressWithPrefix, "dev", "lo"]);
}

/** Deletes the namespaces and scratch directory of one topology (daemons must be stopped first). */
export async function destroyTopology(topology: Topology): Promise<void> {
  for (const ns of topology.namespaces) {
    await killAndDeleteNamespace(ns);
    created.delete(ns);
  }
  // VPNLAB_KEEP_LOGS=1 keeps configs and logs of every run for inspection.
  if (!process.env.VPNLAB_KEEP_LOGS) rmSync(topology.dir, { recursive: true, force: true });
  dirs.delete(topology.dir);
}
