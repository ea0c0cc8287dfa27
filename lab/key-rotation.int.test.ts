// Issue 12's lab acceptance for key rotation: a request provisioned through the real workflow
// (emulator over HTTP, real SDK), both tunnels up on real strongSwan; both keys rotated through the
// portal's domain functions, tunnel by tunnel, the customer side reloading the configuration
// downloaded again after each step. Sampled every 200 ms: a tunnel is up at every sample, both are
// up at the end, and the keys from before are refused.
// Run: npx vitest run --config lab/vitest.config.ts lab/key-rotation.int.test.ts   (root on Linux)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulatorForApp, type TestEmulator } from "@/test/support/emulator";
import { labUnavailableReason } from "./availability";
import { PROVISIONED_SCENARIOS, runProvisionedScenario } from "./provisioned-request";

const reason = labUnavailableReason();
if (reason) console.log(`key rotation lab test skipped: ${reason}`);

let emulator: TestEmulator | undefined;

beforeAll(async () => {
  if (reason !== null) return;
  emulator = await startEmulatorForApp();
});
afterAll(async () => {
  await emulator?.close();
  const { stopBoss } = await import("@/lib/queue/boss");
  await stopBoss(); // requesting a change sends its job through pg-boss
});

describe.skipIf(reason !== null)("key rotation on real tunnels", () => {
  it("rotates both keys tunnel by tunnel with a tunnel up at every 200 ms sample; the old keys are refused", async () => {
    const scenario = PROVISIONED_SCENARIOS.find((s) => s.name === "provisioned-ikev2-key-rotation");
    if (!scenario || !emulator) throw new Error("no scenario or no emulator");
    const r = await runProvisionedScenario(scenario, { emulatorUrl: emulator.url, log: console.log });
    const rotation = r.rotation;
    const samples = rotation?.samples ?? [];
    const line = (sample: (typeof samples)[number]) =>
      `${sample.atMs}ms ${Object.entries(sample.up)
        .map(([n, up]) => `t${n}=${up ? "UP" : "down"}`)
        .join(" ")}`;
    console.log(`key rotation: ${samples.length} samples, 200 ms apart:\n${samples.map(line).join("\n")}`);
    const oneDown = samples.filter((s) => Object.values(s.up).filter(Boolean).length === 1).length;
    console.log(
      `key rotation: rotations ${JSON.stringify(rotation?.rotations)}; samples with both up ${samples.length - oneDown}, one up ${oneDown}, none up ${samples.filter((s) => !Object.values(s.up).some(Boolean)).length}; old keys ${JSON.stringify(rotation?.oldKey)}; total ${r.totalMs} ms`,
    );
    expect(r.failures).toEqual([]);
    expect(rotation?.rotations.map((step) => [step.tunnel, step.keyChanged])).toEqual([
      [1, true],
      [2, true],
    ]);
    expect(samples.length).toBeGreaterThanOrEqual(10);
    // At least one tunnel UP at every sample (the portal never took both down) …
    expect(samples.filter((s) => !Object.values(s.up).some(Boolean))).toEqual([]);
    // … both UP at the end (each with only its new key on the platform side), and the keys from
    // before the rotation no longer work.
    expect(rotation?.bothUpAtEnd).toBe(true);
    expect(rotation?.oldKey).toEqual({ authFailedSeen: true, upWithOldKey: [] });
  });
});
