// The lab's scenarios, shared by the CLI (lab/main.ts) and the vitest integration test.
import type { RouterConfigInput } from "@/lib/router-config/types";
import { LAB_INPUTS, singleTunnel } from "./fixtures";
import type { LabOptions } from "./run-lab";

export { labUnavailableReason } from "./availability";

export type LabScenario = { input: RouterConfigInput; options: LabOptions; description: string };

export const LAB_SCENARIOS: LabScenario[] = [
  {
    description: "IKEv2 static, two tunnels up at once, ping customer LAN -> VPC",
    input: LAB_INPUTS.ikev2Static,
    options: { name: "ikev2-static" },
  },
  {
    description: "IKEv1 (main mode) static, two tunnels, ping customer LAN -> VPC",
    input: LAB_INPUTS.ikev1Static,
    options: { name: "ikev1-static" },
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
    description: "failover: platform side of the active tunnel stopped, ping crosses the other tunnel",
    input: LAB_INPUTS.ikev2Static,
    options: { name: "failover", failover: true },
  },
  {
    description: "negative control: wrong PSK on the platform side -> AUTH_FAILED, no SA",
    input: singleTunnel(LAB_INPUTS.ikev2Static),
    options: { name: "wrong-psk", expect: "auth-failed", platformPskOverride: { 1: "Wrong.Key_0000000000" } },
  },
];
