"use client";

import { useEffect, useState } from "react";
import { Card } from "@/components/ui/card";
import { useLiveStatus } from "@/components/use-live-status";
import type { WorkflowProgress as Progress, StepView } from "@/lib/provisioning/find-workflow-progress";
import { isIn, SETTLING_STATUSES, type VpnStatus } from "@/lib/vpn-request/lifecycle";

const POLL_MS = 2000;

const STATE_STYLE: Record<StepView["state"], { label: string; icon: string; className: string }> = {
  done: { label: "Done", icon: "✓", className: "bg-emerald-100 text-emerald-800" },
  running: { label: "Running", icon: "●", className: "bg-sky-100 text-sky-800 animate-pulse" },
  waiting: { label: "Waiting", icon: "…", className: "bg-amber-100 text-amber-800" },
  pending: { label: "Not started", icon: "○", className: "bg-slate-100 text-slate-500" },
  failed: { label: "Failed", icon: "!", className: "bg-rose-100 text-rose-800" },
};

function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/**
 * Live view of a provisioning or decommissioning workflow; polls while it runs (pending requests
 * too, so an approval shows up, and its provisioning, without a reload).
 * `pageStatus` is the status the surrounding page was rendered with; while it differs from what
 * the progress route reports, the page is refreshed (its status badge, history and actions follow).
 */
export function WorkflowProgress({
  requestId,
  initial,
  pageStatus,
}: {
  requestId: string;
  initial: Progress;
  pageStatus: Progress["status"];
}) {
  const [now, setNow] = useState(() => Date.now());
  // Keep polling until both the workflow and the page have settled.
  const settling = (status: VpnStatus) => isIn(status, SETTLING_STATUSES);
  const { data: progress, stale } = useLiveStatus({
    url: `/api/requests/${requestId}/progress`,
    initial,
    pageStatus,
    intervalMs: POLL_MS,
    keepPolling: (latest) => settling(latest.status) || settling(pageStatus),
  });
  const running = settling(progress.status) || settling(pageStatus);

  useEffect(() => {
    if (!running) return;
    const clock = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(clock);
  }, [running]);

  if (!progress.workflow || progress.steps.length === 0) return null;
  const title = progress.workflow === "PROVISION" ? "Provisioning" : "Decommissioning";
  const done = progress.steps.filter((step) => step.state === "done").length;
  const started = progress.startedAt ? Date.parse(progress.startedAt) : null;
  const finished = progress.finishedAt ? Date.parse(progress.finishedAt) : null;
  const elapsed = started
    ? (finished ?? (running ? now : Date.parse(progress.statusChangedAt))) - started
    : null;

  return (
    <Card
      title={`${title} progress`}
      actions={
        <p className="text-sm text-slate-600" aria-live="polite">
          {done} of {progress.steps.length} steps done
          {elapsed !== null ? ` · ${finished ? "took" : "elapsed"} ${formatElapsed(elapsed)}` : ""}
        </p>
      }
    >
      {stale ? (
        <p className="mb-3 text-sm text-amber-800">Live updates paused (connection problem); retrying…</p>
      ) : null}
      {progress.capacityWait ? (
        <p role="status" aria-label="Waiting for capacity" className="mb-3 text-sm text-amber-800">
          {progress.capacityWait}
        </p>
      ) : null}
      <ol className="space-y-2" aria-label={`${title} steps`}>
        {progress.steps.map((step) => {
          const style = STATE_STYLE[step.state];
          return (
            <li key={step.name} className="flex gap-3 text-sm" data-step={step.name} data-state={step.state}>
              <span
                aria-hidden="true"
                className={`mt-0.5 inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${style.className}`}
              >
                {style.icon}
              </span>
              <div className="min-w-0">
                <p className="font-medium text-slate-900">
                  {step.label} <span className="font-normal text-slate-500">— {style.label}</span>
                  {step.attempts > 1 ? (
                    <span className="text-slate-500"> (attempt {step.attempts})</span>
                  ) : null}
                </p>
                {step.note ? (
                  <p className={step.state === "failed" ? "text-rose-700" : "text-slate-600"}>{step.note}</p>
                ) : null}
                {step.details ? (
                  <p className="break-all font-mono text-xs text-slate-500">
                    {Object.entries(step.details)
                      .filter(([key]) => key !== "waiting")
                      .map(
                        ([key, value]) =>
                          `${key}: ${Array.isArray(value) ? value.join(", ") : String(value)}`,
                      )
                      .join(" · ")}
                  </p>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
