"use client";

import { type ReactNode, useState } from "react";
import { StatusBadge } from "@/components/status-badge";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { useLiveStatus } from "@/components/use-live-status";
import { ApplyMaintenanceButton } from "@/components/vpn-change-forms";
import type { ActionState } from "@/lib/actions/action-state";
import { ROUTE_LIMIT, ROUTE_WARNING } from "@/lib/tunnels/explain-tunnel-status";
import type { ConnectionState, TunnelView } from "@/lib/tunnels/find-connection-state";

const POLL_MS = 3000;

const TUNNEL_STYLE = {
  UP: { label: "Up", pill: "bg-emerald-100 text-emerald-900 ring-emerald-300", bar: "bg-emerald-500" },
  DOWN: { label: "Down", pill: "bg-rose-100 text-rose-900 ring-rose-300", bar: "bg-rose-500" },
  UNKNOWN: {
    label: "Not reported yet",
    pill: "bg-slate-100 text-slate-700 ring-slate-300",
    bar: "bg-slate-200",
  },
} as const;

/** Live tunnel dashboard: polls the JSON route and refreshes the page when the request's status moves. */
type MaintenanceAction = (state: ActionState, formData: FormData) => Promise<ActionState>;

export function TunnelStateLive({
  initial,
  pageStatus,
  maintenanceAction,
}: {
  initial: ConnectionState;
  pageStatus: string;
  /** Given when the viewer may apply a pending AWS maintenance now. */
  maintenanceAction?: MaintenanceAction;
}) {
  const { data: state, stale } = useLiveStatus({
    url: `/api/requests/${initial.requestId}/tunnels`,
    initial,
    pageStatus,
    intervalMs: POLL_MS,
  });

  return (
    <section aria-label="Tunnels">
      <Card
        title="Tunnels"
        actions={
          <div className="flex flex-wrap items-center gap-2 text-sm" aria-live="polite">
            <span className="sr-only">Connection status:</span>
            <StatusBadge status={state.status} />
            {state.tunnelCount === 2 ? (
              <span
                data-redundancy={state.redundancyMet ? "met" : "not-met"}
                className={`pill ${state.redundancyMet ? "bg-emerald-100 text-emerald-900 ring-emerald-300" : "bg-amber-100 text-amber-900 ring-amber-300"}`}
              >
                {state.redundancyMet ? "Redundancy met" : "No redundancy"}
              </span>
            ) : (
              <span className="text-xs text-slate-600">One tunnel: no redundancy by design</span>
            )}
          </div>
        }
      >
        {stale ? (
          <p className="mb-3 text-sm text-amber-800">Live updates paused (connection problem); retrying…</p>
        ) : null}
        <div className="grid gap-6 md:grid-cols-2">
          {state.tunnels.map((tunnel) => (
            <TunnelDetails
              key={tunnel.number}
              tunnel={tunnel}
              windowFrom={state.windowFrom}
              windowTo={state.windowTo}
              requestId={state.requestId}
              maintenanceAction={maintenanceAction}
            />
          ))}
        </div>
        <p className="mt-4 text-xs text-slate-500">
          {state.lastPolledAt
            ? `Telemetry from AWS, last read ${formatDateTime(new Date(state.lastPolledAt))}; this view updates by itself.`
            : "Waiting for the first telemetry from AWS; this view updates by itself."}
        </p>
      </Card>
    </section>
  );
}

function TunnelDetails({
  tunnel,
  windowFrom,
  windowTo,
  requestId,
  maintenanceAction,
}: {
  tunnel: TunnelView;
  windowFrom: string;
  windowTo: string;
  requestId: string;
  maintenanceAction?: MaintenanceAction;
}) {
  const style = TUNNEL_STYLE[tunnel.status];
  const routes = tunnel.acceptedRouteCount ?? 0;
  const start = Date.parse(windowFrom);
  const span = Date.parse(windowTo) - start;
  const headingId = `tunnel-${tunnel.number}-heading`;
  return (
    <section
      aria-labelledby={headingId}
      data-tunnel={tunnel.number}
      data-status={tunnel.status}
      className="space-y-3"
    >
      <h3 id={headingId} className="flex items-center gap-2 text-sm font-semibold text-slate-900">
        {`Tunnel ${tunnel.number}`}
        <span
          className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${style.pill}`}
        >
          {style.label}
        </span>
      </h3>
      <dl className="space-y-1 text-sm">
        <div className="flex gap-2">
          <dt className="text-slate-600">Since</dt>
          <dd>{tunnel.statusSince ? formatDateTime(new Date(tunnel.statusSince)) : "—"}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="text-slate-600">AWS outside IP</dt>
          <dd className="font-mono">{tunnel.outsideIp ?? "—"}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="text-slate-600">Status message</dt>
          <dd className="font-mono">{tunnel.statusMessage ?? "—"}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="text-slate-600">BGP routes accepted</dt>
          <dd className={routes >= ROUTE_WARNING ? "font-semibold text-amber-800" : ""}>
            {`${tunnel.acceptedRouteCount ?? "—"} of ${ROUTE_LIMIT}${routes >= ROUTE_WARNING ? " — near the limit" : ""}`}
          </dd>
        </div>
      </dl>
      {tunnel.maintenance ? (
        <div className="space-y-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p className="font-semibold">Maintenance pending</p>
          <p>
            AWS will replace this tunnel&apos;s endpoint ({tunnel.maintenance.pending})
            {tunnel.maintenance.deadline
              ? ` on its own after ${formatDateTime(new Date(tunnel.maintenance.deadline))}`
              : ""}
            . The tunnel goes down while it renegotiates; apply it now at a time you choose, while the other
            tunnel is up.
          </p>
          {maintenanceAction ? (
            <ApplyMaintenanceButton action={maintenanceAction} requestId={requestId} tunnel={tunnel.number} />
          ) : null}
        </div>
      ) : null}
      <div
        className={`rounded-md px-3 py-2 text-sm ${tunnel.status === "DOWN" || tunnel.explanation.cause === "up-near-route-limit" ? "bg-amber-50 text-amber-900" : "bg-slate-50 text-slate-700"}`}
      >
        <p>{tunnel.explanation.summary}</p>
        {tunnel.explanation.evidence ? (
          <p className="mt-1 text-xs">
            AWS tunnel log, {formatDateTime(new Date(tunnel.explanation.evidence.at))}:{" "}
            <span className="font-mono">{tunnel.explanation.evidence.detail}</span>
          </p>
        ) : null}
        {tunnel.explanation.action ? <p className="mt-1">What to do: {tunnel.explanation.action}</p> : null}
      </div>
      <div>
        <p className="text-xs font-medium text-slate-600">
          {"Last 7 days · availability "}
          <span className="font-semibold text-slate-900">
            {tunnel.availabilityPercent === null ? "not known yet" : `${tunnel.availabilityPercent}%`}
          </span>
        </p>
        <div
          role="img"
          aria-label={`Tunnel ${tunnel.number}, last 7 days: ${
            tunnel.segments
              .filter((segment) => segment.status !== "UNKNOWN")
              .map(
                (segment) =>
                  `${TUNNEL_STYLE[segment.status].label.toLowerCase()} from ${formatDateTime(new Date(segment.from))}`,
              )
              .join(", ") || "no data yet"
          }`}
          className="mt-1 flex h-3 w-full overflow-hidden rounded bg-slate-100"
        >
          {tunnel.segments.map((segment) => (
            <span
              key={segment.from}
              className={TUNNEL_STYLE[segment.status].bar}
              style={{
                width: `${Math.max(0.3, ((Date.parse(segment.to) - Date.parse(segment.from)) / span) * 100).toFixed(2)}%`,
              }}
            />
          ))}
        </div>
        {tunnel.changes.length > 0 ? (
          <Disclosure summary={`Recent changes (${tunnel.changes.length})`}>
            {() => (
              <ol className="mt-1 space-y-0.5">
                {tunnel.changes.map((change) => (
                  <li key={`${change.occurredAt}-${change.status}-${change.statusMessage ?? ""}`}>
                    {`${formatDateTime(new Date(change.occurredAt))}: ${TUNNEL_STYLE[change.status].label}${change.statusMessage ? ` — ${change.statusMessage}` : ""}`}
                  </li>
                ))}
              </ol>
            )}
          </Disclosure>
        ) : null}
        {tunnel.logEvents.length > 0 ? (
          <Disclosure summary={`AWS tunnel log (${tunnel.logEvents.length} recent events)`}>
            {() => (
              <ol className="mt-1 space-y-0.5 font-mono break-all">
                {tunnel.logEvents.map((event) => (
                  <li key={`${event.timestamp}-${event.logStream}-${event.message}`}>
                    {`${event.timestamp} ${event.logStream}: ${event.message}`}
                  </li>
                ))}
              </ol>
            )}
          </Disclosure>
        ) : null}
      </div>
    </section>
  );
}

/**
 * A closed disclosure whose content is rendered once it is opened: the page's HTML does not carry
 * every tunnel's lists of changes and log events that most views never open (issue 11).
 */
function Disclosure({ summary, children }: { summary: string; children: () => ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="mt-2 text-xs text-slate-600" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer">{summary}</summary>
      {open ? children() : null}
    </details>
  );
}
