import { describe, expect, it } from "vitest";
import {
  assertTransition,
  type Capability,
  canTransition,
  capabilitiesFor,
  capabilityRefusal,
  deriveTunnelStatus,
  InvalidTransitionError,
  isTerminal,
  retryTarget,
  STATUS_LABELS,
  statusesAllowing,
  VPN_STATUSES,
  type VpnStatus,
  WORKFLOW_DUE_STATUSES,
  workflowShown,
  workflowToRun,
} from "./lifecycle";

const ALLOWED: Array<[VpnStatus, VpnStatus]> = [
  ["PENDING_APPROVAL", "APPROVED"],
  ["PENDING_APPROVAL", "REJECTED"],
  ["PENDING_APPROVAL", "CANCELLED"],
  ["APPROVED", "PROVISIONING"],
  ["PROVISIONING", "AWAITING_CUSTOMER"],
  ["PROVISIONING", "FAILED"],
  ["AWAITING_CUSTOMER", "ACTIVE"],
  ["AWAITING_CUSTOMER", "DEGRADED"],
  ["AWAITING_CUSTOMER", "DECOMMISSIONING"],
  ["ACTIVE", "DEGRADED"],
  ["ACTIVE", "DOWN"],
  ["ACTIVE", "DECOMMISSIONING"],
  ["DEGRADED", "ACTIVE"],
  ["DEGRADED", "DOWN"],
  ["DEGRADED", "DECOMMISSIONING"],
  ["DOWN", "ACTIVE"],
  ["DOWN", "DEGRADED"],
  ["DOWN", "DECOMMISSIONING"],
  ["FAILED", "PROVISIONING"],
  ["FAILED", "DECOMMISSIONING"],
  ["DECOMMISSIONING", "DECOMMISSIONED"],
  ["DECOMMISSIONING", "FAILED"],
];

describe("transitions", () => {
  it.each(ALLOWED)("allows %s → %s", (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it("forbids every other pair (the table above is the whole machine)", () => {
    const allowed = new Set(ALLOWED.map(([from, to]) => `${from}>${to}`));
    for (const from of VPN_STATUSES) {
      for (const to of VPN_STATUSES) {
        expect(canTransition(from, to), `${from} → ${to}`).toBe(allowed.has(`${from}>${to}`));
      }
    }
  });

  it.each([
    ["PENDING_APPROVAL", "PROVISIONING"], // approval cannot be skipped
    ["APPROVED", "CANCELLED"], // the customer cancels only while pending
    ["AWAITING_CUSTOMER", "DOWN"], // DOWN needs a tunnel to have been up
    ["ACTIVE", "PENDING_APPROVAL"],
    ["PROVISIONING", "DECOMMISSIONING"],
    ["REJECTED", "APPROVED"],
    ["DECOMMISSIONED", "PROVISIONING"],
    ["CANCELLED", "PENDING_APPROVAL"],
    ["ACTIVE", "ACTIVE"],
  ] as Array<[VpnStatus, VpnStatus]>)("forbids %s → %s with a typed, readable error", (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    let caught: unknown;
    try {
      assertTransition(from, to);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidTransitionError);
    expect(caught).toMatchObject({ from, to, name: "InvalidTransitionError" });
    expect((caught as Error).message).toContain(
      `cannot go from ${STATUS_LABELS[from].label} to ${STATUS_LABELS[to].label}`,
    );
  });

  it("says what is allowed instead, or that the status is final", () => {
    expect(() => assertTransition("APPROVED", "ACTIVE")).toThrow(/it can only become Provisioning/);
    expect(() => assertTransition("REJECTED", "APPROVED")).toThrow(/Rejected is final/);
  });

  it("has exactly three terminal statuses", () => {
    expect(VPN_STATUSES.filter(isTerminal)).toEqual(["REJECTED", "DECOMMISSIONED", "CANCELLED"]);
    expect(isTerminal("FAILED")).toBe(false); // support can retry
  });

  it("labels every status for badges", () => {
    for (const status of VPN_STATUSES) {
      expect(STATUS_LABELS[status].label).not.toBe("");
      expect(STATUS_LABELS[status].description).toMatch(/\.$/);
    }
  });
});

describe("deriveTunnelStatus", () => {
  it.each([
    [2, 2, false, "ACTIVE"],
    [2, 2, true, "ACTIVE"],
    [1, 1, false, "ACTIVE"],
    [2, 1, false, "DEGRADED"],
    [2, 1, true, "DEGRADED"],
    [2, 0, false, "AWAITING_CUSTOMER"],
    [1, 0, false, "AWAITING_CUSTOMER"],
    [2, 0, true, "DOWN"],
    [1, 0, true, "DOWN"],
  ] as const)(
    "%i configured, %i up, ever up %s → %s",
    (configuredTunnels, upTunnels, wasEverUp, expected) => {
      expect(deriveTunnelStatus({ configuredTunnels, upTunnels, wasEverUp })).toBe(expected);
    },
  );

  it("refuses impossible counts rather than mislabel a connection", () => {
    expect(() => deriveTunnelStatus({ configuredTunnels: 2, upTunnels: 3, wasEverUp: true })).toThrow(
      RangeError,
    );
    expect(() => deriveTunnelStatus({ configuredTunnels: 0, upTunnels: 0, wasEverUp: false })).toThrow(
      RangeError,
    );
    expect(() => deriveTunnelStatus({ configuredTunnels: 2, upTunnels: -1, wasEverUp: false })).toThrow(
      RangeError,
    );
  });

  it("only ever yields statuses the machine can move between", () => {
    expect(
      canTransition(
        "AWAITING_CUSTOMER",
        deriveTunnelStatus({ configuredTunnels: 2, upTunnels: 1, wasEverUp: true }),
      ),
    ).toBe(true);
    expect(
      canTransition("ACTIVE", deriveTunnelStatus({ configuredTunnels: 2, upTunnels: 0, wasEverUp: true })),
    ).toBe(true);
  });
});

describe("capabilitiesFor: what each viewer may do in each status", () => {
  const LIVE_CUSTOMER = [
    "decommission",
    "downloadConfiguration",
    "seeTunnels",
    "changeRoutes",
    "rotateKeys",
    "changeTunnelOptions",
    "requestGatewayChange",
    "applyMaintenance",
  ];
  // Staff on a live VPN: what its customer may do, except that they approve a gateway change rather
  // than ask for one; and they see the workflow's details and retry a failed change.
  const LIVE_STAFF = [
    ...LIVE_CUSTOMER.filter((capability) => capability !== "requestGatewayChange"),
    "approveGatewayChange",
    "seeWorkflowDetails",
    "retryChange",
  ];
  // Written out by hand: the table a reviewer checks against DESIGN §3, §7 and §9.
  const EXPECTED: Record<VpnStatus, { customer: string[]; staff: string[] }> = {
    PENDING_APPROVAL: { customer: ["cancel"], staff: ["approve", "reject", "seeWorkflowDetails"] },
    APPROVED: { customer: [], staff: ["seeWorkflowDetails"] },
    PROVISIONING: { customer: [], staff: ["seeWorkflowDetails"] },
    AWAITING_CUSTOMER: { customer: LIVE_CUSTOMER, staff: LIVE_STAFF },
    ACTIVE: { customer: LIVE_CUSTOMER, staff: LIVE_STAFF },
    DEGRADED: { customer: LIVE_CUSTOMER, staff: LIVE_STAFF },
    DOWN: { customer: LIVE_CUSTOMER, staff: LIVE_STAFF },
    REJECTED: { customer: [], staff: ["seeWorkflowDetails"] },
    FAILED: { customer: ["decommission"], staff: ["retry", "decommission", "seeWorkflowDetails"] },
    DECOMMISSIONING: { customer: ["seeTunnels"], staff: ["seeTunnels", "seeWorkflowDetails"] },
    DECOMMISSIONED: { customer: [], staff: ["seeWorkflowDetails"] },
    CANCELLED: { customer: [], staff: ["seeWorkflowDetails"] },
  };
  const granted = (status: VpnStatus, role: "CUSTOMER" | "SUPPORT" | "ADMIN") =>
    Object.entries(capabilitiesFor(status, { role }))
      .filter(([, allowed]) => allowed)
      .map(([capability]) => capability)
      .sort();

  for (const status of VPN_STATUSES) {
    for (const role of ["CUSTOMER", "SUPPORT", "ADMIN"] as const) {
      it(`${status} × ${role}`, () => {
        const expected = EXPECTED[status][role === "CUSTOMER" ? "customer" : "staff"];
        expect(granted(status, role)).toEqual([...expected].sort());
      });
    }
  }

  it("every status-changing capability is a move the transition table allows", () => {
    const targets: Partial<Record<Capability, VpnStatus[]>> = {
      cancel: ["CANCELLED"],
      approve: ["APPROVED"],
      reject: ["REJECTED"],
      decommission: ["DECOMMISSIONING"],
      retry: ["PROVISIONING", "DECOMMISSIONING"],
    };
    for (const [capability, to] of Object.entries(targets) as [Capability, VpnStatus[]][]) {
      for (const from of statusesAllowing(capability)) {
        for (const target of to)
          expect(canTransition(from, target), `${capability}: ${from} → ${target}`).toBe(true);
      }
    }
  });

  it("a refusal says what state the request is actually in and what to do instead", () => {
    expect(capabilityRefusal("decommission", "PENDING_APPROVAL")).toMatch(
      /^This request is still Pending approval, so it cannot be decommissioned now\. .*can be cancelled instead/,
    );
    expect(
      capabilityRefusal("approve", "APPROVED", {
        by: "support@example.com",
        at: new Date("2026-01-01T00:00:00Z"),
      }),
    ).toMatch(/already Approved by support@example\.com at 2026-01-01T00:00:00\.000Z/);
    // A decision refused after the worker moved the request on names the decision, then the status.
    expect(
      capabilityRefusal(
        "approve",
        "PROVISIONING",
        { by: "support@example.com", at: new Date("2026-01-01T00:00:00Z") },
        "APPROVED",
      ),
    ).toMatch(
      /^This request is already Approved by support@example\.com at 2026-01-01T00:00:00\.000Z \(it is now Provisioning\), so it cannot be approved now\./,
    );
  });

  it("names each workflow once: which one runs, and which one the progress view shows", () => {
    expect(VPN_STATUSES.filter((status) => workflowToRun(status) !== null)).toEqual([
      ...WORKFLOW_DUE_STATUSES,
    ]);
    expect(workflowShown("AWAITING_CUSTOMER", { failedWorkflow: null, provisionRan: true })).toBe(
      "PROVISION",
    );
    expect(workflowShown("DECOMMISSIONED", { failedWorkflow: null, provisionRan: true })).toBe(
      "DECOMMISSION",
    );
    expect(workflowShown("FAILED", { failedWorkflow: "DECOMMISSION", provisionRan: true })).toBe(
      "DECOMMISSION",
    );
    expect(workflowShown("ACTIVE", { failedWorkflow: null, provisionRan: true })).toBe("PROVISION");
    expect(workflowShown("PENDING_APPROVAL", { failedWorkflow: null, provisionRan: false })).toBeNull();
    expect(retryTarget("DECOMMISSION")).toBe("DECOMMISSIONING");
    expect(retryTarget(null)).toBe("PROVISIONING");
  });
});
