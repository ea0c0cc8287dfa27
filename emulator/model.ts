import type { TunnelLogOptions } from "./tunnel-log-options";
import type { TunnelMaintenance } from "./tunnel-maintenance";
/**
 * The persisted shape of every resource. Time-driven states (pending → available, attaching →
 * attached, deleting → deleted) are not stored: each resource keeps the instants at which it moves,
 * and `lifecycle.ts` derives the state on read, so transitions survive a restart without timers.
 */
export type Tags = Record<string, string>;

/**
 * Eventual consistency: a resource created at `createdAt` is seen by other calls only from
 * `visibleAt` on (absent = at once). See `consistency.ts`.
 */
type Lagging = { visibleAt?: number };

export type Vpc = Lagging & {
  id: string;
  cidrBlock: string;
  cidrAssociationId: string;
  dhcpOptionsId: string;
  instanceTenancy: string;
  /** The default VPC every region of a new account has. */
  isDefault?: boolean;
  tags: Tags;
  createdAt: number;
};

export type Subnet = Lagging & {
  id: string;
  vpcId: string;
  cidrBlock: string;
  availabilityZone: string;
  defaultForAz?: boolean;
  tags: Tags;
  createdAt: number;
};

export type InternetGateway = Lagging & {
  id: string;
  attachedVpcId?: string;
  isDefault?: boolean;
  tags: Tags;
  createdAt: number;
};

export type Address = Lagging & { allocationId: string; publicIp: string; tags: Tags; createdAt: number };

export type NatGateway = Lagging & {
  id: string;
  vpcId: string;
  subnetId: string;
  allocationId: string;
  publicIp: string;
  privateIp: string;
  networkInterfaceId: string;
  associationId: string;
  connectivityType: string;
  clientToken?: string;
  /** Hash of every parameter of the create call: a reused token with other parameters is refused. */
  requestFingerprint?: string;
  tags: Tags;
  createdAt: number;
  availableAt: number;
  /** Set when creation fails the way AWS fails it (no internet gateway): state `failed` from availableAt. */
  failure?: { code: string; message: string };
  deleteRequestedAt?: number;
  deletedAt?: number;
};

export type Route = {
  destinationCidrBlock: string;
  gatewayId?: string;
  natGatewayId?: string;
  origin: "CreateRouteTable" | "CreateRoute";
};

export type RouteTableAssociation = { id: string; subnetId?: string; gatewayId?: string; main: boolean };

export type RouteTable = Lagging & {
  id: string;
  vpcId: string;
  main: boolean;
  routes: Route[];
  associations: RouteTableAssociation[];
  propagatingVgws: string[];
  clientToken?: string;
  requestFingerprint?: string;
  tags: Tags;
  createdAt: number;
};

export type VgwAttachment = {
  vpcId: string;
  attachedAt: number;
  detachRequestedAt?: number;
  detachedAt?: number;
};

export type VpnGateway = Lagging & {
  id: string;
  type: string;
  amazonSideAsn: number;
  availabilityZone?: string;
  attachments: VgwAttachment[];
  tags: Tags;
  createdAt: number;
  /** `pending` until then. */
  availableAt?: number;
  /** `deleting` from deleteRequestedAt, `deleted` from deletedAt. */
  deleteRequestedAt?: number;
  deletedAt?: number;
};

export type CustomerGateway = Lagging & {
  id: string;
  type: string;
  bgpAsn: number;
  ipAddress: string;
  deviceName?: string;
  tags: Tags;
  createdAt: number;
  deletedAt?: number;
};

export type TunnelTelemetry = {
  status: "UP" | "DOWN";
  statusMessage: string;
  lastStatusChange: number;
  acceptedRouteCount: number;
};

export type Tunnel = {
  outsideIpAddress: string;
  tunnelInsideCidr: string;
  preSharedKey: string;
  phase1LifetimeSeconds: number;
  phase2LifetimeSeconds: number;
  rekeyMarginTimeSeconds: number;
  rekeyFuzzPercentage: number;
  replayWindowSize: number;
  dpdTimeoutSeconds: number;
  dpdTimeoutAction: string;
  phase1EncryptionAlgorithms: string[];
  phase2EncryptionAlgorithms: string[];
  phase1IntegrityAlgorithms: string[];
  phase2IntegrityAlgorithms: string[];
  phase1DHGroupNumbers: number[];
  phase2DHGroupNumbers: number[];
  ikeVersions: string[];
  startupAction: string;
  enableTunnelLifecycleControl: boolean;
  /** LogOptions (tunnel-log-options.ts); absent on tunnels stored before they were accepted. */
  logOptions?: TunnelLogOptions;
  /** Absent until someone reports a status through the admin API: the default is DOWN. */
  telemetry?: TunnelTelemetry;
  /** A pending or last applied endpoint maintenance (tunnel-maintenance.ts). */
  maintenance?: TunnelMaintenance;
};

export type VpnStaticRoute = { destinationCidrBlock: string; createdAt: number };

export type VpnConnection = Lagging & {
  id: string;
  type: string;
  customerGatewayId: string;
  vpnGatewayId: string;
  staticRoutesOnly: boolean;
  tunnelInsideIpVersion: string;
  localIpv4NetworkCidr: string;
  remoteIpv4NetworkCidr: string;
  tunnels: Tunnel[];
  routes: VpnStaticRoute[];
  tags: Tags;
  createdAt: number;
  availableAt: number;
  /** Hash of every parameter of the create call: an identical call returns this connection. */
  requestFingerprint?: string;
  deleteRequestedAt?: number;
  deletedAt?: number;
};

export type RegionState = {
  vpcs: Record<string, Vpc>;
  subnets: Record<string, Subnet>;
  internetGateways: Record<string, InternetGateway>;
  addresses: Record<string, Address>;
  natGateways: Record<string, NatGateway>;
  routeTables: Record<string, RouteTable>;
  vpnGateways: Record<string, VpnGateway>;
  customerGateways: Record<string, CustomerGateway>;
  vpnConnections: Record<string, VpnConnection>;
};

/** Temporary credentials from STS AssumeRole: the access key signs calls into `accountId` until `expiresAt`. */
export type Session = { accountId: string; secretAccessKey: string; expiresAt: number; roleArn: string };

/**
 * `regions` is the account behind long-term keys (OWNER_ID); `accounts` holds every other account's
 * regions, reached through AssumeRole (decision 024), so the EC2 handlers see one account at a time.
 */
export type EmulatorState = {
  version: 1;
  regions: Record<string, RegionState>;
  accounts?: Record<string, Record<string, RegionState>>;
  sessions?: Record<string, Session>;
};

export const emptyRegion = (): RegionState => ({
  vpcs: {},
  subnets: {},
  internetGateways: {},
  addresses: {},
  natGateways: {},
  routeTables: {},
  vpnGateways: {},
  customerGateways: {},
  vpnConnections: {},
});

export const OWNER_ID = "123456789012";
