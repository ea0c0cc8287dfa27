import { describe, expect, it } from "vitest";
import { fakeClock } from "@/test/support/fake-clock";
import { bucketFor, TokenBuckets } from "../../emulator/faults";
import { awsBucketFor, clientBucketFor, createTokenBucket, sendPaced } from "./ec2-pacer";

const throttle = { enabled: true, scale: 1, buckets: {} };

describe("EC2 call pacing", () => {
  it("sizes each action's bucket as AWS (and the emulator) does", () => {
    for (const action of [
      "CreateNatGateway",
      "CreateVpc",
      "DescribeVpnConnections",
      "CreateTags",
      "AttachVpnGateway",
    ])
      expect(awsBucketFor(action)).toEqual(bucketFor(action, throttle));
    expect(clientBucketFor("CreateNatGateway", 1)).toEqual({ capacity: 9, refillPerSecond: 1 });
    expect(clientBucketFor("CreateVpc", 0.5)).toEqual({ capacity: 22, refillPerSecond: 2.5 });
  });

  it("never sends more than AWS's bucket accepts, however many callers ask at once", async () => {
    for (const action of ["CreateNatGateway", "CreateVpc", "DescribeNatGateways"]) {
      const clock = fakeClock();
      const aws = new TokenBuckets();
      const ours = createTokenBucket(clientBucketFor(action, 1), clock);
      let refused = 0;
      await Promise.all(
        Array.from({ length: 300 }, async () => {
          await ours.take();
          if (!aws.take("acct", "eu-west-1", action, throttle, clock.now())) refused++;
        }),
      );
      expect(refused).toBe(0);
      // …and it does not wait longer than the bucket makes it: (300 − capacity) / refill.
      const size = clientBucketFor(action, 1);
      expect(clock.now()).toBeLessThanOrEqual(((300 - size.capacity) / size.refillPerSecond) * 1000 + 1000);
    }
  });

  it("serves callers in the order they asked", async () => {
    const clock = fakeClock();
    const bucket = createTokenBucket({ capacity: 1, refillPerSecond: 2 }, clock);
    const order: number[] = [];
    await Promise.all([0, 1, 2].map((index) => bucket.take().then(() => order.push(index))));
    expect(order).toEqual([0, 1, 2]);
    expect(Math.round(clock.now())).toBe(1000);
  });

  it("sends a throttled call again after a back-off, emptying the bucket, within the budget", async () => {
    const clock = fakeClock();
    const bucket = createTokenBucket({ capacity: 5, refillPerSecond: 1 }, clock);
    const refusal = Object.assign(new Error("Request limit exceeded."), { name: "RequestLimitExceeded" });
    let calls = 0;
    const answer = await sendPaced(
      bucket,
      async () => {
        calls++;
        if (calls <= 3) throw refusal;
        return "done";
      },
      (error) => error === refusal,
      { budgetMs: 60_000, random: () => 1, ...clock },
    );
    expect(answer).toBe("done");
    expect(calls).toBe(4);
    // Drained after each refusal: every further attempt waited for a refill as well as the back-off.
    expect(clock.now()).toBeGreaterThanOrEqual(500 + 1000 + 2000);
  });

  it("gives the refusal to the caller once the budget is spent, and other errors at once", async () => {
    const clock = fakeClock();
    const bucket = createTokenBucket({ capacity: 5, refillPerSecond: 100 }, clock);
    const refusal = new Error("throttled");
    await expect(
      sendPaced(
        bucket,
        () => Promise.reject(refusal),
        (error) => error === refusal,
        {
          budgetMs: 5_000,
          random: () => 1,
          ...clock,
        },
      ),
    ).rejects.toBe(refusal);
    expect(clock.now()).toBeLessThanOrEqual(5_000);
    const other = new Error("InvalidParameterValue");
    let calls = 0;
    await expect(
      sendPaced(
        bucket,
        () => {
          calls++;
          return Promise.reject(other);
        },
        (error) => error === refusal,
        { budgetMs: 5_000 },
      ),
    ).rejects.toBe(other);
    expect(calls).toBe(1);
  });
});
