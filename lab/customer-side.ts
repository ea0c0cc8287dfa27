// The customer router, played by the lab with exactly what the portal lets the customer download:
// the swanctl.conf from renderStrongswan(input) (connections and secrets loaded UNCHANGED) and, for
// BGP, the bgpd configuration from renderFrr(input) (loaded UNCHANGED).
//
// What the lab does around those files is what the swanctl.conf comments tell a Linux router to
// do, adapted to kernel-libipsec (one TUN device `ipsec0` instead of one XFRM interface per tunnel;
// if_id_in/if_id_out are accepted and shown on the SAs but libipsec does not separate traffic by
// them): the inside /30 addresses go on ipsec0, MTU 1399, a LAN address per customer network on lo.
// For static routing the lab adds NO route itself: it installs the up/down script the file carries
// (its "#| " lines, unchanged) at the path given as the `updown` device parameter, and gives ipsec0
// the XFRM interface names of the file (xfrm-awsN) as alternative names, so the file's own
// `updown = <script> xfrm-awsN <VPC> <metric>` lines install and withdraw the VPC routes.
// LAB OVERRIDES, plainly: the `updown` device parameter (LAB_UPDOWN_PATH instead of
// /usr/local/sbin/aws-vpn-updown) and the altnames on ipsec0 in place of real XFRM interfaces.
import { chmodSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { formatIpv4, parseCidr } from "@/lib/net/ipv4";
import { type DeviceParams, defaultDeviceParams } from "@/lib/router-config/device-params";
import { renderFrr } from "@/lib/router-config/render-frr";
import { buildConfigModel, ifNumber } from "@/lib/router-config/render-helpers";
import {
  renderStrongswan,
  UPDOWN_LINE_PREFIX,
  xfrmInterfaceName,
} from "@/lib/router-config/render-strongswan";
import type { RouterConfigInput } from "@/lib/router-config/types";
import { must, mustInNs } from "./exec";
import { type Frr, startFrr } from "./frr-lab";
import { addLoopbackAddress, type Topology } from "./netns";
import { type Charon, startCharon, waitForTun } from "./strongswan-lab";

export const CUSTOMER_SWANCTL_FILE = "swanctl.conf";

/** Where the lab installs the downloaded file's up/down script (the `updown` device parameter). */
export const LAB_UPDOWN_PATH = join(tmpdir(), `vpnlab-updown-${process.pid}`, "aws-vpn-updown");

let existsUpdownDir = false;

/** The device parameters the lab downloads with: the defaults of a first connection, lab script path. */
export function labDeviceParams(): DeviceParams {
  return { ...defaultDeviceParams("strongswan", 1), updown: LAB_UPDOWN_PATH };
}

/** The same parameters as a download URL's query (what the portal's download route reads). */
export function labDeviceSearch(): URLSearchParams {
  return new URLSearchParams({ updown: LAB_UPDOWN_PATH });
}

/** The up/down script a downloaded swanctl.conf carries in its "#| " comment lines. */
export function extractUpdownScript(swanctlConf: string): string | null {
  const lines = swanctlConf
    .split("\n")
    .filter((l) => l === UPDOWN_LINE_PREFIX.trimEnd() || l.startsWith(UPDOWN_LINE_PREFIX))
    .map((l) => l.slice(UPDOWN_LINE_PREFIX.length));
  return lines.length > 0 ? `${lines.join("\n")}\n` : null;
}

/** First host of each customer network with its prefix, e.g. 172.31.250.1/24 (the "LAN"). */
export function lanAddresses(input: RouterConfigInput): string[] {
  return input.customerCidrs.map((text) => {
    const c = parseCidr(text);
    if (!c) throw new Error(`bad customer CIDR ${text}`);
    return `${formatIpv4(c.prefix >= 31 ? c.network : c.network + 1)}/${c.prefix}`;
  });
}

export type CustomerSide = {
  charon: Charon;
  frr: Frr | null;
  swanctlConf: string;
  frrConf: string | null;
  swanctlPath: string;
};

/** The files as the portal served them (e.g. through its download route), loaded instead of rendering here. */
export type DownloadedFiles = { swanctlConf: string; frrConf: string | null };

/**
 * Starts the customer's charon and prepares interfaces; loads the rendered secrets but not yet the
 * connections (the caller loads them with loadCustomerConnections so it can time tunnel set-up).
 */
export async function startCustomer(
  topology: Topology,
  input: RouterConfigInput,
  downloaded?: DownloadedFiles,
): Promise<CustomerSide> {
  const device = labDeviceParams();
  const model = buildConfigModel(input, device);
  const ns = topology.cust.ns;
  const dir = join(topology.dir, "cust");
  const swanctlConf = downloaded?.swanctlConf ?? renderStrongswan(input, device);
  const charon = await startCharon(ns, dir);
  await waitForTun(ns);
  for (const t of model.tunnels) {
    await must("ip", ["-n", ns, "addr", "add", `${t.customerInsideIp}/${t.insidePrefix}`, "dev", "ipsec0"]);
  }
  await must("ip", ["-n", ns, "link", "set", "ipsec0", "mtu", String(model.mtu)]);
  for (const lan of lanAddresses(input)) await addLoopbackAddress(ns, lan);
  if (!model.bgp) {
    // The file's routes come from its up/down script; the lab only installs it and names ipsec0.
    const script = extractUpdownScript(swanctlConf);
    if (!script) throw new Error("the downloaded swanctl.conf carries no up/down script for static routing");
    if (!existsUpdownDir) {
      existsUpdownDir = true;
      process.once("exit", () => rmSync(dirname(LAB_UPDOWN_PATH), { recursive: true, force: true }));
    }
    mkdirSync(dirname(device.updown), { recursive: true });
    writeFileSync(device.updown, script);
    chmodSync(device.updown, 0o755);
    for (const t of model.tunnels) {
      const name = xfrmInterfaceName(ifNumber(model, t));
      await must("ip", ["-n", ns, "link", "property", "add", "dev", "ipsec0", "altname", name]);
    }
  }
  const swanctlPath = join(dir, CUSTOMER_SWANCTL_FILE);
  writeFileSync(swanctlPath, swanctlConf, { mode: 0o600 });
  await mustInNs(ns, "swanctl", ["--load-creds", "--noprompt", "--file", swanctlPath], charon.env);
  let frr: Frr | null = null;
  let frrConf: string | null = null;
  if (model.bgp) {
    frrConf = downloaded?.frrConf ?? renderFrr(input);
    frr = await startFrr(ns, join(dir, "frr"), frrConf);
  }
  return { charon, frr, swanctlConf, frrConf, swanctlPath };
}

/** Loads the rendered connections; start_action = start makes charon initiate every tunnel. */
export async function loadCustomerConnections(customer: CustomerSide): Promise<void> {
  await mustInNs(
    customer.charon.ns,
    "swanctl",
    ["--load-conns", "--file", customer.swanctlPath],
    customer.charon.env,
  );
}
