import { describe, expect, it } from "vitest";
import { fakeClock } from "@/test/support/fake-clock";
import { createCallPacer } from "./pace-calls";

describe("createCallPacer", () => {
  it("lets a burst through at once, then paces to the rate", async () => {
    const clock = fakeClock();
    const pacer = createCallPacer({ ratePerSecond: 10, burst: 5, ...clock });
    const times: number[] = [];
    for (let index = 0; index < 8; index++) {
      await pacer.take();
      times.push(Math.round(clock.now()));
    }
    expect(times).toEqual([0, 0, 0, 0, 0, 100, 200, 300]);
  });

  it("serves concurrent callers in order without exceeding the rate", async () => {
    const clock = fakeClock();
    const pacer = createCallPacer({ ratePerSecond: 2, burst: 1, ...clock });
    const order: number[] = [];
    await Promise.all([0, 1, 2].map((index) => pacer.take().then(() => order.push(index))));
    expect(order).toEqual([0, 1, 2]);
    expect(Math.round(clock.now())).toBe(1000);
  });
});
