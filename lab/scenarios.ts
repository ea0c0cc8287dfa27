// The lab's scenarios, shared by the CLI (lab/main.ts) and the vitest integration test.
import type { RouterConfigInput } from "@/lib/router-config/types";
import { LAB_INPUTS, singleTunnel } from "./fixtures";
import type { LabOptions } from "./run-lab";

export { labUnavailableReason } from "./availability";

export type LabScenario = { input: RouterConfigInput; options: LabOptions; description: string };

export const LAB_SCENARIOS: LabScenario[] = [
  {
    description:
      "IKEv2 static, startup action add: the platform waits (never initiates); two tunnels up, ping LAN -> VPC",
    input: LAB_INPUTS.ikev2Static,
    options: { name: "ikev2-static", initiationCheckMs: 1500 },
  },
  {
    description: "IKEv1 (main mode) static, two tunnels, ping customer LAN -> VPC",
    input: LAB_INPUTS.ikev1Static,
    options: { name: "ikev1-static" },
  },
  {
    description:
      "AWS-faithful initiation: IKEv1 with startup action start, the platform still never initiates; the customer does",
    input: LAB_INPUTS.ikev1Static,
    options: { name: "aws-never-initiates-ikev1", platformStartupAction: "start", initiationCheckMs: 2000 },
  },
  {
    description: "AWS-faithful initiation: IKEv2 with startup action start, the platform initiates too",
    input: singleTunnel(LAB_INPUTS.ikev2Static),
    options: { name: "aws-ikev2-startup-start", platformStartupAction: "start", initiationCheckMs: 2000 },
  },
  {
    description: "IKEv2 BGP, two tunnels, routes both ways, ping customer prefix -> VPC",
    input: LAB_INPUTS.ikev2Bgp,
    options: { name: "ikev2-bgp" },
  },
  {
    description: "IKEv2 BGP, single tunnel: session Established, routes both ways, ping",
    input: singleTunnel(LAB_INPUTS.ikev2Bgp),
    options: { name: "ikev2-bgp-1tunnel" },
  },
  {
    description:
      "failover (IKEv2 static): tunnel 1's platform side stopped; the file's up/down script withdraws its VPC route, VPC traffic crosses tunnel 2",
    input: LAB_INPUTS.ikev2Static,
    options: { name: "failover", failover: true },
  },
  {
    description:
      "failover (IKEv1 static): tunnel 1's platform side stopped; VPC route withdrawn, VPC traffic crosses tunnel 2",
    input: LAB_INPUTS.ikev1Static,
    options: { name: "failover-ikev1", failover: true },
  },
  {
    description: "negative control: wrong PSK on the platform side -> AUTH_FAILED, no SA",
    input: singleTunnel(LAB_INPUTS.ikev2Static),
    options: { name: "wrong-psk", expect: "auth-failed", platformPskOverride: { 1: "Wrong.Key_0000000000" } },
  },
  {
    description: "negative control: platform proposes other algorithms -> NO_PROPOSAL_CHOSEN, no SA",
    input: singleTunnel(LAB_INPUTS.ikev2Static),
    options: {
      name: "proposal-mismatch",
      expect: "no-proposal",
      platformProposalOverride: "aes128-sha1-modp2048",
    },
  },
];
