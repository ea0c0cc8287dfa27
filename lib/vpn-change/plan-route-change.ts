// What a route change does to a connection's static routes: pure, so the request page's form, the
// action and the worker agree on it (the worker re-reads AWS, so a retry adds only what is missing).
import { cidrsOverlap, parseCidr } from "@/lib/net/ipv4";
import { parseCidrList } from "@/lib/vpn-request/parse-cidr-list";

export type RoutePlan = { add: string[]; remove: string[] };

export type RouteChangeInput =
  | { ok: true; subnetRanges: string[]; plan: RoutePlan }
  | { ok: false; error: string };

/**
 * The new list of subnet ranges, by the request's own rules (canonical CIDRs, no overlaps, none in
 * the platform's space, at most 100 — parse-cidr-list.ts), and what differs from the current one.
 */
export function planRouteChange(
  current: readonly string[],
  text: string,
  platformVpcCidr: string | null,
): RouteChangeInput {
  const parsed = parseCidrList(text);
  if (!parsed.ok) return { ok: false, error: parsed.errors.join("; ") };
  const platform = platformVpcCidr ? parseCidr(platformVpcCidr) : null;
  const clash =
    platform && parsed.cidrs.find((entry) => cidrsOverlap(parseCidr(entry) ?? platform, platform));
  if (clash)
    return {
      ok: false,
      error: `${clash} overlaps the platform VPC ${platformVpcCidr} on the other side of the VPN — list only your own networks`,
    };
  if (parsed.cidrs.length === 0)
    return {
      ok: false,
      error: "Enter at least one subnet range of your network, one CIDR per line (e.g. 10.20.0.0/16)",
    };
  const plan = diffRoutes(current, parsed.cidrs);
  if (plan.add.length === 0 && plan.remove.length === 0)
    return { ok: false, error: "These are the subnet ranges the VPN already routes; nothing to change." };
  return { ok: true, subnetRanges: parsed.cidrs, plan };
}

/** The routes to create and to delete to go from `present` to `wanted`. */
export function diffRoutes(present: readonly string[], wanted: readonly string[]): RoutePlan {
  const have = new Set(present);
  const want = new Set(wanted);
  return {
    add: wanted.filter((cidr) => !have.has(cidr)),
    remove: present.filter((cidr) => !want.has(cidr)),
  };
}
