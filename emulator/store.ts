import { randomBytes, randomInt } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { type EmulatorState, emptyRegion, OWNER_ID, type RegionState } from "./model";

/** Real EC2 IDs: a prefix and 17 lowercase hex digits (vpc-0123456789abcdef0). */
export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(9).toString("hex").slice(0, 17)}`;
}

/**
 * Every address the emulator hands out comes from the three documentation ranges (RFC 5737), so
 * nothing it invents can ever be a real host on the internet.
 */
const DOCUMENTATION_PREFIXES = ["192.0.2", "198.51.100", "203.0.113"] as const;

/** Holds all regions' state and writes it atomically (temp file + rename) after each mutation. */
/** Writes a state file whole or not at all: a crash mid-write leaves the previous file. */
export function saveJsonAtomically(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(temp, JSON.stringify(value));
  renameSync(temp, path);
}

export class Store {
  state: EmulatorState;
  private readonly path: string | null;

  constructor(path: string | null) {
    this.path = path;
    this.state = Store.load(path);
  }

  private static load(path: string | null): EmulatorState {
    if (path === null) return { version: 1, regions: {} };
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      return { version: 1, regions: {} };
    }
    const parsed = JSON.parse(text) as EmulatorState;
    if (parsed.version !== 1 || typeof parsed.regions !== "object")
      throw new Error(`${path}: not an emulator state file`);
    // Files written by older builds may lack a collection added since: fill the gaps.
    for (const [name, region] of Object.entries(parsed.regions))
      parsed.regions[name] = { ...emptyRegion(), ...region };
    for (const regions of Object.values(parsed.accounts ?? {}))
      for (const [name, region] of Object.entries(regions)) regions[name] = { ...emptyRegion(), ...region };
    return parsed;
  }

  save(): void {
    if (this.path === null) return;
    saveJsonAtomically(this.path, this.state);
  }

  /** The regions of one account: OWNER_ID's are `state.regions`, as before accounts existed. */
  private regionsOf(accountId: string): Record<string, RegionState> {
    if (accountId === OWNER_ID) return this.state.regions;
    this.state.accounts ??= {};
    this.state.accounts[accountId] ??= {};
    return this.state.accounts[accountId];
  }

  hasRegion(name: string, accountId: string = OWNER_ID): boolean {
    return this.regionsOf(accountId)[name] !== undefined;
  }

  region(name: string, accountId: string = OWNER_ID): RegionState {
    const regions = this.regionsOf(accountId);
    let region = regions[name];
    if (!region) {
      region = emptyRegion();
      regions[name] = region;
    }
    return region;
  }

  /** Every account's regions, for the admin API (inventory, telemetry). */
  allRegions(): { accountId: string; regionName: string; region: RegionState }[] {
    const out = Object.entries(this.state.regions).map(([regionName, region]) => ({
      accountId: OWNER_ID,
      regionName,
      region,
    }));
    for (const [accountId, regions] of Object.entries(this.state.accounts ?? {}))
      for (const [regionName, region] of Object.entries(regions)) out.push({ accountId, regionName, region });
    return out;
  }

  reset(): void {
    this.state = { version: 1, regions: {} };
    this.save();
  }
}

/** Addresses in use in a region: Elastic IPs, tunnel outside IPs, and customer gateways' own IPs. */
function usedAddresses(region: RegionState): Set<string> {
  const used = new Set<string>();
  for (const address of Object.values(region.addresses)) used.add(address.publicIp);
  for (const vpn of Object.values(region.vpnConnections))
    for (const t of vpn.tunnels) used.add(t.outsideIpAddress);
  for (const cgw of Object.values(region.customerGateways))
    if (cgw.deletedAt === undefined) used.add(cgw.ipAddress);
  return used;
}

/** A random free documentation address (hosts .1–.254), unique within the region. */
export function allocatePublicIp(region: RegionState, alsoAvoid: readonly string[] = []): string | undefined {
  const used = usedAddresses(region);
  for (const ip of alsoAvoid) used.add(ip);
  const free: string[] = [];
  for (const prefix of DOCUMENTATION_PREFIXES) {
    for (let host = 1; host <= 254; host++) {
      const ip = `${prefix}.${host}`;
      if (!used.has(ip)) free.push(ip);
    }
  }
  if (free.length === 0) return undefined;
  return free[randomInt(free.length)];
}
