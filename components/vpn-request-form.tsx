"use client";

import { type ChangeEvent, startTransition, useActionState, useMemo, useState } from "react";
import { z } from "zod";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { type ActionState, INITIAL_ACTION_STATE } from "@/lib/actions/action-state";
import { AWS_REGIONS } from "@/lib/regions/aws-regions";
import { LOCATIONS } from "@/lib/regions/locations";
import { recommendRegion } from "@/lib/regions/recommend-region";
import {
  DEFAULT_VPN_REQUEST_VALUES,
  makeVpnRequestSchema,
  VPN_REQUEST_FIELDS,
  type VpnRequestField,
  type VpnRequestFormValues,
  type VpnRequestSettings,
} from "@/lib/vpn-request/schema";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  settings: VpnRequestSettings & { expectedOrgId: string };
};

type Errors = Partial<Record<VpnRequestField, string[]>>;

/** Same rules as the server (one schema); here they give instant feedback as fields are left. */
function validate(schema: ReturnType<typeof makeVpnRequestSchema>, values: VpnRequestFormValues): Errors {
  const parsed = schema.safeParse(values);
  return parsed.success ? {} : (z.flattenError(parsed.error).fieldErrors as Errors);
}

export function VpnRequestForm({ action, settings }: Props) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  const schema = useMemo(() => makeVpnRequestSchema(settings), [settings]);
  const [values, setValues] = useState<VpnRequestFormValues>({
    ...DEFAULT_VPN_REQUEST_VALUES,
    orgId: settings.expectedOrgId,
  });
  const [touched, setTouched] = useState<Partial<Record<VpnRequestField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);

  const clientErrors = validate(schema, values);
  const errorsFor = (field: VpnRequestField): string[] | undefined => {
    if (submitted || touched[field]) return clientErrors[field] ?? state.errors?.[field];
    return state.errors?.[field];
  };

  const recommendation = values.location ? recommendRegion(values.location, settings.supportedRegions) : null;

  const set = (field: VpnRequestField, value: string) => {
    setValues((current) => {
      const next = { ...current, [field]: value };
      if (field === "location") {
        // A new location re-recommends the region; the customer may still pick another.
        const best = recommendRegion(value, settings.supportedRegions);
        if (best) next.region = best.recommended.region;
      }
      return next;
    });
  };
  const blur = (field: VpnRequestField) => setTouched((current) => ({ ...current, [field]: true }));

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(clientErrors).length > 0) {
      const first = VPN_REQUEST_FIELDS.find((field) => clientErrors[field]);
      if (first) document.getElementById(first)?.focus();
      return;
    }
    // Submitting by hand (not through the form's action prop) keeps the typed values in place.
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  };

  // Every control is controlled: its value, its errors, and blur/change feeding the checks above.
  const bind = (field: VpnRequestField) => ({
    id: field,
    value: values[field],
    errors: errorsFor(field),
    onBlur: () => blur(field),
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      set(field, event.target.value),
  });
  const isStatic = values.routing === "STATIC";
  const errorCount = submitted ? Object.keys(clientErrors).length : 0;

  return (
    <form
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      className="space-y-8"
      aria-describedby="form-status"
    >
      <div id="form-status" aria-live="polite">
        {state.message && !state.ok ? (
          <Notice tone="danger" title="The request was not submitted">
            {state.message}
          </Notice>
        ) : null}
        {errorCount > 0 && !state.message ? (
          <Notice tone="danger" title="The request was not submitted">
            {errorCount === 1 ? "One field needs" : `${errorCount} fields need`} attention — see the messages
            next to them.
          </Notice>
        ) : null}
      </div>

      <fieldset className="space-y-5">
        <legend className="text-base font-semibold text-slate-900">Who and where</legend>
        <TextField
          {...bind("customerName")}
          label="Customer name"
          hint="Your company or site name, as it should appear on the connection."
          maxLength={200}
          autoComplete="organization"
        />
        <TextField
          {...bind("orgId")}
          label="Org ID"
          hint="Your platform organization, filled in from your session."
          readOnly
          spellCheck={false}
          mono
        />
        <div className="grid gap-5 sm:grid-cols-2">
          <SelectField
            {...bind("location")}
            label="Location"
            hint="Where your network (the customer gateway) is."
          >
            <option value="">Choose a location…</option>
            <optgroup label="Metro areas">
              {LOCATIONS.map((location) => (
                <option key={location.id} value={location.id}>
                  {location.label}, {location.country}
                </option>
              ))}
            </optgroup>
            <optgroup label="AWS regions">
              {AWS_REGIONS.map((region) => (
                <option key={region.code} value={region.code}>
                  {region.code} ({region.name})
                </option>
              ))}
            </optgroup>
          </SelectField>
          <SelectField
            {...bind("region")}
            label="Region"
            hint={
              recommendation
                ? `Recommended: ${recommendation.recommended.region} (${recommendation.recommended.name}), estimated round trip ${recommendation.recommended.rttMs} ms.`
                : "Choose a location and we recommend the region with the lowest latency."
            }
          >
            <option value="">Choose a region…</option>
            {settings.supportedRegions.map((region) => {
              const option = recommendation?.options.find((candidate) => candidate.region === region);
              const name = AWS_REGIONS.find((candidate) => candidate.code === region)?.name ?? region;
              const recommended = recommendation?.recommended.region === region;
              return (
                <option key={region} value={region}>
                  {region} ({name}){option ? ` · ~${option.rttMs} ms` : ""}
                  {recommended ? " · recommended" : ""}
                </option>
              );
            })}
          </SelectField>
        </div>
      </fieldset>

      <fieldset className="space-y-5">
        <legend className="text-base font-semibold text-slate-900">Your gateway and routing</legend>
        <TextField
          {...bind("customerGatewayIp")}
          label="Customer gateway public IP"
          hint="The public IPv4 address of your VPN router's internet-facing interface."
          inputMode="decimal"
          placeholder="e.g. 198.51.100.7"
          spellCheck={false}
        />
        <SelectField
          {...bind("routing")}
          label="Routing"
          hint={
            isStatic
              ? "Static: you list your subnets and add routes to the platform VPC by hand."
              : "BGP (recommended): peer discovery and keep-alives give healthier tunnels; your router must speak BGP and advertise your routes."
          }
        >
          <option value="BGP">BGP</option>
          <option value="STATIC">Static</option>
        </SelectField>
        {isStatic ? (
          <TextAreaField
            {...bind("subnetRanges")}
            label="Subnet ranges"
            hint="Your network's subnets the platform should reach: one CIDR per line, 1–100 (e.g. 10.20.0.0/16)."
            rows={5}
            spellCheck={false}
            mono
          />
        ) : (
          <div className="grid gap-5 sm:grid-cols-2">
            <TextField
              {...bind("bgpAsn")}
              label="BGP ASN"
              hint={`Your router's ASN. Private ASNs 64512–65534 or 4200000000–4294967294 are usual; not ${settings.platformAsn} (the platform side).`}
              inputMode="numeric"
              placeholder="e.g. 65010"
            />
            <TextAreaField
              {...bind("advertisedNetworks")}
              label="Networks to be advertised"
              optional
              hint="Networks your router will advertise, one CIDR per line; we keep the platform VPC clear of them."
              rows={3}
              spellCheck={false}
              mono
            />
          </div>
        )}
      </fieldset>

      <fieldset className="space-y-5">
        <legend className="text-base font-semibold text-slate-900">Tunnels</legend>
        <div className="grid gap-5 sm:grid-cols-2">
          <SelectField
            {...bind("ikeVersion")}
            label="IKE version"
            hint={
              values.ikeVersion === "IKEV2"
                ? "IKEv2: your router starts both tunnels (the platform, like AWS, does not) and keeps them alive; the configuration we generate does this."
                : "IKEv1 (main mode): your router starts both tunnels (AWS never initiates IKEv1); the platform side restarts a tunnel after dead-peer detection."
            }
          >
            <option value="IKEV2">IKEv2</option>
            <option value="IKEV1">IKEv1</option>
          </SelectField>
          <SelectField
            {...bind("tunnelCount")}
            label="Tunnels"
            hint="Two tunnels give failover (recommended)."
          >
            <option value="2">2</option>
            <option value="1">1</option>
          </SelectField>
        </div>
        {values.tunnelCount === "1" ? (
          <Notice tone="warning" title="One tunnel means no failover">
            With a single tunnel, any tunnel failure is an outage: workflow executions that reach your network
            stop until it is back. Choose 2 tunnels unless your router cannot run two.
          </Notice>
        ) : null}
      </fieldset>

      <div className="flex items-center gap-3 border-t border-slate-200 pt-6">
        <SubmitButton pending={pending} label="Submit request" pendingLabel="Submitting…" />
        <p className="text-sm text-slate-600">Support reviews requests, usually within one business day.</p>
      </div>
    </form>
  );
}
