import type { ComponentProps, ElementType, ReactNode } from "react";

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

/** Every text box, select and text area (the utility is in app/globals.css). */
export const inputClass = "field-input";

type FieldFrame = {
  id: string;
  label: string;
  hint?: ReactNode;
  errors?: readonly string[];
  optional?: boolean;
  /** Monospaced text, for addresses, IDs and CIDR lists. */
  mono?: boolean;
};

type ControlTag = "input" | "select" | "textarea";
type FieldControlProps<T extends ControlTag> = FieldFrame & Omit<ComponentProps<T>, "id" | "className">;

/**
 * A Field and its one control wired together: the control's id and (unless given) name are the
 * field's id, and its aria-describedby / aria-invalid come from the field's hint and errors.
 */
function FieldControl<T extends ControlTag>({
  as,
  label,
  hint,
  errors,
  optional,
  mono,
  ...control
}: FieldControlProps<T> & { as: T }) {
  const Control = as as ElementType;
  return (
    <Field id={control.id} label={label} hint={hint} errors={errors} optional={optional}>
      {(describedBy, invalid) => (
        <Control
          name={control.id}
          {...control}
          className={mono ? `${inputClass} font-mono` : inputClass}
          aria-describedby={describedBy}
          aria-invalid={invalid}
        />
      )}
    </Field>
  );
}

export const TextField = (props: FieldControlProps<"input">) => <FieldControl as="input" {...props} />;
export const TextAreaField = (props: FieldControlProps<"textarea">) => (
  <FieldControl as="textarea" {...props} />
);
/** The options are its children. */
export const SelectField = (props: FieldControlProps<"select">) => <FieldControl as="select" {...props} />;

/** A checkbox with its label beside it and a hint under the label, the hint its description. */
export function CheckboxField({
  id,
  label,
  hint,
  ...input
}: { id: string; label: string; hint: ReactNode } & Omit<ComponentProps<"input">, "id" | "type">) {
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        name={id}
        {...input}
        type="checkbox"
        aria-describedby={`${id}-hint`}
        className="mt-1 h-4 w-4 rounded border-slate-300"
      />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      </div>
    </div>
  );
}

type Outcome = { errors?: Record<string, readonly string[] | undefined>; values?: Record<string, string> };

/**
 * Ties fields to their form's last outcome: `field(name)` gives a field its id and name, the errors
 * on it and what was typed, so a rejected submission keeps it (not for secrets: they are not kept).
 */
export function bindFields(outcome: Outcome) {
  return (name: string, fallback = "") => ({
    id: name,
    name,
    errors: outcome.errors?.[name],
    defaultValue: outcome.values?.[name] ?? fallback,
  });
}

/** A select's options over a fixed list of values (plans, roles), each shown by its label. */
export function Options<V extends string | number>({
  values,
  label,
}: {
  values: readonly V[];
  label: (value: V) => ReactNode;
}) {
  return values.map((value) => (
    <option key={value} value={value}>
      {label(value)}
    </option>
  ));
}
