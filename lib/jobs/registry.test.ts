import { describe, expect, it } from "vitest";
import { jobIdFor } from "./define-job";
import { alertDeliveryJob, JOBS, workflowJob } from "./registry";

describe("job registry", () => {
  it("registers each queue once, under the names already shipped", () => {
    const names = JOBS.map((job) => job.name);
    expect(names).toEqual(["vpn-workflow", "vpn-change", "tunnel-alert"]);
    expect(new Set(names).size).toBe(names.length);
  });

  it("checks payloads: a workflow job needs a request UUID, an alert job a delivery UUID", () => {
    const id = "3f2b1c4e-8d7a-4b6c-9e5f-0a1b2c3d4e5f";
    expect(workflowJob.payload.safeParse({ requestId: id }).success).toBe(true);
    expect(workflowJob.payload.safeParse({ requestId: "not-a-uuid" }).success).toBe(false);
    expect(alertDeliveryJob.payload.safeParse({ deliveryId: id }).success).toBe(true);
    expect(alertDeliveryJob.payload.safeParse({ requestId: id }).success).toBe(false);
  });

  it("derives the same UUID from the same key, so a repeated send is one job", () => {
    expect(jobIdFor("a:APPROVED:1")).toBe(jobIdFor("a:APPROVED:1"));
    expect(jobIdFor("a:APPROVED:1")).not.toBe(jobIdFor("a:APPROVED:2"));
    expect(jobIdFor("x")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
