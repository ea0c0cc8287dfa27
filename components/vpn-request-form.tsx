"use client";

import { startTransition, useActionState, useMemo, useState } from "react";
import { z } from "zod";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
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

  const common = (field: VpnRequestField) => ({
    id: field,
    name: field,
    value: values[field],
    onBlur: () => blur(field),
    className: inputClass,
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
        <Field
          id="customerName"
          label="Customer name"
          errors={errorsFor("customerName")}
          hint="Your company or site name, as it should appear on the connection."
        >
          {(describedBy, invalid) => (
            <input
              {...common("customerName")}
              maxLength={200}
              autoComplete="organization"
              onChange={(event) => set("customerName", event.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <Field
          id="orgId"
          label="Org ID"
          errors={errorsFor("orgId")}
          hint="Your platform organization, filled in from your session."
        >
          {(describedBy, invalid) => (
            <input
              {...common("orgId")}
              readOnly
              spellCheck={false}
              className={`${inputClass} font-mono`}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <div className="grid gap-5 sm:grid-cols-2">
          <Field
            id="location"
            label="Location"
            errors={errorsFor("location")}
            hint="Where your network (the customer gateway) is."
          >
            {(describedBy, invalid) => (
              <select
                {...common("location")}
                onChange={(event) => set("location", event.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid}
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
              </select>
            )}
          </Field>
          <Field
            id="region"
            label="Region"
            errors={errorsFor("region")}
            hint={
              recommendation
                ? `Recommended: ${recommendation.recommended.region} (${recommendation.recommended.name}), estimated round trip ${recommendation.recommended.rttMs} ms.`
                : "Choose a location and we recommend the region with the lowest latency."
            }
          >
            {(describedBy, invalid) => (
              <select
                {...common("region")}
                onChange={(event) => set("region", event.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid}
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
              </select>
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset className="space-y-5">
        <legend className="text-base font-semibold text-slate-900">Your gateway and routing</legend>
        <Field
          id="customerGatewayIp"
          label="Customer gateway public IP"
          errors={errorsFor("customerGatewayIp")}
          hint="The public IPv4 address of your VPN router's internet-facing interface."
        >
          {(describedBy, invalid) => (
            <input
              {...common("customerGatewayIp")}
              inputMode="decimal"
              placeholder="e.g. 198.51.100.7"
              spellCheck={false}
              onChange={(event) => set("customerGatewayIp", event.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <Field
          id="routing"
          label="Routing"
          errors={errorsFor("routing")}
          hint={
            isStatic
              ? "Static: you list your subnets and add routes to the platform VPC by hand."
              : "BGP (recommended): peer discovery and keep-alives give healthier tunnels; your router must speak BGP and advertise your routes."
          }
        >
          {(describedBy, invalid) => (
            <select
              {...common("routing")}
              onChange={(event) => set("routing", event.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            >
              <option value="BGP">BGP</option>
              <option value="STATIC">Static</option>
            </select>
          )}
        </Field>
        {isStatic ? (
          <Field
            id="subnetRanges"
            label="Subnet ranges"
            errors={errorsFor("subnetRanges")}
            hint="Your network's subnets the platform should reach: one CIDR per line, 1–100 (e.g. 10.20.0.0/16)."
          >
            {(describedBy, invalid) => (
              <textarea
                {...common("subnetRanges")}
                rows={5}
                spellCheck={false}
                className={`${inputClass} font-mono`}
                onChange={(event) => set("subnetRanges", event.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </Field>
        ) : (
          <div className="grid gap-5 sm:grid-cols-2">
            <Field
              id="bgpAsn"
              label="BGP ASN"
              errors={errorsFor("bgpAsn")}
              hint={`Your router's ASN. Private ASNs 64512–65534 or 4200000000–4294967294 are usual; not ${settings.platformAsn} (the platform side).`}
            >
              {(describedBy, invalid) => (
                <input
                  {...common("bgpAsn")}
                  inputMode="numeric"
                  placeholder="e.g. 65010"
                  onChange={(event) => set("bgpAsn", event.target.value)}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                />
              )}
            </Field>
            <Field
              id="advertisedNetworks"
              label="Networks to be advertised"
              optional
              errors={errorsFor("advertisedNetworks")}
              hint="Networks your router will advertise, one CIDR per line; we keep the platform VPC clear of them."
            >
              {(describedBy, invalid) => (
                <textarea
                  {...common("advertisedNetworks")}
                  rows={3}
                  spellCheck={false}
                  className={`${inputClass} font-mono`}
                  onChange={(event) => set("advertisedNetworks", event.target.value)}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                />
              )}
            </Field>
          </div>
        )}
      </fieldset>

      <fieldset className="space-y-5">
        <legend className="text-base font-semibold text-slate-900">Tunnels</legend>
        <div className="grid gap-5 sm:grid-cols-2">
          <Field
            id="ikeVersion"
            label="IKE version"
            errors={errorsFor("ikeVersion")}
            hint={
              values.ikeVersion === "IKEV2"
                ? "IKEv2: your router starts both tunnels (the platform, like AWS, does not) and keeps them alive; the configuration we generate does this."
                : "IKEv1 (main mode): your router starts both tunnels (AWS never initiates IKEv1); the platform side restarts a tunnel after dead-peer detection."
            }
          >
            {(describedBy, invalid) => (
              <select
                {...common("ikeVersion")}
                onChange={(event) => set("ikeVersion", event.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              >
                <option value="IKEV2">IKEv2</option>
                <option value="IKEV1">IKEv1</option>
              </select>
            )}
          </Field>
          <Field
            id="tunnelCount"
            label="Tunnels"
            errors={errorsFor("tunnelCount")}
            hint="Two tunnels give failover (recommended)."
          >
            {(describedBy, invalid) => (
              <select
                {...common("tunnelCount")}
                onChange={(event) => set("tunnelCount", event.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              >
                <option value="2">2</option>
                <option value="1">1</option>
              </select>
            )}
          </Field>
        </div>
        {values.tunnelCount === "1" ? (
          <Notice tone="warning" title="One tunnel means no failover">
            With a single tunnel, any tunnel failure is an outage: workflow executions that reach your network
            stop until it is back. Choose 2 tunnels unless your router cannot run two.
          </Notice>
        ) : null}
      </fieldset>

      <div className="flex items-center gap-3 border-t border-slate-200 pt-6">
        <button type="submit" disabled={pending} className={buttonClass()}>
          {pending ? "Submitting…" : "Submit request"}
        </button>
        <p className="text-sm text-slate-600">Support reviews requests, usually within one business day.</p>
      </div>
    </form>
  );
}
