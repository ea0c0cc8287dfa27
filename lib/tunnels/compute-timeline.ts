// A tunnel's history over a period as contiguous segments, and its availability — from the
// TunnelEvent rows the poller writes. Pure and browser-safe.

export type TimelineStatus = "UP" | "DOWN" | "UNKNOWN";
export type TimelineEvent = { status: TimelineStatus; occurredAt: Date };
export type TimelineSegment = { status: TimelineStatus; from: Date; to: Date };
export type Timeline = {
  segments: TimelineSegment[];
  /** UP time over the time with a known status, in percent (one decimal); null when nothing is known. */
  availabilityPercent: number | null;
  upMs: number;
  knownMs: number;
};

export const TIMELINE_DAYS = 7;

/**
 * `events` may start before `from` (the last one before it gives the status at `from`); order does
 * not matter. Time before the first event is UNKNOWN and does not count against availability.
 */
export function computeTimeline(events: readonly TimelineEvent[], from: Date, to: Date): Timeline {
  const sorted = [...events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const start = from.getTime();
  const end = to.getTime();
  const segments: TimelineSegment[] = [];
  let status: TimelineStatus = "UNKNOWN";
  let cursor = start;
  for (const event of sorted) {
    const at = event.occurredAt.getTime();
    if (at <= start) {
      status = event.status;
      continue;
    }
    if (at >= end) break;
    if (event.status === status) continue;
    if (at > cursor) segments.push({ status, from: new Date(cursor), to: new Date(at) });
    status = event.status;
    cursor = at;
  }
  if (end > cursor) segments.push({ status, from: new Date(cursor), to: new Date(end) });
  return summarize(segments);
}

/** A status run as SQL computes it (find-tunnel-timelines.ts): from one change to the next. */
export type TimelineRun = { status: TimelineStatus; from: Date; to: Date };

/**
 * The same timeline from status runs instead of events: `runs` are the tunnel's consecutive
 * statuses clipped to the period, the first starting at `from` when a status was known then. Time
 * no run covers is UNKNOWN; equal neighbours merge — so the result equals `computeTimeline` on the
 * events the runs came from.
 */
export function timelineFromRuns(runs: readonly TimelineRun[], from: Date, to: Date): Timeline {
  const sorted = [...runs].sort((a, b) => a.from.getTime() - b.from.getTime());
  const segments: TimelineSegment[] = [];
  const push = (status: TimelineStatus, start: number, end: number) => {
    if (end <= start) return;
    const last = segments.at(-1);
    if (last && last.status === status && last.to.getTime() === start) last.to = new Date(end);
    else segments.push({ status, from: new Date(start), to: new Date(end) });
  };
  let cursor = from.getTime();
  const end = to.getTime();
  for (const run of sorted) {
    const start = Math.max(run.from.getTime(), cursor);
    const stop = Math.min(run.to.getTime(), end);
    push("UNKNOWN", cursor, start);
    push(run.status, start, stop);
    cursor = Math.max(cursor, stop);
  }
  push("UNKNOWN", cursor, end);
  return summarize(segments);
}

function summarize(segments: TimelineSegment[]): Timeline {
  let upMs = 0;
  let knownMs = 0;
  for (const segment of segments) {
    const length = segment.to.getTime() - segment.from.getTime();
    if (segment.status === "UNKNOWN") continue;
    knownMs += length;
    if (segment.status === "UP") upMs += length;
  }
  const availabilityPercent = knownMs === 0 ? null : Math.round((upMs / knownMs) * 1000) / 10;
  return { segments, availabilityPercent, upMs, knownMs };
}
