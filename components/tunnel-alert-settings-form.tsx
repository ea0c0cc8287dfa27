"use client";

import { startTransition, useActionState, useMemo, useState } from "react";
import { z } from "zod";
import type { FormAction } from "@/components/ui/action-button";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { TextAreaField, TextField } from "@/components/ui/field";
import { INITIAL_ACTION_STATE } from "@/lib/actions/action-state";
import {
  makeNotificationSettingsSchema,
  type NotificationSettingsRules,
} from "@/lib/organizations/notification-settings-schema";

type Action = FormAction;
type Errors = Record<string, string[] | undefined>;
const FIELDS = ["notificationEmails", "webhookUrl", "webhookSecret"] as const;

/** Where tunnel alerts go; the same schema checks the form as you type and the server on save. */
export function TunnelAlertSettingsForm({
  action,
  rules,
  current,
}: {
  action: Action;
  rules: NotificationSettingsRules;
  current: { notificationEmails: string[]; webhookUrl: string | null; webhookSecretHint: string | null };
}) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  const schema = useMemo(() => makeNotificationSettingsSchema(rules), [rules]);
  const [clientErrors, setClientErrors] = useState<Errors>({});
  const [touched, setTouched] = useState<Record<string, boolean>>({});

  const check = (form: HTMLFormElement): Errors => {
    const values = Object.fromEntries(
      FIELDS.map((name) => [name, String(new FormData(form).get(name) ?? "")]),
    );
    const parsed = schema.safeParse(values);
    return parsed.success ? {} : (z.flattenError(parsed.error).fieldErrors as Errors);
  };
  const errorsFor = (name: string) =>
    (touched[name] ? clientErrors[name] : undefined) ?? state.errors?.[name];
  const value = (name: string, fallback: string) => state.values?.[name] ?? fallback;

  return (
    <form
      noValidate
      className="space-y-5"
      onBlur={(event) => {
        const target: EventTarget = event.target;
        const name =
          target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement ? target.name : "";
        if (!name) return;
        setTouched((previous) => ({ ...previous, [name]: true }));
        setClientErrors(check(event.currentTarget));
      }}
      onSubmit={(event) => {
        event.preventDefault();
        const errors = check(event.currentTarget);
        setClientErrors(errors);
        setTouched({ notificationEmails: true, webhookUrl: true, webhookSecret: true });
        if (Object.values(errors).some((messages) => messages?.length)) return;
        const formData = new FormData(event.currentTarget);
        startTransition(() => formAction(formData));
      }}
    >
      <TextAreaField
        id="notificationEmails"
        label="Alert email addresses"
        optional
        hint="One per line (up to 10). Each alert names the tunnel, what AWS reports and what to do."
        errors={errorsFor("notificationEmails")}
        rows={3}
        defaultValue={value("notificationEmails", current.notificationEmails.join("\n"))}
      />
      <TextField
        id="webhookUrl"
        label="Webhook URL"
        optional
        hint="We POST JSON, signed: X-Portal-Signature is sha256=HMAC-SHA256(secret, timestamp + '.' + body) in hex, X-Portal-Timestamp the Unix time; refuse timestamps older than 5 minutes."
        errors={errorsFor("webhookUrl")}
        type="url"
        defaultValue={value("webhookUrl", current.webhookUrl ?? "")}
        placeholder="https://hooks.example.com/vpn"
      />
      <TextField
        id="webhookSecret"
        label="Webhook signing secret"
        optional
        hint={
          current.webhookSecretHint
            ? `A secret is set (ending ${current.webhookSecretHint}). Leave blank to keep it; it is never shown in full.`
            : "16 to 200 characters, stored encrypted; needed with a webhook URL."
        }
        errors={errorsFor("webhookSecret")}
        type="password"
        autoComplete="new-password"
        defaultValue=""
      />
      {state.message ? (
        <Notice tone={state.ok ? "success" : "danger"}>
          <p role={state.ok ? "status" : "alert"}>{state.message}</p>
        </Notice>
      ) : null}
      <SubmitButton pending={pending} label="Save alert settings" pendingLabel="Saving…" />
    </form>
  );
}

/** Queues a test alert to every saved destination. */
export function TestAlertButton({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  return (
    <form action={formAction} className="space-y-2">
      <SubmitButton pending={pending} label="Send test alert" pendingLabel="Sending…" variant="secondary" />
      {state.message ? (
        <p
          role={state.ok ? "status" : "alert"}
          className={`text-sm ${state.ok ? "text-emerald-800" : "text-rose-700"}`}
        >
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
