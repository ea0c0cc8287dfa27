import type { IncomingMessage, ServerResponse } from "node:http";
import { type EmulatorConfig, mergeConfig } from "./config";
import type { Stats, TokenBuckets } from "./faults";
import { attachmentState, liveAttachment, natState, vgwState, vpnState } from "./lifecycle";
import type { Tags, TunnelTelemetry } from "./model";
import type { Store } from "./store";
import { scheduleMaintenance } from "./tunnel-maintenance";
import { telemetryOf } from "./vpn";

/**
 * The emulator's own JSON API under /_emulator/: what tests and the demo use to look inside, to
 * play the customer's router (tunnel telemetry), and to turn the knobs (delays, quotas, faults).
 */
export type AdminDeps = {
  store: Store;
  stats: Stats;
  buckets: TokenBuckets;
  getConfig: () => EmulatorConfig;
  setConfig: (config: EmulatorConfig) => void;
  now: () => number;
};

export type InventoryItem = {
  region: string;
  /** The account that holds it (decision 024): 123456789012 unless reached through AssumeRole. */
  accountId: string;
  type: string;
  id: string;
  state: string;
  tags: Tags;
  vpcId?: string;
  details?: Record<string, unknown>;
};

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown): undefined {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AdminError(400, "body is not valid JSON");
  }
}

/** Everything the emulator holds; the default VPC and its parts only when asked (they are the account's, not a caller's). */
export function inventory(deps: AdminDeps, includeDeleted: boolean, includeDefault = false): InventoryItem[] {
  const now = deps.now();
  const out: InventoryItem[] = [];
  for (const { accountId, regionName: region, region: r } of deps.store.allRegions()) {
    const defaults = new Set<string>();
    for (const v of Object.values(r.vpcs)) if (v.isDefault) defaults.add(v.id);
    const push = (item: Omit<InventoryItem, "region" | "accountId">): void => {
      const isDefault = defaults.has(item.id) || (item.vpcId !== undefined && defaults.has(item.vpcId));
      if (isDefault && !includeDefault) return;
      if (includeDeleted || item.state !== "deleted") out.push({ region, accountId, ...item });
    };
    for (const v of Object.values(r.vpcs))
      push({ type: "vpc", id: v.id, state: "available", tags: v.tags, details: { cidrBlock: v.cidrBlock } });
    for (const s of Object.values(r.subnets))
      push({
        type: "subnet",
        id: s.id,
        state: "available",
        tags: s.tags,
        vpcId: s.vpcId,
        details: { cidrBlock: s.cidrBlock },
      });
    for (const g of Object.values(r.internetGateways))
      push({
        type: "internet-gateway",
        id: g.id,
        state: g.attachedVpcId ? "attached" : "detached",
        tags: g.tags,
        ...(g.attachedVpcId ? { vpcId: g.attachedVpcId } : {}),
      });
    for (const a of Object.values(r.addresses))
      push({
        type: "elastic-ip",
        id: a.allocationId,
        state: "allocated",
        tags: a.tags,
        details: { publicIp: a.publicIp },
      });
    for (const n of Object.values(r.natGateways))
      push({
        type: "natgateway",
        id: n.id,
        state: natState(n, now),
        tags: n.tags,
        vpcId: n.vpcId,
        details: { subnetId: n.subnetId, allocationId: n.allocationId },
      });
    for (const t of Object.values(r.routeTables))
      push({
        type: "route-table",
        id: t.id,
        state: "available",
        tags: t.tags,
        vpcId: t.vpcId,
        details: { main: t.main },
      });
    for (const g of Object.values(r.vpnGateways)) {
      const live = liveAttachment(g, now);
      push({
        type: "vpn-gateway",
        id: g.id,
        state: vgwState(g, now),
        tags: g.tags,
        ...(live ? { vpcId: live.vpcId } : {}),
        details: {
          amazonSideAsn: g.amazonSideAsn,
          attachment: live ? attachmentState(live, now) : "detached",
        },
      });
    }
    for (const c of Object.values(r.customerGateways))
      push({
        type: "customer-gateway",
        id: c.id,
        state: c.deletedAt === undefined ? "available" : "deleted",
        tags: c.tags,
        details: { ipAddress: c.ipAddress, bgpAsn: c.bgpAsn },
      });
    for (const v of Object.values(r.vpnConnections))
      push({
        type: "vpn-connection",
        id: v.id,
        state: vpnState(v, now),
        tags: v.tags,
        details: {
          customerGatewayId: v.customerGatewayId,
          vpnGatewayId: v.vpnGatewayId,
          outsideIps: v.tunnels.map((t) => t.outsideIpAddress),
          telemetry: v.tunnels.map((t) => telemetryOf(v, t, now).status),
        },
      });
  }
  return out;
}

/** `?tag=key=value` (split at the first `=`) or `?tag=key` (any value); repeatable, all must match. */
function matchesTags(item: InventoryItem, filters: string[]): boolean {
  return filters.every((f) => {
    const at = f.indexOf("=");
    if (at < 0) return f in item.tags;
    return item.tags[f.slice(0, at)] === f.slice(at + 1);
  });
}

/** The only StatusMessage values VgwTelemetry carries on AWS. */
export const isAwsStatusMessage = (message: string): boolean =>
  message === "" ||
  message === "IPSEC IS UP" ||
  message === "IPSEC IS DOWN" ||
  /^\d+ BGP ROUTES$/.test(message);

/** AWS accepts at most 100 routes from a customer gateway over BGP. */
export const MAX_ACCEPTED_ROUTES = 100;

type TelemetryUpdate = {
  vpnConnectionId: string;
  tunnel?: 1 | 2;
  outsideIp?: string;
  status: "UP" | "DOWN";
  statusMessage?: string;
  acceptedRouteCount?: number;
};

function parseTelemetryUpdate(raw: unknown, index: number): TelemetryUpdate {
  if (typeof raw !== "object" || raw === null) throw new AdminError(400, `update ${index} must be an object`);
  const u = raw as Record<string, unknown>;
  if (typeof u.vpnConnectionId !== "string")
    throw new AdminError(400, `update ${index}: vpnConnectionId is required`);
  if (u.status !== "UP" && u.status !== "DOWN")
    throw new AdminError(400, `update ${index}: status must be "UP" or "DOWN"`);
  if (u.tunnel !== undefined && u.tunnel !== 1 && u.tunnel !== 2)
    throw new AdminError(400, `update ${index}: tunnel must be 1 or 2`);
  if (u.outsideIp !== undefined && typeof u.outsideIp !== "string")
    throw new AdminError(400, `update ${index}: outsideIp must be a string`);
  if (
    u.statusMessage !== undefined &&
    (typeof u.statusMessage !== "string" || !isAwsStatusMessage(u.statusMessage))
  )
    throw new AdminError(
      400,
      `update ${index}: statusMessage must be one AWS sends: "IPSEC IS UP", "IPSEC IS DOWN", "N BGP ROUTES" or ""`,
    );
  if (
    u.acceptedRouteCount !== undefined &&
    (typeof u.acceptedRouteCount !== "number" || u.acceptedRouteCount < 0)
  )
    throw new AdminError(400, `update ${index}: acceptedRouteCount must be a number ≥ 0`);
  return {
    vpnConnectionId: u.vpnConnectionId,
    status: u.status,
    ...(u.tunnel !== undefined ? { tunnel: u.tunnel } : {}),
    ...(typeof u.outsideIp === "string" ? { outsideIp: u.outsideIp } : {}),
    ...(typeof u.statusMessage === "string" ? { statusMessage: u.statusMessage } : {}),
    ...(typeof u.acceptedRouteCount === "number" ? { acceptedRouteCount: u.acceptedRouteCount } : {}),
  };
}

function applyTelemetry(
  deps: AdminDeps,
  update: TelemetryUpdate,
): { vpnConnectionId: string; tunnels: (TunnelTelemetry & { outsideIpAddress: string })[] } {
  const now = deps.now();
  for (const { region } of deps.store.allRegions()) {
    const vpn = region.vpnConnections[update.vpnConnectionId];
    if (!vpn) continue;
    const targets = vpn.tunnels.filter((t, i) =>
      update.outsideIp !== undefined
        ? t.outsideIpAddress === update.outsideIp
        : update.tunnel === undefined || update.tunnel === i + 1,
    );
    if (targets.length === 0)
      throw new AdminError(404, `no tunnel ${update.outsideIp ?? update.tunnel} on ${vpn.id}`);
    for (const t of targets) {
      const before = telemetryOf(vpn, t, now);
      const statusMessage = update.statusMessage ?? (update.status === "UP" ? "" : "IPSEC IS DOWN");
      const acceptedRouteCount = Math.min(
        MAX_ACCEPTED_ROUTES,
        update.acceptedRouteCount ?? (update.status === "UP" ? before.acceptedRouteCount : 0),
      );
      const changed =
        before.status !== update.status ||
        before.statusMessage !== statusMessage ||
        before.acceptedRouteCount !== acceptedRouteCount;
      t.telemetry = {
        status: update.status,
        // LastStatusChange moves on every IKE, IPsec or BGP change (status, message, routes), not on a repeat.
        lastStatusChange: changed ? now : before.lastStatusChange,
        statusMessage,
        acceptedRouteCount,
      };
    }
    return {
      vpnConnectionId: vpn.id,
      tunnels: vpn.tunnels.map((t) => ({
        outsideIpAddress: t.outsideIpAddress,
        ...telemetryOf(vpn, t, now),
      })),
    };
  }
  throw new AdminError(404, `VPN connection ${update.vpnConnectionId} not found in any region`);
}

export function handleAdmin(
  deps: AdminDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: string,
): undefined {
  const route = `${req.method ?? "GET"} ${url.pathname.replace(/\/+$/, "")}`;
  try {
    switch (route) {
      case "GET /_emulator/health":
        return send(res, 200, { ok: true });
      case "GET /_emulator/inventory": {
        const tagFilters = url.searchParams.getAll("tag");
        const region = url.searchParams.get("region");
        const type = url.searchParams.get("type");
        const items = inventory(
          deps,
          url.searchParams.get("includeDeleted") === "1",
          url.searchParams.get("includeDefault") === "1",
        ).filter(
          (i) => matchesTags(i, tagFilters) && (!region || i.region === region) && (!type || i.type === type),
        );
        return send(res, 200, { resources: items });
      }
      case "POST /_emulator/telemetry": {
        const parsed = parseJson(body);
        const list = Array.isArray(parsed)
          ? parsed
          : typeof parsed === "object" &&
              parsed !== null &&
              Array.isArray((parsed as { updates?: unknown }).updates)
            ? (parsed as { updates: unknown[] }).updates
            : [parsed];
        const updates = list.map(parseTelemetryUpdate);
        const results = updates.map((u) => applyTelemetry(deps, u));
        deps.store.save();
        return send(res, 200, { updated: results });
      }
      case "POST /_emulator/maintenance": {
        const scheduled = scheduleMaintenance(deps.store.allRegions(), parseJson(body), deps.now());
        if (typeof scheduled === "string")
          throw new AdminError(scheduled.startsWith("VPN") ? 404 : 400, scheduled);
        deps.store.save();
        return send(res, 200, scheduled);
      }
      case "GET /_emulator/config":
        return send(res, 200, deps.getConfig());
      case "POST /_emulator/config": {
        let next: EmulatorConfig;
        try {
          next = mergeConfig(deps.getConfig(), parseJson(body));
        } catch (error) {
          throw new AdminError(400, error instanceof Error ? error.message : String(error));
        }
        deps.setConfig(next);
        deps.buckets.reset();
        return send(res, 200, next);
      }
      case "GET /_emulator/stats":
        return send(res, 200, deps.stats.snapshot());
      case "POST /_emulator/stats/reset":
        deps.stats.reset();
        return send(res, 200, { ok: true });
      case "POST /_emulator/reset":
        deps.store.reset();
        deps.buckets.reset();
        return send(res, 200, { ok: true });
      default:
        return send(res, 404, {
          error: `no admin route ${route}`,
          routes: [
            "GET /_emulator/health",
            "GET /_emulator/inventory?tag=key=value&region=&type=&includeDeleted=1&includeDefault=1",
            "POST /_emulator/telemetry",
            "POST /_emulator/maintenance",
            "GET|POST /_emulator/config",
            "GET /_emulator/stats",
            "POST /_emulator/stats/reset",
            "POST /_emulator/reset",
          ],
        });
    }
  } catch (error) {
    if (error instanceof AdminError) return send(res, error.status, { error: error.message });
    throw error;
  }
}
