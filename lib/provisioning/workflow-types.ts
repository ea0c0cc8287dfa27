import type { EC2Client } from "@aws-sdk/client-ec2";

export type StepOutput = Record<string, string | number | boolean | null | string[]>;

/** What a step knows about the request it works on. */
export type WorkflowRequest = {
  id: string;
  organizationId: string;
  region: string;
  routing: "STATIC" | "BGP";
  ikeVersion: "IKEV1" | "IKEV2";
  tunnelCount: number;
  customerGatewayIp: string;
  bgpAsn: number | null;
  subnetRanges: string[];
  advertisedNetworks: string[];
  platformVpcCidr: string | null;
  platformAsn: number | null;
};

export type StepContext = {
  request: WorkflowRequest;
  ec2: EC2Client;
  /** Outputs of the steps already DONE, by step name. */
  outputs: Readonly<Record<string, StepOutput>>;
  /** Shown in the progress view while the step waits for AWS (e.g. "VPN connection pending"). */
  waiting(note: string): Promise<void>;
  sleep(ms: number): Promise<void>;
  pollIntervalMs: number;
  waitTimeoutMs: number;
  platformAsn: number;
};

export type WorkflowStep = {
  name: string;
  /** What the progress view calls it. */
  label: string;
  run(ctx: StepContext): Promise<StepOutput>;
};

/** A step output value read by a later step: fails loudly if the earlier step did not record it. */
export function outputOf(ctx: StepContext, step: string, key: string): string {
  const value = ctx.outputs[step]?.[key];
  if (typeof value !== "string" || value === "") {
    throw new Error(`Step "${step}" did not record ${key}; retry the workflow from that step.`);
  }
  return value;
}
