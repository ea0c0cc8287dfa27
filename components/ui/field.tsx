import type { ReactNode } from "react";

/**
 * A labelled control with its hint and errors tied to it through aria-describedby, so the error is
 * the control's accessible description; role="alert" announces it when it appears. (The error
 * carries no label of its own: it would then also answer to the field's label.)
 */
export function Field({
  id,
  label,
  hint,
  errors,
  children,
  optional,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  errors?: readonly string[];
  optional?: boolean;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        {optional ? <span className="ml-1 font-normal text-slate-500">(optional)</span> : null}
      </label>
      {children(describedBy, Boolean(errorId))}
      {hint ? (
        <p id={hintId} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {errorId ? (
        <div id={errorId} role="alert" className="space-y-0.5">
          {errors?.map((message) => (
            <p key={message} className="text-sm font-medium text-rose-700">
              {message}
            </p>
          ))}
        </div>
      ) : null}
    </div>
  );
}

export const inputClass =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600 aria-[invalid=true]:ring-rose-500 read-only:bg-slate-50";
