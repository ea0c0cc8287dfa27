// The VPN request lifecycle (DESIGN §3). The one place that says which status may follow which;
// every writer of a status goes through lib/vpn-request/transition-vpn-request.ts, which checks it here. Pure; browser-safe (badges use the labels).

export const VPN_STATUSES = [
  "PENDING_APPROVAL",
  "APPROVED",
  "PROVISIONING",
  "AWAITING_CUSTOMER",
  "ACTIVE",
  "DEGRADED",
  "DOWN",
  "REJECTED",
  "FAILED",
  "DECOMMISSIONING",
  "DECOMMISSIONED",
  "CANCELLED",
] as const;

export type VpnStatus = (typeof VPN_STATUSES)[number];

export const VPN_TRANSITIONS: Readonly<Record<VpnStatus, readonly VpnStatus[]>> = {
  // Support decides; the customer may withdraw only while nothing has been built.
  PENDING_APPROVAL: ["APPROVED", "REJECTED", "CANCELLED"],
  APPROVED: ["PROVISIONING"],
  PROVISIONING: ["AWAITING_CUSTOMER", "FAILED"],
  // Tunnel telemetry moves these; DOWN needs a tunnel to have been up, so not from AWAITING_CUSTOMER.
  AWAITING_CUSTOMER: ["ACTIVE", "DEGRADED", "DECOMMISSIONING"],
  ACTIVE: ["DEGRADED", "DOWN", "DECOMMISSIONING"],
  DEGRADED: ["ACTIVE", "DOWN", "DECOMMISSIONING"],
  DOWN: ["ACTIVE", "DEGRADED", "DECOMMISSIONING"],
  // Retry resumes provisioning; a half-built connection can also be torn down instead.
  FAILED: ["PROVISIONING", "DECOMMISSIONING"],
  // A teardown that fails is FAILED (with its step) and is retried by decommissioning again.
  DECOMMISSIONING: ["DECOMMISSIONED", "FAILED"],
  REJECTED: [],
  DECOMMISSIONED: [],
  CANCELLED: [],
};

export function isVpnStatus(value: string): value is VpnStatus {
  return (VPN_STATUSES as readonly string[]).includes(value);
}

export function allowedTransitions(from: VpnStatus): readonly VpnStatus[] {
  return VPN_TRANSITIONS[from];
}

export function canTransition(from: VpnStatus, to: VpnStatus): boolean {
  return VPN_TRANSITIONS[from].includes(to);
}

/** No way out: the request is closed for good. */
export function isTerminal(status: VpnStatus): boolean {
  return VPN_TRANSITIONS[status].length === 0;
}

export class InvalidTransitionError extends Error {
  readonly from: VpnStatus;
  readonly to: VpnStatus;

  constructor(from: VpnStatus, to: VpnStatus) {
    const next = VPN_TRANSITIONS[from];
    const allowed =
      next.length === 0
        ? `${STATUS_LABELS[from].label} is final`
        : `from ${STATUS_LABELS[from].label} it can only become ${next.map((s) => STATUS_LABELS[s].label).join(", ")}`;
    super(
      `A VPN request cannot go from ${STATUS_LABELS[from].label} to ${STATUS_LABELS[to].label}: ${allowed}`,
    );
    this.name = "InvalidTransitionError";
    this.from = from;
    this.to = to;
  }
}

export function assertTransition(from: VpnStatus, to: VpnStatus): void {
  if (!canTransition(from, to)) throw new InvalidTransitionError(from, to);
}

/**
 * The tunnel-driven status of a provisioned connection: ACTIVE when every configured tunnel is up,
 * DEGRADED when some are, DOWN when none are after one has been, AWAITING_CUSTOMER before any has.
 */
export function deriveTunnelStatus(tunnels: {
  configuredTunnels: number;
  upTunnels: number;
  wasEverUp: boolean;
}): "AWAITING_CUSTOMER" | "ACTIVE" | "DEGRADED" | "DOWN" {
  const { configuredTunnels, upTunnels, wasEverUp } = tunnels;
  // A count outside these bounds means the caller mixed up tunnels; guessing would mislabel a connection.
  if (!Number.isInteger(configuredTunnels) || configuredTunnels < 1) {
    throw new RangeError(`configuredTunnels must be a positive integer, got ${configuredTunnels}`);
  }
  if (!Number.isInteger(upTunnels) || upTunnels < 0 || upTunnels > configuredTunnels) {
    throw new RangeError(`upTunnels must be an integer from 0 to ${configuredTunnels}, got ${upTunnels}`);
  }
  if (upTunnels === configuredTunnels) return "ACTIVE";
  if (upTunnels > 0) return "DEGRADED";
  return wasEverUp ? "DOWN" : "AWAITING_CUSTOMER";
}

export type StatusTone = "neutral" | "info" | "success" | "warning" | "danger";

export const STATUS_LABELS: Readonly<
  Record<VpnStatus, { label: string; description: string; tone: StatusTone }>
> = {
  PENDING_APPROVAL: {
    label: "Pending approval",
    description: "Waiting for platform support to review the request.",
    tone: "neutral",
  },
  APPROVED: { label: "Approved", description: "Approved; provisioning is about to start.", tone: "info" },
  PROVISIONING: {
    label: "Provisioning",
    description: "Building the platform VPC, gateways and VPN connection.",
    tone: "info",
  },
  AWAITING_CUSTOMER: {
    label: "Awaiting your router",
    description: "The platform side is ready: download the configuration and bring a tunnel up.",
    tone: "warning",
  },
  ACTIVE: { label: "Active", description: "Every configured tunnel is up.", tone: "success" },
  DEGRADED: {
    label: "Degraded",
    description: "Some tunnels are down: traffic flows, but there is no failover.",
    tone: "warning",
  },
  DOWN: {
    label: "Down",
    description: "No tunnel is up: workflows cannot reach your network.",
    tone: "danger",
  },
  REJECTED: {
    label: "Rejected",
    description: "Support declined the request; see the reason given.",
    tone: "danger",
  },
  FAILED: {
    label: "Failed",
    description: "A provisioning or teardown step failed; support can retry it.",
    tone: "danger",
  },
  DECOMMISSIONING: {
    label: "Decommissioning",
    description: "Removing the VPN connection and the platform resources behind it.",
    tone: "info",
  },
  DECOMMISSIONED: {
    label: "Decommissioned",
    description: "Torn down; nothing remains on the platform side.",
    tone: "neutral",
  },
  CANCELLED: {
    label: "Cancelled",
    description: "Withdrawn by the customer before approval.",
    tone: "neutral",
  },
};
