import type { ActionState } from "@/lib/actions/action-state";

/**
 * The outcome of a form, named so tests and screen readers can find it. `hideWithFieldErrors`: the
 * fields' own errors already say what went wrong, so the message would only repeat them.
 */
export function FormMessage({
  state,
  name,
  hideWithFieldErrors = false,
}: {
  state: ActionState;
  name: string;
  hideWithFieldErrors?: boolean;
}) {
  if (!state.message || (hideWithFieldErrors && state.errors)) return null;
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

/** A form's error as a banner above its fields (sign-in, second factor); nothing when there is none. */
export function ErrorBanner({ name, message }: { name: string; message?: string | null }) {
  if (!message) return null;
  return (
    <div
      role="alert"
      aria-label={name}
      className="rounded-md border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-900"
    >
      {message}
    </div>
  );
}
