import { describe, expect, it } from "vitest";
import { defaultConfig } from "./config";
import { bucketFor, TokenBuckets } from "./faults";

const throttle = defaultConfig().throttle;

describe("AWS's request token buckets", () => {
  it("sizes each action by its category", () => {
    expect(bucketFor("DescribeVpnConnections", throttle)).toEqual({ capacity: 100, refillPerSecond: 20 });
    expect(bucketFor("CreateVpc", throttle)).toEqual({ capacity: 50, refillPerSecond: 5 });
    expect(bucketFor("CreateNatGateway", throttle)).toEqual({ capacity: 10, refillPerSecond: 1 });
    expect(bucketFor("CreateTags", throttle)).toEqual({ capacity: 100, refillPerSecond: 10 });
  });

  it("keeps a 10 000-connection poller inside them: 100 batched describes every 10 s, cycle after cycle", () => {
    const buckets = new TokenBuckets();
    let refused = 0;
    for (let cycle = 0; cycle < 6; cycle++) {
      const at = cycle * 10_000;
      for (let call = 0; call < 10_000 / 100; call++)
        if (!buckets.take("acct", "eu-west-1", "DescribeVpnConnections", throttle, at)) refused++;
    }
    console.log(`poller: 600 DescribeVpnConnections over 60 s, ${refused} throttled`);
    expect(refused).toBe(0);
    // One call per connection instead would be throttled at once.
    const perTunnel = new TokenBuckets();
    let throttled = 0;
    for (let call = 0; call < 10_000; call++)
      if (!perTunnel.take("acct", "eu-west-1", "DescribeVpnConnections", throttle, 0)) throttled++;
    expect(throttled).toBe(9_900);
  });

  it("keeps buckets apart per action, account and region", () => {
    const buckets = new TokenBuckets();
    for (let i = 0; i < 10; i++) buckets.take("acct", "eu-west-1", "CreateNatGateway", throttle, 0);
    expect(buckets.take("acct", "eu-west-1", "CreateNatGateway", throttle, 0)).toBe(false);
    expect(buckets.take("acct", "us-west-2", "CreateNatGateway", throttle, 0)).toBe(true);
    expect(buckets.take("other", "eu-west-1", "CreateNatGateway", throttle, 0)).toBe(true);
    expect(buckets.take("acct", "eu-west-1", "DeleteNatGateway", throttle, 0)).toBe(true);
    expect(buckets.take("acct", "eu-west-1", "CreateNatGateway", throttle, 1000)).toBe(true);
  });
});
