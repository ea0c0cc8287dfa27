// The SQL path of the timeline against the pure one, on the same events in a real PostgreSQL.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { createOrganization, createRequestRow, createUser } from "@/test/support/factories";
import { computeTimeline, type TimelineStatus } from "./compute-timeline";
import { findTunnelTimelines } from "./find-tunnel-timelines";

afterAll(async () => {
  await disconnectDb();
});

const HOUR = 3_600_000;
const to = new Date(Date.UTC(2026, 10, 28, 12, 0, 0));
const from = new Date(to.getTime() - 7 * 24 * HOUR);

/** A deterministic, messy week: repeats, message-only changes, UNKNOWN, events at the edges. */
function eventsFor(seed: number, withBefore: boolean) {
  const statuses: TimelineStatus[] = ["UP", "DOWN", "UP", "UP", "UNKNOWN", "DOWN", "DOWN", "UP"];
  const events: { status: TimelineStatus; statusMessage: string | null; occurredAt: Date }[] = [];
  if (withBefore) {
    events.push({ status: "DOWN", statusMessage: "old", occurredAt: new Date(from.getTime() - 30 * HOUR) });
    events.push({ status: "UP", statusMessage: null, occurredAt: new Date(from.getTime() - 2 * HOUR) });
    events.push({ status: "DOWN", statusMessage: "at the start", occurredAt: from });
  }
  let at = from.getTime() + seed * 1000;
  for (let index = 0; index < 60; index++) {
    at += ((index * 7919 + seed * 104729) % 11) * HOUR * 0.25 + 60_000;
    if (at >= to.getTime()) break;
    const status = statuses[(index + seed) % statuses.length] ?? "UP";
    events.push({
      status,
      statusMessage: index % 3 === 0 ? `message ${index}` : null,
      occurredAt: new Date(at),
    });
  }
  events.push({ status: "DOWN", statusMessage: "after the end", occurredAt: new Date(to.getTime() + HOUR) });
  return events;
}

describe("findTunnelTimelines", () => {
  it("gives the same segments and availability as computeTimeline, and the latest changes", async () => {
    const org = await createOrganization();
    const user = await createUser("CUSTOMER", org.id);
    const request = await createRequestRow(org.id, user.id, {
      customerName: "Timeline site",
      advertisedNetworks: [],
      status: "ACTIVE",
    });
    const cases = [
      { number: 1, events: eventsFor(1, true) },
      { number: 2, events: eventsFor(2, false) },
      { number: 3, events: [] },
    ];
    const ids: string[] = [];
    for (const { number, events } of cases) {
      const tunnel = await db.tunnel.create({
        data: { requestId: request.id, number, insideCidr: "169.254.10.0/30", pskEncrypted: "unused" },
      });
      ids.push(tunnel.id);
      await db.tunnelEvent.createMany({
        data: events.map((event) => ({
          ...event,
          id: randomUUID(),
          tunnelId: tunnel.id,
          requestId: request.id,
        })),
      });
    }
    const histories = await findTunnelTimelines(ids, from, to);
    cases.forEach(({ events }, index) => {
      const history = histories.get(ids[index] ?? "");
      expect(history?.timeline).toEqual(computeTimeline(events, from, to));
      const expected = events
        .filter((event) => event.occurredAt > from)
        .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime())
        .slice(0, 20);
      expect(history?.changes).toEqual(expected);
    });
    expect(histories.get(ids[0] ?? "")?.timeline.segments.length).toBeGreaterThan(5);
  });
});
