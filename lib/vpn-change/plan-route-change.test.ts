import { describe, expect, it } from "vitest";
import { diffRoutes, planRouteChange } from "@/lib/vpn-change/plan-route-change";

describe("planRouteChange", () => {
  it("adds and removes what differs, in canonical form", () => {
    const result = planRouteChange(["10.20.0.0/16", "10.30.0.0/16"], "10.20.0.0/16\n10.40.0.0/24", null);
    expect(result).toEqual({
      ok: true,
      subnetRanges: ["10.20.0.0/16", "10.40.0.0/24"],
      plan: { add: ["10.40.0.0/24"], remove: ["10.30.0.0/16"] },
    });
  });

  it("refuses with the request's own rules", () => {
    const overlap = planRouteChange(["10.20.0.0/16"], "10.20.0.0/16\n10.20.1.0/24", null);
    expect(overlap).toMatchObject({ ok: false, error: expect.stringContaining("overlap") });
    const hostBits = planRouteChange(["10.20.0.0/16"], "10.20.0.1/16", null);
    expect(hostBits).toMatchObject({ ok: false, error: expect.stringContaining("use 10.20.0.0/16") });
    const empty = planRouteChange(["10.20.0.0/16"], "  ", null);
    expect(empty).toMatchObject({ ok: false, error: expect.stringContaining("at least one") });
  });

  it("refuses a range inside the platform VPC", () => {
    const result = planRouteChange(["10.20.0.0/16"], "10.20.0.0/16\n100.64.1.0/24", "100.64.0.0/20");
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining("platform VPC 100.64.0.0/20") });
  });

  it("says when nothing changes", () => {
    expect(planRouteChange(["10.20.0.0/16"], "10.20.0.0/16", null)).toMatchObject({ ok: false });
  });

  it("diffs as sets", () => {
    expect(diffRoutes(["a", "b"], ["b", "c"])).toEqual({ add: ["c"], remove: ["a"] });
  });
});
