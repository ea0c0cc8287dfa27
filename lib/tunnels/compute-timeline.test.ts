import { describe, expect, it } from "vitest";
import { computeTimeline, timelineFromRuns } from "./compute-timeline";

const t = (hours: number) => new Date(Date.UTC(2026, 10, 20, 0, 0, 0) + hours * 3_600_000);
/** Status events, each at an hour from the day's start. */
const events = (...list: ["UP" | "DOWN", number][]) =>
  list.map(([status, hours]) => ({ status, occurredAt: t(hours) }));

describe("computeTimeline", () => {
  it("is all unknown, with no availability, before any event", () => {
    const timeline = computeTimeline([], t(0), t(24));
    expect(timeline.segments).toEqual([{ status: "UNKNOWN", from: t(0), to: t(24) }]);
    expect(timeline.availabilityPercent).toBeNull();
  });

  it("takes the status at the start from the last event before it, and counts up time", () => {
    const timeline = computeTimeline(events(["DOWN", 12], ["UP", -5], ["UP", 18]), t(0), t(24));
    expect(timeline.segments).toEqual([
      { status: "UP", from: t(0), to: t(12) },
      { status: "DOWN", from: t(12), to: t(18) },
      { status: "UP", from: t(18), to: t(24) },
    ]);
    expect(timeline.availabilityPercent).toBe(75);
  });

  it("does not count the time before the tunnel was first seen against it", () => {
    const timeline = computeTimeline(events(["DOWN", 6], ["UP", 8]), t(0), t(10));
    expect(timeline.segments[0]).toEqual({ status: "UNKNOWN", from: t(0), to: t(6) });
    expect(timeline.knownMs).toBe(4 * 3_600_000);
    expect(timeline.availabilityPercent).toBe(50);
  });

  it("merges repeated statuses and ignores events after the end", () => {
    const timeline = computeTimeline(events(["UP", 1], ["UP", 2], ["DOWN", 30]), t(0), t(3));
    expect(timeline.segments.map((segment) => segment.status)).toEqual(["UNKNOWN", "UP"]);
    expect(timeline.availabilityPercent).toBe(100);
  });

  it("rounds availability to one decimal", () => {
    const timeline = computeTimeline(events(["UP", 0], ["DOWN", 2]), t(0), t(3));
    expect(timeline.availabilityPercent).toBe(66.7);
  });
});

describe("timelineFromRuns", () => {
  it("equals computeTimeline on the events the runs came from", () => {
    const events = [
      { status: "UP" as const, occurredAt: t(-5) },
      { status: "DOWN" as const, occurredAt: t(12) },
      { status: "UP" as const, occurredAt: t(18) },
    ];
    const runs = [
      { status: "UP" as const, from: t(0), to: t(12) },
      { status: "DOWN" as const, from: t(12), to: t(18) },
      { status: "UP" as const, from: t(18), to: t(24) },
    ];
    expect(timelineFromRuns(runs, t(0), t(24))).toEqual(computeTimeline(events, t(0), t(24)));
  });

  it("leaves the time before the first run unknown and merges equal neighbours", () => {
    const timeline = timelineFromRuns(
      [
        { status: "UNKNOWN", from: t(2), to: t(4) },
        { status: "DOWN", from: t(4), to: t(6) },
        { status: "DOWN", from: t(6), to: t(10) },
      ],
      t(0),
      t(10),
    );
    expect(timeline.segments).toEqual([
      { status: "UNKNOWN", from: t(0), to: t(4) },
      { status: "DOWN", from: t(4), to: t(10) },
    ]);
    expect(timeline.availabilityPercent).toBe(0);
  });

  it("is all unknown without runs", () => {
    expect(timelineFromRuns([], t(0), t(1))).toEqual(computeTimeline([], t(0), t(1)));
  });
});
