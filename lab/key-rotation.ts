// Key rotation on real tunnels (issue 12 acceptance): on a request provisioned through the workflow
// with both tunnels up, each tunnel's key is rotated through the portal's own domain functions
// (requestKeyRotation, then the worker's runVpnChange), one tunnel at a time. After each rotation
// the lab's platform side of that tunnel takes the key AWS (the emulator) now holds and drops its
// IKE_SA — what AWS's endpoint does on ModifyVpnTunnelOptions — and the customer side reloads the
// configuration downloaded again from the portal; the next tunnel is rotated once this one is up
// again, as the page tells the customer. The customer side's SAs are sampled every 200 ms.
import { writeFileSync } from "node:fs";
import { db } from "@/lib/db";
import { strongswanConnectionName } from "@/lib/router-config/render-strongswan";
import type { RouterConfigInput } from "@/lib/router-config/types";
import { pollTunnelsOnce } from "@/lib/tunnels/poll-tunnels";
import { runVpnChange } from "@/lib/vpn-change/run-vpn-change";
import { requestKeyRotation } from "@/lib/vpn-change/start-vpn-change";
import { customerViewer } from "@/test/support/factories";
import type { DownloadedFiles } from "./customer-side";
import { inNs, mustInNs, sleep, waitFor } from "./exec";
import { PLATFORM_CONNECTION, platformSwanctlConf } from "./platform-side";
import type { LabHandles } from "./run-lab";
import { charonLog, isUp, listSas } from "./strongswan-lab";
import { startTelemetryBridge } from "./telemetry-bridge";

/** One look at the customer side: which tunnels have an ESTABLISHED IKE_SA with an INSTALLED CHILD_SA. */
export type TunnelSample = { atMs: number; up: Record<number, boolean> };

export type RotationResult = {
  samples: TunnelSample[];
  /** ms from each rotation being asked for until that tunnel was up again with the new key. */
  rotations: { tunnel: number; changeMs: number; upAgainMs: number; keyChanged: boolean }[];
  bothUpAtEnd: boolean;
  /** The customer side loaded again with the keys downloaded before the rotation. */
  oldKey: { authFailedSeen: boolean; upWithOldKey: number[] };
};

type Customer = Parameters<typeof customerViewer>[0];

/** Loads `conf` into the customer side: secrets replaced, connections (re)loaded. */
async function reloadCustomer(lab: LabHandles, conf: string): Promise<void> {
  const { customer } = lab;
  writeFileSync(customer.swanctlPath, conf, { mode: 0o600 });
  const file = ["--file", customer.swanctlPath];
  const env = customer.charon.env;
  await mustInNs(customer.charon.ns, "swanctl", ["--load-creds", "--clear", "--noprompt", ...file], env);
  await mustInNs(customer.charon.ns, "swanctl", ["--load-conns", ...file], env);
}

async function customerSwanctl(lab: LabHandles, args: string[]) {
  return inNs(lab.customer.charon.ns, "swanctl", args, lab.customer.charon.env);
}

const keysOf = (conf: string) => [...conf.matchAll(/secret = "([^"]+)"/g)].map((match) => match[1] ?? "");

export async function rotateKeysTunnelByTunnel(
  lab: LabHandles,
  options: {
    requestId: string;
    customer: Customer;
    input: RouterConfigInput;
    emulatorUrl: string;
    timeoutMs: number;
    /** The configuration as the portal's download route serves it now. */
    download: () => Promise<DownloadedFiles>;
    /** What the platform side runs with: the emulator's view of the connection now. */
    platformInput: () => Promise<RouterConfigInput>;
  },
): Promise<RotationResult> {
  const { input, timeoutMs } = options;
  const viewer = customerViewer(options.customer);
  const started = Date.now();
  const names = input.tunnels.map((tunnel) => tunnel.number);
  const samples: TunnelSample[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const at = Date.now();
      const sas = await listSas(lab.customer.charon);
      samples.push({
        atMs: at - started,
        up: Object.fromEntries(names.map((n) => [n, isUp(sas, strongswanConnectionName(n))])),
      });
      await sleep(Math.max(0, 200 - (Date.now() - at)));
    }
  })();
  // The portal's view of the tunnels follows the real ones (its rotation guard reads it).
  const bridge = startTelemetryBridge({
    emulatorUrl: options.emulatorUrl,
    vpnConnectionId: input.vpnConnectionId,
    tunnels: lab.platform.map((p) => ({ outsideIp: p.outsideIp, charon: p.charon })),
    intervalMs: 200,
    everyTick: true,
    log: lab.log,
  });
  const firstFiles = await options.download();
  const rotations: RotationResult["rotations"] = [];
  try {
    // A second of samples before and after: the state each rotation starts from and ends in.
    await sleep(1000);
    for (const number of names) {
      const t0 = Date.now();
      await pollTunnelsOnce({ batchSize: 100 });
      await requestKeyRotation(options.requestId, number === 2 ? 2 : 1, { goOn: false }, viewer);
      const outcome = await runVpnChange(options.requestId);
      if (outcome !== "completed") throw new Error(`rotation of tunnel ${number} ended "${outcome}"`);
      const changeMs = Date.now() - t0;
      // AWS's endpoint of this tunnel now holds the new key and renegotiates: so does the lab's.
      const platformInput = await options.platformInput();
      const tunnel = platformInput.tunnels.find((candidate) => candidate.number === number);
      const endpoint = lab.platform.find((candidate) => candidate.tunnel === number);
      if (!tunnel || !endpoint) throw new Error(`no platform side for tunnel ${number}`);
      const file = `${endpoint.charon.dir}/swanctl.conf`;
      writeFileSync(file, platformSwanctlConf(platformInput, tunnel, { startupAction: "add" }), {
        mode: 0o600,
      });
      const env = endpoint.charon.env;
      await mustInNs(
        endpoint.charon.ns,
        "swanctl",
        ["--load-creds", "--clear", "--noprompt", "--file", file],
        env,
      );
      await mustInNs(endpoint.charon.ns, "swanctl", ["--load-conns", "--file", file], env);
      await inNs(
        endpoint.charon.ns,
        "swanctl",
        ["--terminate", "--ike", PLATFORM_CONNECTION, "--timeout", "2"],
        env,
      );
      lab.log(`[rotation] tunnel ${number}: AWS holds the new key; its endpoint renegotiates`);
      // The customer downloads the configuration again and loads it.
      const files = await options.download();
      const keyChanged =
        keysOf(files.swanctlConf)[number - 1] !== keysOf(firstFiles.swanctlConf)[number - 1] &&
        keysOf(files.swanctlConf)[number - 1] === tunnel.psk;
      await reloadCustomer(lab, files.swanctlConf);
      lab.customer.swanctlConf = files.swanctlConf;
      const name = strongswanConnectionName(number);
      await customerSwanctl(lab, ["--initiate", "--child", name, "--timeout", "3"]);
      await waitFor(`tunnel ${number} up with its new key`, timeoutMs, async () =>
        isUp(await listSas(lab.customer.charon), name) ? true : undefined,
      );
      rotations.push({ tunnel: number, changeMs, upAgainMs: Date.now() - t0, keyChanged });
      lab.log(`[rotation] tunnel ${number} up again with the new key after ${Date.now() - t0} ms`);
      // The next tunnel once the portal shows both up (AWS's telemetry, read by its poller): the
      // page's advice, and what the rotation's guard reads.
      await waitFor("the portal showing both tunnels up", timeoutMs, async () => {
        await pollTunnelsOnce({ batchSize: 100 });
        const tunnels = await db.tunnel.findMany({ where: { requestId: options.requestId } });
        return tunnels.length === names.length && tunnels.every((t) => t.status === "UP") ? true : undefined;
      });
    }
    await sleep(1000);
    const sas = await listSas(lab.customer.charon);
    const bothUpAtEnd = names.every((n) => isUp(sas, strongswanConnectionName(n)));
    sampling = false;
    await sampler;

    // The old keys are refused: the customer side loaded with the file from before the rotation.
    const logBefore = charonLog(lab.customer.charon).length;
    await reloadCustomer(lab, firstFiles.swanctlConf);
    for (const n of names)
      await customerSwanctl(lab, ["--terminate", "--ike", strongswanConnectionName(n), "--timeout", "2"]);
    for (const n of names)
      await customerSwanctl(lab, ["--initiate", "--child", strongswanConnectionName(n), "--timeout", "2"]);
    const authFailedSeen = await waitFor("AUTH_FAILED with the old keys", timeoutMs, async () =>
      /AUTHENTICATION_FAILED|AUTH_FAILED|authentication of .* failed/.test(
        charonLog(lab.customer.charon).slice(logBefore),
      )
        ? true
        : undefined,
    ).catch(() => false);
    await sleep(1500);
    const afterOld = await listSas(lab.customer.charon);
    const upWithOldKey = names.filter((n) => isUp(afterOld, strongswanConnectionName(n)));
    return { samples, rotations, bothUpAtEnd, oldKey: { authFailedSeen, upWithOldKey } };
  } finally {
    sampling = false;
    await sampler;
    await bridge.stop({ markDown: false });
  }
}
