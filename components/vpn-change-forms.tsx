"use client";

// The forms of the "Change this VPN" region (decision 022): each asks for one change; the page
// shows its progress, refreshed while a change is under way.
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { type ActionState, INITIAL_ACTION_STATE } from "@/lib/actions/action-state";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

function Outcome({ state, name }: { state: ActionState; name: string }) {
  if (!state.message) return null;
  const className = "text-sm font-medium";
  return state.ok ? (
    <div role="status" aria-label={name} className={`${className} text-emerald-800`}>
      {state.message}
    </div>
  ) : (
    <div role="alert" aria-label={name} className={`${className} text-rose-700`}>
      {state.message}
    </div>
  );
}

/** "Rotate tunnel N key": takes that tunnel down while both sides renegotiate with the new key. */
export function RotateKeyButton({
  action,
  requestId,
  tunnel,
  otherTunnelDown,
  disabled,
}: {
  action: Action;
  requestId: string;
  tunnel: 1 | 2;
  otherTunnelDown: boolean;
  disabled: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  const label = `Rotate tunnel ${tunnel} key`;
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        const text = `Rotate tunnel ${tunnel}'s pre-shared key? Tunnel ${tunnel} goes down until your router loads the new configuration; its outside IP stays the same.`;
        if (!window.confirm(text)) event.preventDefault();
      }}
      className="space-y-2"
    >
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="tunnel" value={String(tunnel)} />
      {otherTunnelDown ? (
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="goOn" value="on" /> Go on although the other tunnel is down
        </label>
      ) : null}
      <button type="submit" disabled={pending || disabled} className={buttonClass("secondary")}>
        {pending ? "Starting…" : label}
      </button>
      <Outcome state={state} name={`${label} result`} />
    </form>
  );
}

/** The whole list of static routes; routes are added and removed in place (no renegotiation). */
export function RouteChangeForm({
  action,
  requestId,
  subnetRanges,
  disabled,
}: {
  action: Action;
  requestId: string;
  subnetRanges: readonly string[];
  disabled: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="requestId" value={requestId} />
      <Field
        id="change-subnet-ranges"
        label="Subnet ranges"
        errors={state.errors?.subnetRanges}
        hint="One CIDR per line, at most 100. Routes are added and removed in place: the tunnels stay up."
      >
        {(describedBy, invalid) => (
          <textarea
            id="change-subnet-ranges"
            name="subnetRanges"
            rows={4}
            defaultValue={state.values?.subnetRanges ?? subnetRanges.join("\n")}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            className={inputClass}
          />
        )}
      </Field>
      <button type="submit" disabled={pending || disabled} className={buttonClass("primary")}>
        {pending ? "Saving…" : "Save routes"}
      </button>
      {state.errors ? null : <Outcome state={state} name="Save routes result" />}
    </form>
  );
}

/** Reloads the server-rendered page every two seconds while a change is under way. */
export function RefreshWhileActive({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}

/** "Apply maintenance now": AWS's pending maintenance on one tunnel, applied at once (REPLACE_TUNNEL). */
export function ApplyMaintenanceButton({
  action,
  requestId,
  tunnel,
}: {
  action: Action;
  requestId: string;
  tunnel: number;
}) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        const text = `Apply AWS's maintenance on tunnel ${tunnel} now? Tunnel ${tunnel} goes down while it renegotiates; its outside IP and key stay the same.`;
        if (!window.confirm(text)) event.preventDefault();
      }}
      className="space-y-2"
    >
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="tunnel" value={String(tunnel)} />
      <button type="submit" disabled={pending} className={buttonClass("secondary")}>
        {pending ? "Starting…" : "Apply maintenance now"}
      </button>
      <Outcome state={state} name={`Tunnel ${tunnel} maintenance`} />
    </form>
  );
}
