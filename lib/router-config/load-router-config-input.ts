import type { Scope } from "@/lib/auth/viewer";
import "server-only";
import { openTunnelPsk } from "@/lib/crypto/tunnel-psk";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { VpnStatus } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/ids";
import { TUNNEL_POLICY } from "@/lib/vpn/tunnel-policy";
import { isIn, statusesAllowing } from "@/lib/vpn-request/lifecycle";
import { scopedRequestWhere } from "@/lib/vpn-request/scope";
import { findConnectionIndex } from "./find-connection-index";
import type { RouterConfigInput, TunnelParams } from "./types";

export type RouterConfigSubject = {
  id: string;
  organizationId: string;
  customerName: string;
  routing: "STATIC" | "BGP";
  ikeVersion: "IKEV1" | "IKEV2";
  tunnelCount: number;
  status: VpnStatus;
};

/** No configuration for this caller: no such request (or another organization's), or not provisioned yet. */
export type RouterConfigUnavailable =
  | { state: "not-found" }
  | { state: "not-ready"; request: RouterConfigSubject; reason: string };

export type LoadedRouterConfigInput =
  | RouterConfigUnavailable
  | {
      state: "ready";
      request: RouterConfigSubject;
      input: RouterConfigInput;
      /** The organization's Nth connection: the device-parameter defaults derive from it. */
      connectionIndex: number;
    };

/**
 * The parameters a router configuration is rendered from, read from the stored rows of a request the
 * caller may see (DESIGN §7: never from a blob). PSKs are decrypted here, in memory only.
 * "not-found" covers both a missing request and one of another organization.
 */
export async function loadRouterConfigInput(id: string, scope: Scope): Promise<LoadedRouterConfigInput> {
  if (!isUuid(id)) return { state: "not-found" };
  const row = await db.vpnRequest.findFirst({
    where: scopedRequestWhere(id, scope),
    include: { tunnels: { orderBy: { number: "asc" }, omit: { pskEncrypted: false } } },
  });
  if (!row) return { state: "not-found" };
  const request: RouterConfigSubject = {
    id: row.id,
    organizationId: row.organizationId,
    customerName: row.customerName,
    routing: row.routing,
    ikeVersion: row.ikeVersion,
    tunnelCount: row.tunnelCount,
    status: row.status,
  };
  const notReady = (reason: string): LoadedRouterConfigInput => ({ state: "not-ready", request, reason });

  if (!isIn(row.status, statusesAllowing("downloadConfiguration"))) {
    return notReady(
      "The VPN connection is not provisioned yet (or no longer exists): the configuration is available once the request is awaiting your router.",
    );
  }
  const wanted = row.tunnels.filter((tunnel) => tunnel.number >= 1 && tunnel.number <= row.tunnelCount);
  if (!row.vpnConnectionId || !row.platformVpcCidr || wanted.length !== row.tunnelCount) {
    return notReady("Provisioning has not stored the connection's parameters yet; try again in a minute.");
  }
  const tunnels: TunnelParams[] = [];
  for (const tunnel of wanted) {
    if (!tunnel.outsideIp)
      return notReady(`AWS has not assigned an outside IP to tunnel ${tunnel.number} yet.`);
    tunnels.push({
      number: tunnel.number === 2 ? 2 : 1,
      outsideIp: tunnel.outsideIp,
      insideCidr: tunnel.insideCidr,
      psk: openTunnelPsk(row.id, tunnel.number, tunnel.pskEncrypted),
    });
  }
  return {
    state: "ready",
    request,
    connectionIndex: await findConnectionIndex(row),
    input: {
      requestId: row.id,
      vpnConnectionId: row.vpnConnectionId,
      customerName: row.customerName,
      region: row.region,
      ikeVersion: row.ikeVersion,
      routing: row.routing,
      customerGatewayIp: row.customerGatewayIp,
      customerAsn: row.routing === "BGP" && row.bgpAsn !== null ? Number(row.bgpAsn) : null,
      platformAsn: row.platformAsn ?? getEnv().PLATFORM_ASN,
      customerCidrs: row.routing === "STATIC" ? row.subnetRanges : row.advertisedNetworks,
      platformVpcCidr: row.platformVpcCidr,
      tunnels,
      policy: TUNNEL_POLICY,
      generatedAt: new Date(),
    },
  };
}
