import type { EmulatorConfig } from "./config";
import type { NatGateway, RegionState, VgwAttachment, VpnConnection, VpnGateway } from "./model";

/**
 * States derived from stored instants, so that a restart (or a slow poller) sees exactly what AWS
 * would show at that moment: no timers, nothing to resume.
 */
export type NatState = "pending" | "available" | "failed" | "deleting" | "deleted";

export function natState(nat: NatGateway, now: number): NatState {
  if (nat.deletedAt !== undefined && now >= nat.deletedAt) return "deleted";
  if (nat.deleteRequestedAt !== undefined) return "deleting";
  if (now < nat.availableAt) return "pending";
  return nat.failure ? "failed" : "available";
}

/** AWS's VpnState has exactly these four (plus `deleted`); there is no `modifying`. */
export type VpnState = "pending" | "available" | "deleting" | "deleted";

export function vpnState(vpn: VpnConnection, now: number): VpnState {
  if (vpn.deletedAt !== undefined && now >= vpn.deletedAt) return "deleted";
  if (vpn.deleteRequestedAt !== undefined) return "deleting";
  if (now < vpn.availableAt) return "pending";
  return "available";
}

/** A static route of a VPN connection: `pending` for a moment after CreateVpnConnectionRoute. */
export function vpnRouteState(
  createdAt: number,
  vpn: VpnConnection,
  config: EmulatorConfig,
  now: number,
): "pending" | "available" | "deleted" {
  if (vpnState(vpn, now) === "deleted") return "deleted";
  return now < createdAt + config.delays.vpnRouteMs ? "pending" : "available";
}

/**
 * A NAT gateway's network interface outlives the gateway: AWS releases it some minutes after the
 * gateway reached `deleted`, and until then the subnet and VPC have a dependency.
 */
export function natInterfaceLingers(nat: NatGateway, config: EmulatorConfig, now: number): boolean {
  if (natState(nat, now) !== "deleted") return true;
  return nat.deletedAt !== undefined && now < nat.deletedAt + config.delays.natInterfaceLingerMs;
}

export type AttachmentState = "attaching" | "attached" | "detaching" | "detached";

export function attachmentState(attachment: VgwAttachment, now: number): AttachmentState {
  if (attachment.detachedAt !== undefined && now >= attachment.detachedAt) return "detached";
  if (attachment.detachRequestedAt !== undefined) return "detaching";
  return now < attachment.attachedAt ? "attaching" : "attached";
}

/** The attachment that still binds the gateway to a VPC (anything not yet detached). */
export function liveAttachment(vgw: VpnGateway, now: number): VgwAttachment | undefined {
  return vgw.attachments.find((a) => attachmentState(a, now) !== "detached");
}

export type VgwState = "pending" | "available" | "deleting" | "deleted";

export function vgwState(vgw: VpnGateway, now: number): VgwState {
  if (vgw.deletedAt !== undefined && now >= vgw.deletedAt) return "deleted";
  if (vgw.deleteRequestedAt !== undefined) return "deleting";
  if (vgw.availableAt !== undefined && now < vgw.availableAt) return "pending";
  return "available";
}

/**
 * AWS keeps deleted VPN connections, gateways and NAT gateways visible for a while; after the
 * retention period they vanish. Pruning happens before every request.
 */
export function pruneExpired(region: RegionState, config: EmulatorConfig, now: number): boolean {
  const horizon = now - config.delays.deletedRetentionMs;
  let changed = false;
  const prune = <T>(record: Record<string, T>, deletedAt: (item: T) => number | undefined): void => {
    for (const [id, item] of Object.entries(record)) {
      const at = deletedAt(item);
      if (at !== undefined && at <= horizon) {
        delete record[id];
        changed = true;
      }
    }
  };
  prune(region.vpnConnections, (v) => v.deletedAt);
  prune(
    region.natGateways,
    (n) => n.deletedAt ?? (n.failure && now >= n.availableAt ? n.availableAt : undefined),
  );
  prune(region.vpnGateways, (v) => v.deletedAt);
  prune(region.customerGateways, (c) => c.deletedAt);
  for (const vgw of Object.values(region.vpnGateways)) {
    // Keep only the most recent detached attachment, as DescribeVpnGateways does.
    const live = vgw.attachments.filter((a) => a.detachedAt === undefined || a.detachedAt > now);
    const detached = vgw.attachments.filter((a) => a.detachedAt !== undefined && a.detachedAt <= now);
    const keep = [...detached.slice(-1), ...live];
    if (keep.length !== vgw.attachments.length) {
      vgw.attachments = keep;
      changed = true;
    }
  }
  return changed;
}
