import { describe, expect, it } from "vitest";
import { withRetries } from "./with-retries";

function awsError(name: string, status: number) {
  return Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
}

describe("withRetries", () => {
  it("retries throttling and 5xx with growing, jittered waits, then succeeds", async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls++;
        if (calls === 1) throw awsError("RequestLimitExceeded", 503);
        if (calls === 2) throw awsError("InternalError", 500);
        return "done";
      },
      { sleep: async (ms) => void waits.push(ms), random: () => 1 },
    );
    expect(result).toBe("done");
    expect(waits).toEqual([400, 800]);
  });

  it("does not retry a permanent error", async () => {
    let calls = 0;
    await expect(
      withRetries(async () => {
        calls++;
        throw awsError("VpnGatewayLimitExceeded", 400);
      }),
    ).rejects.toThrow("VpnGatewayLimitExceeded");
    expect(calls).toBe(1);
  });

  it("gives up after the last attempt", async () => {
    let calls = 0;
    await expect(
      withRetries(
        async () => {
          calls++;
          throw awsError("RequestLimitExceeded", 503);
        },
        { attempts: 3, sleep: async () => {} },
      ),
    ).rejects.toThrow();
    expect(calls).toBe(3);
  });
});
