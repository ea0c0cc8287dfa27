// The customer router, played by the lab with exactly what the portal lets the customer download:
// the swanctl.conf from renderStrongswan(input) (connections and secrets loaded UNCHANGED) and, for
// BGP, the bgpd configuration from renderFrr(input) (loaded UNCHANGED).
//
// What the lab does around those files is what the swanctl.conf comments tell a Linux router to
// do, adapted to kernel-libipsec (one TUN device `ipsec0` instead of one XFRM interface per tunnel;
// if_id_in/if_id_out are accepted and shown on the SAs but libipsec does not separate traffic by
// them): the inside /30 addresses go on ipsec0, MTU 1399, a LAN address per customer network on lo,
// and for static routing the platform VPC routed into ipsec0.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatIpv4, parseCidr } from "@/lib/net/ipv4";
import { renderFrr } from "@/lib/router-config/render-frr";
import { buildConfigModel } from "@/lib/router-config/render-helpers";
import { renderStrongswan } from "@/lib/router-config/render-strongswan";
import type { RouterConfigInput } from "@/lib/router-config/types";
import { must, mustInNs } from "./exec";
import { type Frr, startFrr } from "./frr-lab";
import { addLoopbackAddress, type Topology } from "./netns";
import { type Charon, startCharon, waitForTun } from "./strongswan-lab";

export const CUSTOMER_SWANCTL_FILE = "swanctl.conf";

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
  const model = buildConfigModel(input);
  const ns = topology.cust.ns;
  const dir = join(topology.dir, "cust");
  const swanctlConf = downloaded?.swanctlConf ?? renderStrongswan(input);
  const charon = await startCharon(ns, dir);
  await waitForTun(ns);
  for (const t of model.tunnels) {
    await must("ip", ["-n", ns, "addr", "add", `${t.customerInsideIp}/${t.insidePrefix}`, "dev", "ipsec0"]);
  }
  await must("ip", ["-n", ns, "link", "set", "ipsec0", "mtu", String(model.mtu)]);
  for (const lan of lanAddresses(input)) await addLoopbackAddress(ns, lan);
  if (!model.bgp) {
    // The swanctl.conf comments: "ip route add <VPC> dev xfrm-aws1"; here the one TUN device.
    await must("ip", ["-n", ns, "route", "add", model.platformVpc.cidr, "dev", "ipsec0"]);
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
