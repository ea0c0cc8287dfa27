import type { ActionState } from "@/lib/actions/action-state";

/** The outcome of an admin form, named so tests and screen readers can find it. */
export function FormMessage({ state, name }: { state: ActionState; name: string }) {
  if (!state.message) return null;
  return state.ok ? (
    <div role="status" aria-label={name} className="text-sm font-medium text-emerald-800">
      {state.message}
    </div>
  ) : (
    <div role="alert" aria-label={name} className="text-sm font-medium text-rose-700">
      {state.message}
    </div>
  );
}
