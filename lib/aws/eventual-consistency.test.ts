import { describe, expect, it } from "vitest";
import { lookUpSettled, untilReleased, untilVisible } from "./eventual-consistency";

const awsError = (name: string) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: 400 } });
const noSleep = async () => {};

describe("untilVisible", () => {
  it("treats NotFound as 'not yet' until the resource shows up", async () => {
    let calls = 0;
    const result = await untilVisible(
      async () => {
        calls++;
        if (calls < 3) throw awsError("InvalidVpcID.NotFound");
        return "attached";
      },
      { windowMs: 10_000, sleep: noSleep },
    );
    expect([result, calls]).toEqual(["attached", 3]);
  });

  it("gives up after its window, and never retries other errors", async () => {
    await expect(
      untilVisible(
        async () => {
          throw awsError("NatGatewayNotFound");
        },
        { windowMs: 0, sleep: noSleep },
      ),
    ).rejects.toThrow("NatGatewayNotFound");
    let calls = 0;
    await expect(
      untilVisible(
        async () => {
          calls++;
          throw awsError("DependencyViolation");
        },
        { windowMs: 10_000, sleep: noSleep },
      ),
    ).rejects.toThrow("DependencyViolation");
    expect(calls).toBe(1);
  });
});

describe("the settle window", () => {
  it("makes its last try at the window's end, so a resource lagging almost the whole window is seen", async () => {
    const visibleAt = Date.now() + 40;
    let calls = 0;
    const result = await untilVisible(
      async () => {
        calls++;
        if (Date.now() < visibleAt) throw awsError("InvalidInternetGatewayID.NotFound");
        return "attached";
      },
      { windowMs: 60 }, // shorter than the first back-off step (200 ms): the wait is cut to the window
    );
    expect(result).toBe("attached");
    expect(calls).toBe(2);
  });
});

describe("untilReleased", () => {
  it("waits out DependencyViolation while AWS releases a NAT gateway's interface", async () => {
    let calls = 0;
    const waits: number[] = [];
    await untilReleased(
      async () => {
        calls++;
        if (calls < 4) throw awsError("DependencyViolation");
      },
      { windowMs: 60_000, sleep: async (ms) => void waits.push(ms) },
    );
    expect(calls).toBe(4);
    expect(waits).toEqual([200, 400, 800]);
  });
});

describe("lookUpSettled", () => {
  it("repeats a lookup that misses until it finds, within the window", async () => {
    let calls = 0;
    const found = await lookUpSettled(async () => (++calls >= 3 ? "vpc-1" : undefined), {
      windowMs: 10_000,
      sleep: noSleep,
    });
    expect([found, calls]).toEqual(["vpc-1", 3]);
  });

  it("answers undefined after one lookup when the window is 0", async () => {
    let calls = 0;
    expect(await lookUpSettled(async () => void calls++, { windowMs: 0, sleep: noSleep })).toBeUndefined();
    expect(calls).toBe(1);
  });
});
