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

/** BGP: "Networks to be advertised" + "Save networks"; the tunnels stay up. */
export function NetworksChangeForm({
  action,
  requestId,
  advertisedNetworks,
  disabled,
}: {
  action: Action;
  requestId: string;
  advertisedNetworks: readonly string[];
  disabled: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="requestId" value={requestId} />
      <Field
        id="change-advertised-networks"
        label="Networks to be advertised"
        errors={state.errors?.advertisedNetworks}
        hint="One CIDR per line, at most 100, clear of the platform VPC. Your router advertises them over BGP; download the configuration again afterwards."
      >
        {(describedBy, invalid) => (
          <textarea
            id="change-advertised-networks"
            name="advertisedNetworks"
            rows={4}
            defaultValue={state.values?.advertisedNetworks ?? advertisedNetworks.join("\n")}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            className={inputClass}
          />
        )}
      </Field>
      <button type="submit" disabled={pending || disabled} className={buttonClass("primary")}>
        {pending ? "Saving…" : "Save networks"}
      </button>
      {state.errors ? null : <Outcome state={state} name="Save networks result" />}
    </form>
  );
}

/** "Tunnel options": IKE version and DPD timeout action, applied to one tunnel at a time. */
export function TunnelOptionsForm({
  action,
  requestId,
  ikeVersion,
  dpdTimeoutAction,
  disabled,
}: {
  action: Action;
  requestId: string;
  ikeVersion: "IKEV1" | "IKEV2";
  dpdTimeoutAction: string;
  disabled: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  return (
    <form action={formAction} className="space-y-3" noValidate aria-label="Tunnel options">
      <h3 className="text-sm font-semibold text-slate-800">Tunnel options</h3>
      <p className="text-sm text-slate-600">
        Applying new options renegotiates each tunnel: tunnel 1 first, then tunnel 2, each going down while it
        renegotiates with the new options (outside IPs and keys stay). Download the configuration again
        afterwards and load it on your router. With IKEv2 AWS starts the negotiation itself; with IKEv1 your
        router must.
      </p>
      <input type="hidden" name="requestId" value={requestId} />
      <Field id="change-ike-version" label="IKE version" errors={state.errors?.ikeVersion}>
        {(describedBy, invalid) => (
          <select
            id="change-ike-version"
            name="ikeVersion"
            defaultValue={state.values?.ikeVersion ?? ikeVersion}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            className={inputClass}
          >
            <option value="IKEV2">IKEv2</option>
            <option value="IKEV1">IKEv1</option>
          </select>
        )}
      </Field>
      <Field
        id="change-dpd-action"
        label="DPD timeout action"
        errors={state.errors?.dpdTimeoutAction}
        hint="What AWS does when your router stops answering dead peer detection: restart the tunnel (recommended), clear it, or nothing."
      >
        {(describedBy, invalid) => (
          <select
            id="change-dpd-action"
            name="dpdTimeoutAction"
            defaultValue={state.values?.dpdTimeoutAction ?? dpdTimeoutAction}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            className={inputClass}
          >
            <option value="restart">restart</option>
            <option value="clear">clear</option>
            <option value="none">none</option>
          </select>
        )}
      </Field>
      <button
        type="submit"
        disabled={pending || disabled}
        className={buttonClass("primary")}
        onClick={(event) => {
          if (
            !window.confirm(
              "Apply the new tunnel options? Each tunnel renegotiates in turn, going down meanwhile.",
            )
          )
            event.preventDefault();
        }}
      >
        {pending ? "Applying…" : "Apply tunnel options"}
      </button>
      {state.errors ? null : <Outcome state={state} name="Tunnel options result" />}
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
