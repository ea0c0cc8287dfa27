import { describe, expect, it } from "vitest";
import { planSegmentPage } from "./plan-segment-page";

describe("planSegmentPage", () => {
  it("takes the first page from the first segment when it is large enough", () => {
    expect(planSegmentPage([120, 900], 0, 50)).toEqual([{ segment: 0, skip: 0, take: 50 }]);
  });

  it("spans two segments where a page crosses the boundary", () => {
    expect(planSegmentPage([120, 900], 100, 50)).toEqual([
      { segment: 0, skip: 100, take: 20 },
      { segment: 1, skip: 0, take: 30 },
    ]);
  });

  it("skips empty and earlier segments", () => {
    expect(planSegmentPage([0, 10, 0, 40], 30, 50)).toEqual([{ segment: 3, skip: 20, take: 20 }]);
  });

  it("is empty past the end", () => {
    expect(planSegmentPage([10, 10], 20, 50)).toEqual([]);
  });
});
