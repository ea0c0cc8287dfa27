import { formatDateTime } from "@/components/ui/format";

type Event = { id: string; action: string; actorEmail: string | null; createdAt: Date; details: unknown };

function describeChange(details: unknown): string {
  if (!details || typeof details !== "object") return "";
  const { before, after } = details as { before?: Record<string, unknown>; after?: Record<string, unknown> };
  if (!after) return "";
  const keys = Object.keys(after).filter(
    (key) => JSON.stringify(before?.[key]) !== JSON.stringify(after[key]),
  );
  return keys
    .map((key) =>
      before
        ? `${key}: ${JSON.stringify(before[key])} → ${JSON.stringify(after[key])}`
        : `${key}: ${JSON.stringify(after[key])}`,
    )
    .join("; ");
}

/** An object's audit trail with what changed (before → after). */
export function AuditHistory({ events, label }: { events: readonly Event[]; label: string }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">No changes recorded yet.</p>;
  return (
    <ol aria-label={label} className="space-y-2 text-sm">
      {events.map((event) => (
        <li key={event.id}>
          <span className="font-medium">{event.action}</span> by {event.actorEmail ?? "system"},{" "}
          <span className="text-slate-600">{formatDateTime(event.createdAt)}</span>
          {describeChange(event.details) ? (
            <div className="font-mono text-xs text-slate-600">{describeChange(event.details)}</div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
