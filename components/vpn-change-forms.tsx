"use client";

// The forms of the "Change this VPN" region (decision 022): each asks for one change; the page
// shows its progress, refreshed while a change is under way.
import { useRouter } from "next/navigation";
import { type ReactNode, useActionState, useEffect } from "react";
import { ActionButton } from "@/components/ui/action-button";
import { buttonClass } from "@/components/ui/button";
import { Options, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useConfirmation } from "@/components/ui/use-confirmation";
import { type ActionState, INITIAL_ACTION_STATE } from "@/lib/actions/action-state";
import { DPD_TIMEOUT_ACTIONS } from "@/lib/vpn/tunnel-policy";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** What every change form is given: its action, the request, and whether changes are open now. */
type ChangeFormProps = { action: Action; requestId: string; disabled: boolean };

/** The customer's choice to change a tunnel although the other is down (`lastTunnelRefusal`). */
function GoOnCheckbox({ show }: { show: boolean }) {
  if (!show) return null;
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <input type="checkbox" name="goOn" value="on" /> Go on although the other tunnel is down
    </label>
  );
}

/** "Rotate tunnel N key": takes that tunnel down while both sides renegotiate with the new key. */
export function RotateKeyButton({
  action,
  requestId,
  tunnel,
  otherTunnelDown,
  disabled,
}: ChangeFormProps & { tunnel: 1 | 2; otherTunnelDown: boolean }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  const label = `Rotate tunnel ${tunnel} key`;
  const confirmation = useConfirmation(
    `Rotate tunnel ${tunnel}'s pre-shared key? Tunnel ${tunnel} goes down until your router loads the new configuration; its outside IP stays the same.`,
  );
  return (
    <form action={formAction} onSubmit={confirmation.onSubmit} className="space-y-2">
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="tunnel" value={String(tunnel)} />
      <GoOnCheckbox show={otherTunnelDown} />
      <button
        type="submit"
        disabled={pending || disabled || !confirmation.ready}
        className={buttonClass("secondary")}
      >
        {pending ? "Starting…" : label}
      </button>
      <FormMessage state={state} name={`${label} result`} />
    </form>
  );
}

/** What a CIDR-list change form asks for: its field, words and button. */
export type CidrListFormKind = {
  field: "subnetRanges" | "advertisedNetworks";
  label: string;
  hint: string;
  submitLabel: string;
};

/** Static routing: "Subnet ranges" + "Save routes"; routes are added and removed in place (no renegotiation). */
export const ROUTES_FORM: CidrListFormKind = {
  field: "subnetRanges",
  label: "Subnet ranges",
  hint: "One CIDR per line, at most 100. Routes are added and removed in place: the tunnels stay up.",
  submitLabel: "Save routes",
};

/** BGP: "Networks to be advertised" + "Save networks"; the tunnels stay up. */
export const NETWORKS_FORM: CidrListFormKind = {
  field: "advertisedNetworks",
  label: "Networks to be advertised",
  hint: "One CIDR per line, at most 100, clear of the platform VPC. Your router advertises them over BGP; download the configuration again afterwards.",
  submitLabel: "Save networks",
};

/** The whole list of CIDRs of one kind (static routes or BGP networks), edited as one text area. */
export function CidrListChangeForm({
  kind,
  action,
  requestId,
  cidrs,
  disabled,
}: ChangeFormProps & { kind: CidrListFormKind; cidrs: readonly string[] }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  const id = `change-${kind.field}`;
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="requestId" value={requestId} />
      <TextAreaField
        id={id}
        name={kind.field}
        label={kind.label}
        hint={kind.hint}
        errors={state.errors?.[kind.field]}
        rows={4}
        defaultValue={state.values?.[kind.field] ?? cidrs.join("\n")}
      />
      <button type="submit" disabled={pending || disabled} className={buttonClass("primary")}>
        {pending ? "Saving…" : kind.submitLabel}
      </button>
      <FormMessage state={state} name={`${kind.submitLabel} result`} hideWithFieldErrors />
    </form>
  );
}

/**
 * A change with a section of its own (gateway IP, tunnel options): its heading names the form, a
 * paragraph says what the change does, then the fields (given the form's state, for their errors
 * and values), one submit button (confirmed first when `submit.confirm` is set) and the outcome.
 */
function ChangeSection({
  title,
  intro,
  action,
  requestId,
  disabled,
  submit,
  resultName,
  children,
}: ChangeFormProps & {
  title: string;
  intro: ReactNode;
  submit: { label: string; pendingLabel: string; confirm?: string };
  resultName: string;
  children: (state: ActionState) => ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  const confirmation = useConfirmation(submit.confirm);
  return (
    <form
      action={formAction}
      onSubmit={confirmation.onSubmit}
      className="space-y-3"
      noValidate
      aria-label={title}
    >
      <h3 className="text-sm font-semibold text-slate-800">{title}</h3>
      <p className="text-sm text-slate-600">{intro}</p>
      <input type="hidden" name="requestId" value={requestId} />
      {children(state)}
      <button
        type="submit"
        disabled={pending || disabled || !confirmation.ready}
        className={buttonClass("primary")}
      >
        {pending ? submit.pendingLabel : submit.label}
      </button>
      <FormMessage state={state} name={resultName} hideWithFieldErrors />
    </form>
  );
}

/**
 * "Customer gateway public IP" + "Request gateway change": the router's new public IP. Support
 * approves it first; then both tunnels renegotiate with the new gateway (the page says so before).
 */
export function GatewayChangeForm({
  customerGatewayIp,
  ...form
}: ChangeFormProps & { customerGatewayIp: string }) {
  return (
    <ChangeSection
      {...form}
      title="New customer gateway IP"
      intro="Moving to a new router IP replaces the connection's customer gateway: both tunnels go down at once and renegotiate with the new IP (their outside IPs and keys stay). Support approves the change first; once it is done, download the configuration again and load it on the router at the new IP."
      submit={{ label: "Request gateway change", pendingLabel: "Requesting…" }}
      resultName="Request gateway change result"
    >
      {(state) => (
        <TextField
          id="change-customer-gateway-ip"
          name="customerGatewayIp"
          label="Customer gateway public IP"
          hint={`Now ${customerGatewayIp}. The new public IPv4 address of your router.`}
          errors={state.errors?.customerGatewayIp}
          inputMode="decimal"
          defaultValue={state.values?.customerGatewayIp ?? ""}
        />
      )}
    </ChangeSection>
  );
}

/** "Tunnel options": IKE version and DPD timeout action, applied to one tunnel at a time. */
export function TunnelOptionsForm({
  ikeVersion,
  dpdTimeoutAction,
  otherTunnelDown,
  ...form
}: ChangeFormProps & {
  ikeVersion: "IKEV1" | "IKEV2";
  dpdTimeoutAction: string;
  /** A tunnel is down: the customer may choose to go on although no tunnel may be up meanwhile. */
  otherTunnelDown: boolean;
}) {
  return (
    <ChangeSection
      {...form}
      title="Tunnel options"
      intro="Applying new options renegotiates each tunnel: tunnel 1 first, then tunnel 2 once tunnel 1 is up again, each going down while it renegotiates with the new options (outside IPs and keys stay). Download the configuration again afterwards and load it on your router. With IKEv2 AWS starts the negotiation itself; with IKEv1 your router must."
      submit={{
        label: "Apply tunnel options",
        pendingLabel: "Applying…",
        confirm: "Apply the new tunnel options? Each tunnel renegotiates in turn, going down meanwhile.",
      }}
      resultName="Tunnel options result"
    >
      {(state) => (
        <>
          <GoOnCheckbox show={otherTunnelDown} />
          <SelectField
            id="change-ike-version"
            name="ikeVersion"
            label="IKE version"
            errors={state.errors?.ikeVersion}
            defaultValue={state.values?.ikeVersion ?? ikeVersion}
          >
            <option value="IKEV2">IKEv2</option>
            <option value="IKEV1">IKEv1</option>
          </SelectField>
          <SelectField
            id="change-dpd-action"
            name="dpdTimeoutAction"
            label="DPD timeout action"
            hint="What AWS does when your router stops answering dead peer detection: restart the tunnel (recommended), clear it, or nothing."
            errors={state.errors?.dpdTimeoutAction}
            defaultValue={state.values?.dpdTimeoutAction ?? dpdTimeoutAction}
          >
            <Options values={DPD_TIMEOUT_ACTIONS} label={(action) => action} />
          </SelectField>
        </>
      )}
    </ChangeSection>
  );
}

/**
 * Reloads the server-rendered page every two seconds while a change is under way, and every ten
 * while one waits for support's approval (so the customer sees it start without reloading).
 */
export function RefreshWhileActive({
  active,
  awaitingApproval = false,
}: {
  active: boolean;
  awaitingApproval?: boolean;
}) {
  const router = useRouter();
  const intervalMs = active ? 2000 : awaitingApproval ? 10_000 : 0;
  useEffect(() => {
    if (!intervalMs) return;
    const timer = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, router]);
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
  return (
    <ActionButton
      action={action}
      target={{ requestId, tunnel: String(tunnel) }}
      label="Apply maintenance now"
      pendingLabel="Starting…"
      confirm={`Apply AWS's maintenance on tunnel ${tunnel} now? Tunnel ${tunnel} goes down while it renegotiates; its outside IP and key stay the same.`}
      resultName={`Tunnel ${tunnel} maintenance`}
    />
  );
}
