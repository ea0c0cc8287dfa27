// Running FRR 8.4 in a lab namespace: zebra and bgpd in the foreground (pids owned by the lab),
// pathspace -N <ns> so that `vtysh -N <ns>` reaches them through /run/frr/<ns>/. They drop
// privileges to the `frr` user as packaged (running as root is refused: root is not in the
// frrvty group), so their directory belongs to frr and the scratch directories above it are
// traversable (0711; the PSK-bearing swanctl.conf files stay 0600 root).
import { type ChildProcess, execFileSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { inNs, startDaemon, stopDaemon, waitFor } from "./exec";
import { NS_PREFIX } from "./netns";

function frrIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync("id", ["-u", "frr"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "frr"], { encoding: "utf8" }).trim());
  return { uid, gid };
}

export type Frr = { ns: string; zebra: ChildProcess; bgpd: ChildProcess; dir: string };

const FRR_DIR = "/usr/lib/frr";

export async function startFrr(ns: string, dir: string, bgpdConf: string): Promise<Frr> {
  const { uid, gid } = frrIds();
  mkdirSync(dir, { recursive: true });
  for (let p = dirname(dir); p.startsWith(join(tmpdir(), NS_PREFIX)); p = dirname(p)) chmodSync(p, 0o711);
  const runDir = `/run/frr/${ns}`;
  mkdirSync(runDir, { recursive: true });
  const zebraConf = join(dir, "zebra.conf");
  const bgpdFile = join(dir, "bgpd.conf");
  writeFileSync(zebraConf, `hostname ${ns}\n`);
  writeFileSync(bgpdFile, bgpdConf);
  for (const p of [dir, runDir, zebraConf, bgpdFile]) chownSync(p, uid, gid);
  // zebra first: bgpd needs it running.
  const zebra = await startFrrDaemon(ns, dir, "zebra", zebraConf, "show version");
  const bgpd = await startFrrDaemon(ns, dir, "bgpd", bgpdFile, "show bgp summary json");
  return { ns, zebra, bgpd, dir };
}

/** Starts one FRR daemon in `ns` and waits until vtysh gets an answer to `probe` from it. */
async function startFrrDaemon(
  ns: string,
  dir: string,
  daemon: "zebra" | "bgpd",
  conf: string,
  probe: string,
) {
  const child = startDaemon(
    ns,
    `${FRR_DIR}/${daemon}`,
    ["-N", ns, "-f", conf, "-i", join(dir, `${daemon}.pid`)],
    join(dir, `${daemon}.log`),
  );
  await waitFor(`${daemon} in ${ns}`, 10_000, async () => {
    if (child.exitCode !== null) throw new Error(`${daemon} in ${ns} exited with ${child.exitCode}`);
    const r = await inNs(ns, "vtysh", ["-N", ns, "-d", daemon, "-c", probe]);
    return r.code === 0 ? true : undefined;
  });
  return child;
}

export type BgpPeer = { state: string; pfxRcd: number; pfxSnt: number };

type SummaryJson = {
  ipv4Unicast?: { peers?: Record<string, { state?: string; pfxRcd?: number; pfxSnt?: number }> };
};

/** `show bgp summary json` → peer address → state and prefix counts. */
export async function bgpPeers(ns: string): Promise<Record<string, BgpPeer>> {
  const r = await inNs(ns, "vtysh", ["-N", ns, "-c", "show bgp summary json"]);
  if (r.code !== 0) return {};
  let parsed: SummaryJson;
  try {
    parsed = JSON.parse(r.stdout) as SummaryJson;
  } catch {
    return {};
  }
  const out: Record<string, BgpPeer> = {};
  for (const [addr, p] of Object.entries(parsed.ipv4Unicast?.peers ?? {})) {
    out[addr] = { state: p.state ?? "unknown", pfxRcd: p.pfxRcd ?? 0, pfxSnt: p.pfxSnt ?? 0 };
  }
  return out;
}

export async function stopFrr(frr: Frr): Promise<void> {
  await stopDaemon(frr.bgpd);
  await stopDaemon(frr.zebra);
}
