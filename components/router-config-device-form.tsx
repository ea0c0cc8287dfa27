"use client";
import Form from "next/form";
import { buttonClass } from "@/components/ui/button";
import type { DeviceParamField } from "@/lib/router-config/device-params";

/**
 * Device-specific names (outside interface, tunnel interface numbers, inside interface/zone, up/down
 * script path) as a GET form: the values go into the page URL, so the preview, the copy and the
 * download link all render the same file. Empty fields take the connection's defaults.
 */
export function RouterConfigDeviceForm({
  action,
  formatId,
  fields,
}: {
  action: string;
  formatId: string;
  fields: readonly DeviceParamField[];
}) {
  if (fields.length === 0) return null;
  return (
    <Form action={action} className="space-y-3" aria-label="Device parameters">
      <input type="hidden" name="format" value={formatId} />
      <p className="text-xs text-slate-600">
        Names on your device. The defaults are this connection&apos;s: a second connection of your
        organization gets other tunnel numbers, so both can live on one device.
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        {fields.map((field) => (
          <div key={field.name} className="space-y-1">
            <label htmlFor={`device-${field.name}`} className="block text-sm font-medium text-slate-800">
              {field.label}
            </label>
            <input
              id={`device-${field.name}`}
              name={field.name}
              defaultValue={field.value}
              aria-describedby={`device-${field.name}-hint`}
              aria-invalid={field.error ? true : undefined}
              className="block w-full rounded-md border border-slate-300 px-3 py-1.5 font-mono text-sm"
            />
            <p id={`device-${field.name}-hint`} className="text-xs text-slate-600">
              {field.error ? (
                <span className="text-red-700">
                  {field.error}; using the default {field.defaultValue}.
                </span>
              ) : (
                <>
                  {field.hint} (default <span className="font-mono">{field.defaultValue}</span>)
                </>
              )}
            </p>
          </div>
        ))}
      </div>
      <button type="submit" className={buttonClass("secondary")}>
        Apply parameters
      </button>
    </Form>
  );
}
