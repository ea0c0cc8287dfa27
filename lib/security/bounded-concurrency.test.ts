import { describe, expect, it } from "vitest";
import { boundedConcurrency, ConcurrencyLimitError } from "./bounded-concurrency";

describe("boundedConcurrency", () => {
  it("runs at most `limit` at once, queues up to `queueLimit`, refuses the rest", async () => {
    const run = boundedConcurrency(2, 3);
    let active = 0;
    let peak = 0;
    const gates: Array<() => void> = [];
    const task = () =>
      new Promise<void>((resolve) => {
        active++;
        peak = Math.max(peak, active);
        gates.push(() => {
          active--;
          resolve();
        });
      });
    const results = Array.from({ length: 7 }, () =>
      run(task).then(
        () => "done",
        (error) => error,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    // 2 running + 3 waiting accepted; the 6th and 7th refused at once.
    expect(gates).toHaveLength(2);
    while (gates.length > 0) {
      gates.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const settled = await Promise.all(results);
    expect(settled.filter((value) => value === "done")).toHaveLength(5);
    expect(settled.filter((value) => value instanceof ConcurrencyLimitError)).toHaveLength(2);
    expect(peak).toBe(2);
  });
});
