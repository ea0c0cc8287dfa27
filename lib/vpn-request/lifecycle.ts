// The VPN request lifecycle (DESIGN §3), in one place: which status may follow which, the named
// status sets the rest of the code asks about, which workflow a status belongs to, and what each
// viewer may do to a request in each status (`capabilitiesFor`). Pages render from the
// capabilities; the domain asserts the same capability inside its transaction
// (lib/vpn-request/transition-vpn-request.ts). Pure; browser-safe (badges use the labels).
import { ConflictError } from "@/lib/errors";

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

const VPN_TRANSITIONS: Readonly<Record<VpnStatus, readonly VpnStatus[]>> = {
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

export function canTransition(from: VpnStatus, to: VpnStatus): boolean {
  return VPN_TRANSITIONS[from].includes(to);
}

/** No way out: the request is closed for good. */
export function isTerminal(status: VpnStatus): boolean {
  return VPN_TRANSITIONS[status].length === 0;
}

/** A move the lifecycle does not allow; the message says what the request's state actually is. */
export class InvalidTransitionError extends ConflictError {
  readonly from: VpnStatus;
  readonly to: VpnStatus;

  constructor(from: VpnStatus, to: VpnStatus) {
    const next = VPN_TRANSITIONS[from];
    const allowed = isTerminal(from)
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

// ---------------------------------------------------------------------------------------------
// Named status sets: the only place a list of statuses is written down.

/** A set's literal members are its type, so `isIn(status, set)` narrows a status to them. */
function statusSet<const S extends readonly VpnStatus[]>(...members: S): S {
  return members;
}

/** The AWS side exists and the tunnels drive the status (telemetry moves it between these). */
export const PROVISIONED_STATUSES = statusSet("AWAITING_CUSTOMER", "ACTIVE", "DEGRADED", "DOWN");

/** A request with tunnels worth showing: provisioned, or being torn down (the last state stays visible). */
export const TUNNELS_SHOWN_STATUSES = statusSet(...PROVISIONED_STATUSES, "DECOMMISSIONING");

/** A workflow must run (or resume) for a request in these statuses: the worker's sweep looks for them. */
export const WORKFLOW_DUE_STATUSES = statusSet("APPROVED", "PROVISIONING", "DECOMMISSIONING");

/** The request will move without anyone on the page doing anything: the progress view keeps polling. */
export const SETTLING_STATUSES = statusSet("PENDING_APPROVAL", ...WORKFLOW_DUE_STATUSES);

/**
 * The request holds (or is about to hold, or may still hold) a VPC, VGW, EIP, NAT gateway and VPN
 * connection in its region: what the capacity page counts against AWS's quotas (DESIGN §12). A
 * FAILED request may be half built, so it counts until it is decommissioned.
 */
export const CAPACITY_HOLDING_STATUSES = statusSet(
  ...WORKFLOW_DUE_STATUSES,
  ...PROVISIONED_STATUSES,
  "FAILED",
);

/** The staff connections overview, worst first: nothing up, some down, not yet up, healthy. */
export const ATTENTION_ORDER = [
  "DOWN",
  "DEGRADED",
  "AWAITING_CUSTOMER",
  "ACTIVE",
] as const satisfies readonly (typeof PROVISIONED_STATUSES)[number][];

/** Closed for good (no way out): an open request is any other, and counts toward the limit. */
export const CLOSED_STATUSES: readonly VpnStatus[] = VPN_STATUSES.filter(isTerminal);

export function isIn<S extends VpnStatus>(status: VpnStatus, set: readonly S[]): status is S {
  return (set as readonly VpnStatus[]).includes(status);
}

export function isProvisioned(status: VpnStatus): boolean {
  return isIn(status, PROVISIONED_STATUSES);
}

// ---------------------------------------------------------------------------------------------
// Workflows: which one a status belongs to.

/** Mirrors the Prisma enum `WorkflowKind` (kept literal so this module stays browser-safe). */
export type WorkflowKind = "PROVISION" | "DECOMMISSION";

/** The workflow a worker must run for a request in this status, if any. */
export function workflowToRun(status: VpnStatus): WorkflowKind | null {
  if (status === "APPROVED" || status === "PROVISIONING") return "PROVISION";
  if (status === "DECOMMISSIONING") return "DECOMMISSION";
  return null;
}

/**
 * The workflow whose progress a request page shows: the running one, else the one that produced
 * this status (provisioning for a connection awaiting its router, teardown once decommissioned),
 * else the one that failed, else the last provisioning that ran; null when none ever ran.
 */
export function workflowShown(
  status: VpnStatus,
  history: { failedWorkflow: WorkflowKind | null; provisionRan: boolean },
): WorkflowKind | null {
  const running = workflowToRun(status);
  if (running) return running;
  if (status === "AWAITING_CUSTOMER") return "PROVISION";
  if (status === "DECOMMISSIONED") return "DECOMMISSION";
  if (history.failedWorkflow) return history.failedWorkflow;
  return history.provisionRan ? "PROVISION" : null;
}

/** Where a retry of a FAILED request resumes: the workflow that failed (provisioning if unknown). */
export function retryTarget(failedWorkflow: WorkflowKind | null): "PROVISIONING" | "DECOMMISSIONING" {
  return failedWorkflow === "DECOMMISSION" ? "DECOMMISSIONING" : "PROVISIONING";
}

// ---------------------------------------------------------------------------------------------
// Capabilities: what a viewer may do to a request in its current status.

const CAPABILITIES = [
  "cancel",
  "approve",
  "reject",
  "retry",
  "decommission",
  "downloadConfiguration",
  "seeTunnels",
  "seeWorkflowDetails",
  // Day 2 (DESIGN §9): changes to a live VPN.
  "changeRoutes",
  "rotateKeys",
  "changeTunnelOptions",
  "requestGatewayChange",
  "approveGatewayChange",
  "retryChange",
  "applyMaintenance",
] as const;
export type Capability = (typeof CAPABILITIES)[number];

type Who = "customer" | "staff" | "both";
type Rule = {
  who: Who;
  statuses: readonly VpnStatus[] | "any";
  /** Past participle for messages: "cannot be decommissioned". */
  verb: string;
  /** What to do instead when the status does not allow it. */
  hint?: string;
};

const LIVE = PROVISIONED_STATUSES;

/** The capability table (DESIGN §3, §7, §9). Staff roles (support, admin) are alike here. */
const RULES: Readonly<Record<Capability, Rule>> = {
  cancel: {
    who: "customer",
    statuses: ["PENDING_APPROVAL"],
    verb: "cancelled",
    hint: "Only a request still waiting for approval can be cancelled; a provisioned VPN is decommissioned instead.",
  },
  approve: { who: "staff", statuses: ["PENDING_APPROVAL"], verb: "approved" },
  reject: { who: "staff", statuses: ["PENDING_APPROVAL"], verb: "rejected" },
  retry: {
    who: "staff",
    statuses: ["FAILED"],
    verb: "retried",
    hint: "Only a failed request can be retried.",
  },
  // A failed request may be half built: its owner and staff can tear it down instead of retrying.
  decommission: {
    who: "both",
    statuses: [...LIVE, "FAILED"],
    verb: "decommissioned",
    hint: "Only a provisioned (or failed) VPN can be decommissioned; a pending request can be cancelled instead.",
  },
  downloadConfiguration: {
    who: "both",
    statuses: LIVE,
    verb: "configured",
    hint: "The router configuration is ready once the platform side is provisioned.",
  },
  seeTunnels: { who: "both", statuses: TUNNELS_SHOWN_STATUSES, verb: "shown" },
  seeWorkflowDetails: { who: "staff", statuses: "any", verb: "shown" },
  changeRoutes: { who: "both", statuses: LIVE, verb: "changed" },
  rotateKeys: { who: "both", statuses: LIVE, verb: "changed" },
  changeTunnelOptions: { who: "both", statuses: LIVE, verb: "changed" },
  requestGatewayChange: { who: "customer", statuses: LIVE, verb: "changed" },
  approveGatewayChange: { who: "staff", statuses: LIVE, verb: "changed" },
  // A failed day-2 change resumes from its saved steps; the VPN must still be live.
  retryChange: { who: "staff", statuses: LIVE, verb: "changed" },
  applyMaintenance: { who: "both", statuses: LIVE, verb: "maintained" },
};

export type Capabilities = Readonly<Record<Capability, boolean>>;
type RoleOnly = { role: "CUSTOMER" | "SUPPORT" | "ADMIN" };

function roleAllows(rule: Rule, viewer: RoleOnly): boolean {
  if (rule.who === "both") return true;
  return rule.who === "customer" ? viewer.role === "CUSTOMER" : viewer.role !== "CUSTOMER";
}

function statusAllows(rule: Rule, status: VpnStatus): boolean {
  return rule.statuses === "any" || rule.statuses.includes(status);
}

/** Everything the viewer may do to a request in this status. Ownership is the query's job, not this. */
export function capabilitiesFor(status: VpnStatus, viewer: RoleOnly): Capabilities {
  const result = {} as Record<Capability, boolean>;
  for (const capability of CAPABILITIES) {
    const rule = RULES[capability];
    result[capability] = roleAllows(rule, viewer) && statusAllows(rule, status);
  }
  return result;
}

/** The statuses from which a capability can be used (by someone whose role allows it). */
export function statusesAllowing(capability: Capability): readonly VpnStatus[] {
  const { statuses } = RULES[capability];
  return statuses === "any" ? VPN_STATUSES : statuses;
}

/**
 * The refusal for a capability the request's current status does not allow, naming that status
 * (or, given `decided`, the decision `changed` describes, with the status it has now).
 */
export function capabilityRefusal(
  capability: Capability,
  status: VpnStatus,
  changed?: { by: string | null; at: Date },
  decided?: VpnStatus,
): string {
  const rule = RULES[capability];
  const label = STATUS_LABELS[decided ?? status].label;
  const still = status === "PENDING_APPROVAL" ? "still" : "already";
  const by = changed ? `${changed.by ? ` by ${changed.by}` : ""} at ${changed.at.toISOString()}` : "";
  const now = decided && decided !== status ? ` (it is now ${STATUS_LABELS[status].label})` : "";
  const hint = rule.hint ? ` ${rule.hint}` : "";
  return `This request is ${still} ${label}${by}${now}, so it cannot be ${rule.verb} now.${hint} Nothing was changed; reload to see its current state.`;
}
