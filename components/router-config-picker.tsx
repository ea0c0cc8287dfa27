"use client";
import Form from "next/form";
import { useRef } from "react";
import { buttonClass } from "@/components/ui/button";

export type FormatOption = {
  id: string;
  label: string;
  platform: string;
  writtenFor?: string;
  checkedBy?: "lab" | "documentation";
  refused?: string;
};

/** Vendor/platform choice: a GET form (works without JavaScript); with JavaScript it follows the select. */
export function RouterConfigPicker({
  action,
  formats,
  selected,
}: {
  action: string;
  formats: readonly FormatOption[];
  selected: string | undefined;
}) {
  const form = useRef<HTMLFormElement>(null);
  return (
    <Form ref={form} action={action} className="flex flex-wrap items-end gap-3">
      <div className="min-w-72 flex-1 space-y-1.5">
        <label htmlFor="format" className="block text-sm font-medium text-slate-800">
          Vendor
        </label>
        <select
          id="format"
          name="format"
          defaultValue={selected ?? ""}
          aria-describedby="format-hint"
          onChange={() => form.current?.requestSubmit()}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          <option value="" disabled>
            Choose a vendor and platform…
          </option>
          {formats.map((format) => (
            <option key={format.id} value={format.id}>
              {format.label} — {format.platform}
              {format.checkedBy === "documentation" ? " (checked against documentation)" : ""}
              {format.refused ? " (not for this connection)" : ""}
            </option>
          ))}
        </select>
        <p id="format-hint" className="text-xs text-slate-600">
          Only formats that fit this connection&apos;s routing are listed (FRR for BGP connections only).
          strongSwan and FRR are proven in the portal&apos;s lab with real tunnels; the others (libreswan
          included) are checked against their vendor&apos;s documentation. Each file names the releases it was
          written for.
        </p>
      </div>
      <button type="submit" className={buttonClass("secondary")}>
        Show configuration
      </button>
    </Form>
  );
}
