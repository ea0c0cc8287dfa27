import type { EC2Client } from "@aws-sdk/client-ec2";
import type { z } from "zod";
import type { PoolAccount } from "@/lib/aws/pool-credentials";
import type { OutputsOf, StepCatalogue, StepEntry } from "@/lib/provisioning/workflow-catalogue";

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

export type StepContext<Outputs = unknown> = {
  request: WorkflowRequest;
  ec2: EC2Client;
  /** The pool account the request is placed in (null: the worker's own), for other AWS services. */
  account: PoolAccount | null;
  /**
   * Outputs of the steps already DONE, typed by the catalogue (`outputs.createVpc.vpcId`). Reading
   * a step that has not recorded a valid output throws, naming the step to retry from.
   */
  outputs: Outputs;
  /** Shown in the progress view while the step waits for AWS (e.g. "VPN connection pending"). */
  waiting(note: string): Promise<void>;
  sleep(ms: number): Promise<void>;
  pollIntervalMs: number;
  waitTimeoutMs: number;
  platformAsn: number;
  /**
   * Creates this step has started, across its runs (engine retries, crashed workers, support
   * retries): recorded before each create without a client token, so a later run knows whether a
   * lost reply may hide a resource, and since when.
   */
  createIntents: CreateIntents;
  /** EC2's eventual-consistency window (AWS_CONSISTENCY_WINDOW_MS). */
  consistencyWindowMs: number;
};

export type CreateIntents = {
  /** When this step last started creating `resource`, if it ever did. */
  since(resource: string): number | undefined;
  record(resource: string): Promise<void>;
};

/** A step as the engine runs it: the catalogue entry plus its implementation. */
export type WorkflowStep = StepEntry & { run(ctx: StepContext): Promise<unknown> };

/** A workflow as the engine runs it: its steps in order, and the typed view of their outputs. */
export type WorkflowDefinition = {
  steps: readonly WorkflowStep[];
  /** Builds the `outputs` a step reads from the stored outputs of this workflow, by step name. */
  readOutputs(stored: ReadonlyMap<string, unknown>): unknown;
};

/** The implementation of one step of catalogue C: returns what its entry says it records. */
export type StepRun<C extends StepCatalogue, K extends keyof C> = (
  ctx: StepContext<OutputsOf<C>>,
) => Promise<z.input<C[K]["output"]>>;

/**
 * Pairs every entry of a catalogue with its implementation, in catalogue order. The compiler checks
 * that each step is implemented, returns its declared output, and reads earlier outputs by type.
 */
export function implementSteps<C extends StepCatalogue>(
  catalogue: C,
  runs: { [K in keyof C]: StepRun<C, K> },
): WorkflowDefinition {
  return {
    steps: Object.keys(catalogue).map((key) => {
      const entry = catalogue[key] as StepEntry;
      const run = runs[key] as StepRun<C, keyof C>;
      return { ...entry, run: (ctx: StepContext) => run(ctx as StepContext<OutputsOf<C>>) };
    }),
    readOutputs: (stored) => readStepOutputs(catalogue, stored),
  };
}

/** A typed, read-on-demand view of stored outputs: each access parses with the step's schema. */
export function readStepOutputs<C extends StepCatalogue>(
  catalogue: C,
  stored: ReadonlyMap<string, unknown>,
): OutputsOf<C> {
  const view = {} as Record<string, unknown>;
  for (const [key, entry] of Object.entries(catalogue)) {
    Object.defineProperty(view, key, {
      enumerable: true,
      get() {
        const parsed = entry.output.safeParse(stored.get(entry.name));
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const where = issue?.path.length ? ` (${issue.path.join(".")}: ${issue.message})` : "";
          throw new Error(
            `Step "${entry.name}" did not record its output${where}; retry the workflow from that step.`,
          );
        }
        return parsed.data;
      },
    });
  }
  return view as OutputsOf<C>;
}
