// Running strongSwan 5.9.8 in a lab namespace: one charon-systemd per namespace, its own
// strongswan.conf (the LAB OVERLAY below), its own vici socket and log; swanctl talks to it through
// the same file. The overlay is the only thing the lab adds: the swanctl.conf a customer downloads
// is loaded unchanged.
import type { ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inNs, mustInNs, run, startDaemon, stopDaemon, waitFor } from "./exec";

/**
 * The lab's strongswan.conf. Each line and why:
 * - include /etc/strongswan.conf: the distribution defaults (modular plugin loading with
 *   /etc/strongswan.d/charon/*.conf), exactly what a Debian router runs.
 * - kernel-libipsec load = yes: this kernel has no ESP, XFRM or VTI; the plugin does ESP in user
 *   space (ESP in UDP 4500) over a TUN device `ipsec0`. Real routers leave it off.
 * - routing_table = 220, routing_table_prio = 32768: kernel-libipsec always installs a default
 *   route into ipsec0 (it ignores install_routes and if_id for routes), exempting only the first
 *   peer; with prio 32768 that table is consulted only after `main`, so the host routes to every
 *   peer's outside IP in `main` win and the second tunnel's IKE packets are not swallowed.
 * - vici socket / swanctl socket: one control socket per namespace (two daemons on one machine).
 * - filelog with flush_line: a per-namespace log the lab reads (AUTH_FAILED, timings).
 * - charon-systemd journal default = -1: logs go to the file, not to a journal that is absent.
 */
export function labStrongswanConf(dir: string): string {
  return [
    "# LAB OVERLAY (lab/strongswan-lab.ts): not part of any downloaded configuration.",
    "include /etc/strongswan.conf",
    "charon {",
    "  routing_table = 220",
    "  routing_table_prio = 32768",
    "  plugins {",
    "    kernel-libipsec {",
    "      load = yes",
    "    }",
    "    vici {",
    `      socket = unix://${dir}/charon.vici`,
    "    }",
    "  }",
    "  filelog {",
    "    lab {",
    `      path = ${dir}/charon.log`,
    "      time_format = %H:%M:%S",
    "      flush_line = yes",
    "      default = 1",
    "      ike = 2",
    "    }",
    "  }",
    "}",
    "charon-systemd {",
    "  journal {",
    "    default = -1",
    "  }",
    "}",
    "swanctl {",
    `  socket = unix://${dir}/charon.vici`,
    "}",
    "",
  ].join("\n");
}

export type Charon = {
  ns: string;
  dir: string;
  env: NodeJS.ProcessEnv;
  process: ChildProcess;
  logFile: string;
};

/** Starts charon-systemd in ns with the lab overlay; resolves once its vici socket answers. */
export async function startCharon(ns: string, dir: string): Promise<Charon> {
  mkdirSync(dir, { recursive: true });
  const conf = join(dir, "strongswan.conf");
  writeFileSync(conf, labStrongswanConf(dir));
  const env = { ...process.env, STRONGSWAN_CONF: conf };
  const logFile = join(dir, "charon.log");
  const child = startDaemon(ns, "charon-systemd", [], join(dir, "charon.stdout"), env);
  await waitFor(`charon in ${ns}`, 10_000, async () => {
    if (child.exitCode !== null) throw new Error(`charon-systemd in ${ns} exited with ${child.exitCode}`);
    const r = await inNs(ns, "swanctl", ["--stats"], env);
    return r.code === 0 ? true : undefined;
  });
  return { ns, dir, env, process: child, logFile };
}

/** Writes a swanctl.conf next to the daemon's files and loads connections and secrets from it. */
export async function loadSwanctl(charon: Charon, fileName: string, content: string): Promise<void> {
  const file = join(charon.dir, fileName);
  writeFileSync(file, content, { mode: 0o600 });
  await mustInNs(charon.ns, "swanctl", ["--load-creds", "--noprompt", "--file", file], charon.env);
  await mustInNs(charon.ns, "swanctl", ["--load-conns", "--file", file], charon.env);
}

export type SaState = {
  name: string;
  ikeState: string; // ESTABLISHED, CONNECTING, ...
  childState: string | null; // INSTALLED, ...
  bytesIn: number;
  bytesOut: number;
};

/** Parses `swanctl --list-sas` text output (one IKE_SA per connection name, its first CHILD_SA). */
export function parseListSas(text: string): SaState[] {
  const out: SaState[] = [];
  let current: SaState | null = null;
  for (const line of text.split("\n")) {
    const ike = /^(\S+): #\d+, (\w+), IKEv\d/.exec(line);
    if (ike) {
      current = { name: ike[1] ?? "", ikeState: ike[2] ?? "", childState: null, bytesIn: 0, bytesOut: 0 };
      out.push(current);
      continue;
    }
    if (!current) continue;
    const child = /^\s+\S+: #\d+, reqid \d+, (\w+),/.exec(line);
    if (child && current.childState === null) current.childState = child[1] ?? null;
    const bytes = /^\s+(in|out)\s+\S+(?: \([^)]*\))?,\s+(\d+) bytes/.exec(line);
    if (bytes) {
      if (bytes[1] === "in") current.bytesIn += Number(bytes[2]);
      else current.bytesOut += Number(bytes[2]);
    }
  }
  return out;
}

export async function listSas(charon: Charon): Promise<SaState[]> {
  const r = await inNs(charon.ns, "swanctl", ["--list-sas"], charon.env);
  return r.code === 0 ? parseListSas(r.stdout) : [];
}

/** True when connection `name` has an ESTABLISHED IKE_SA with an INSTALLED CHILD_SA. */
export function isUp(sas: SaState[], name: string): boolean {
  return sas.some((s) => s.name === name && s.ikeState === "ESTABLISHED" && s.childState === "INSTALLED");
}

export function charonLog(charon: Charon): string {
  try {
    return readFileSync(charon.logFile, "utf8");
  } catch {
    return "";
  }
}

/** SIGTERM: charon sends DELETE for its IKE_SAs on shutdown (a graceful platform-side stop). */
export async function stopCharon(charon: Charon): Promise<void> {
  await stopDaemon(charon.process, 5000);
}

/** Waits for the TUN device kernel-libipsec creates. */
export async function waitForTun(ns: string): Promise<void> {
  await waitFor(`ipsec0 in ${ns}`, 5000, async () => {
    const r = await run("ip", ["-n", ns, "link", "show", "ipsec0"]);
    return r.code === 0 ? true : undefined;
  });
}
