import { describe, expect, it } from "vitest";
import { z } from "zod";
import { PROVISION_CATALOGUE, WORKFLOW_CATALOGUE } from "./workflow-catalogue";
import { implementSteps, readStepOutputs, type StepContext } from "./workflow-types";

const catalogue = {
  first: { name: "first-step", label: "First", output: z.object({ id: z.string().min(1) }) },
  second: { name: "second-step", label: "Second", output: z.object({ count: z.number() }) },
} as const;

describe("typed step outputs", () => {
  it("reads a recorded output by key, checked against the step's schema", () => {
    const outputs = readStepOutputs(catalogue, new Map([["first-step", { id: "vpc-1" }]]));
    expect(outputs.first.id).toBe("vpc-1");
  });

  it("names the step to retry from when its output is missing or malformed", () => {
    const outputs = readStepOutputs(catalogue, new Map<string, unknown>([["first-step", { id: "" }]]));
    expect(() => outputs.first).toThrow(/Step "first-step" did not record its output \(id: .*\); retry/);
    expect(() => outputs.second).toThrow(/Step "second-step" did not record its output; retry/);
  });

  it("sees an output recorded after the view was built (later steps read earlier ones)", () => {
    const stored = new Map<string, unknown>();
    const outputs = readStepOutputs(catalogue, stored);
    stored.set("second-step", { count: 2 });
    expect(outputs.second.count).toBe(2);
  });

  it("implements the steps in catalogue order, with the catalogue's names and labels", async () => {
    const workflow = implementSteps(catalogue, {
      second: async ({ outputs }) => ({ count: outputs.first.id.length }),
      first: async () => ({ id: "abc" }),
    });
    expect(workflow.steps.map((step) => [step.name, step.label])).toEqual([
      ["first-step", "First"],
      ["second-step", "Second"],
    ]);
    const stored = new Map<string, unknown>([["first-step", { id: "abc" }]]);
    const ctx = { outputs: workflow.readOutputs(stored) } as StepContext;
    expect(await workflow.steps[1]?.run(ctx)).toEqual({ count: 3 });
  });
});

describe("workflow catalogue", () => {
  it("gives every step a unique name and a label", () => {
    for (const steps of Object.values(WORKFLOW_CATALOGUE)) {
      const names = steps.map((step) => step.name);
      expect(new Set(names).size).toBe(names.length);
      expect(steps.every((step) => step.label.length > 0)).toBe(true);
    }
  });

  it("keeps the shipped step names (ProvisioningStep rows and failedStep refer to them)", () => {
    expect(Object.values(PROVISION_CATALOGUE).map((step) => step.name)).toEqual([
      "allocate-vpc-cidr",
      "generate-tunnel-secrets",
      "create-vpc",
      "create-subnets",
      "create-internet-gateway",
      "create-vpn-gateway",
      "create-customer-gateway",
      "create-vpn-connection",
      "create-nat-gateway",
      "configure-routing",
      "wait-for-vpn-connection",
    ]);
  });
});
