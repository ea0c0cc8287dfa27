// The SQL path of the timeline against the pure one, on the same events in a real PostgreSQL.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { createOrganization, createRequestRow, createUser } from "@/test/support/factories";
import { computeTimeline, type TimelineStatus } from "./compute-timeline";
import { findTunnelTimelines } from "./find-tunnel-timelines";
import { findRecentTunnelLogEvents } from "./read-tunnel-logs";

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

  it("with the tunnel log, reads what findRecentTunnelLogEvents reads, and the same timeline", async () => {
    const org = await createOrganization();
    const user = await createUser("CUSTOMER", org.id);
    const request = await createRequestRow(org.id, user.id, { advertisedNetworks: [], status: "DOWN" });
    const ids: string[] = [];
    for (const number of [1, 2]) {
      const tunnel = await db.tunnel.create({
        data: { requestId: request.id, number, insideCidr: "169.254.10.0/30", pskEncrypted: "unused" },
      });
      ids.push(tunnel.id);
      await db.tunnelEvent.create({
        data: {
          tunnelId: tunnel.id,
          requestId: request.id,
          status: "DOWN",
          occurredAt: new Date(from.getTime() + HOUR),
        },
      });
      if (number === 2) continue; // tunnel 2 has no log events
      await db.tunnelLogEvent.createMany({
        data: [3, 1, 2].map((minute) => ({
          tunnelId: tunnel.id,
          eventId: `event-${minute}`,
          logStream: `stream-${number}`,
          timestamp: new Date(to.getTime() - minute * 60_000 + 123),
          message: JSON.stringify({ details: `AWS tunnel negotiation ${minute}` }),
        })),
      });
    }
    const alone = await findTunnelTimelines(ids, from, to);
    const withLog = await findTunnelTimelines(ids, from, to, { withLog: true });
    const logs = await findRecentTunnelLogEvents(ids);
    for (const id of ids) {
      expect(withLog.get(id)?.timeline).toEqual(alone.get(id)?.timeline);
      expect(withLog.get(id)?.changes).toEqual(alone.get(id)?.changes);
      expect(withLog.get(id)?.log).toEqual(logs.get(id) ?? { parsed: [], raw: [] });
      expect(alone.get(id)?.log).toEqual({ parsed: [], raw: [] });
    }
    expect(withLog.get(ids[0] ?? "")?.log.raw.map((event) => event.message)).toEqual(
      [1, 2, 3].map((minute) => JSON.stringify({ details: `AWS tunnel negotiation ${minute}` })),
    );
  });
});
