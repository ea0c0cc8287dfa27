"use client";

import { useEffect, useRef, useSyncExternalStore } from "react";
import { FormMessage } from "@/components/ui/form-message";
import type { ActionState } from "@/lib/actions/action-state";

/**
 * Keeps a refusal on screen after its button is gone. A page that follows a request's status
 * (use-live-status.ts) re-renders when it changes, and the change often is the reason for the
 * refusal: of two staff approving at once, the loser is told "already Approved by …", then the
 * refreshed page has no Approve button, and the message went with it. A button form hands its last
 * refusal here when it unmounts; <KeptOutcomes /> shows those of the page it is on, named as before.
 */
type Kept = { name: string; state: ActionState };
let kept: readonly Kept[] = [];
const listeners = new Set<() => void>();
const publish = (next: readonly Kept[]) => {
  kept = next;
  for (const listener of listeners) listener();
};
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const NOTHING: readonly Kept[] = [];

export function KeptOutcomes() {
  const shown = useSyncExternalStore(
    subscribe,
    () => kept,
    () => NOTHING,
  );
  // What buttons of the page before left behind is not this page's news.
  useEffect(() => {
    publish([]);
    return () => publish([]);
  }, []);
  if (shown.length === 0) return null;
  return (
    <div className="space-y-1">
      {shown.map((k) => (
        <FormMessage key={k.name} state={k.state} name={k.name} />
      ))}
    </div>
  );
}

/** In a button form: hands its last refusal to the page's <KeptOutcomes /> when the form unmounts. */
export function useKeptOutcome(name: string, state: ActionState) {
  const latest = useRef(state);
  latest.current = state;
  useEffect(
    () => () => {
      const last = latest.current;
      if (!last.ok && last.message) publish([...kept.filter((k) => k.name !== name), { name, state: last }]);
    },
    [name],
  );
}
