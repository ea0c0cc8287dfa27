import type { ButtonHTMLAttributes } from "react";

type Variant = "primary" | "secondary" | "danger" | "ghost";

const styles: Record<Variant, string> = {
  primary: "bg-indigo-600 text-white hover:bg-indigo-700 focus-visible:outline-indigo-600",
  secondary:
    "bg-white text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-slate-500",
  danger: "bg-rose-600 text-white hover:bg-rose-700 focus-visible:outline-rose-600",
  ghost: "text-slate-700 hover:bg-slate-100 focus-visible:outline-slate-500",
};

export function buttonClass(variant: Variant = "primary") {
  return `inline-flex items-center justify-center gap-2 rounded-md px-3.5 py-2 text-sm font-semibold shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed disabled:opacity-60 ${styles[variant]}`;
}

export function Button({
  variant = "primary",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return <button type="button" className={`${buttonClass(variant)} ${className}`} {...props} />;
}

/** A form's submit button: disabled, and saying what is happening, while the action runs. */
export function SubmitButton({
  pending,
  label,
  pendingLabel,
  variant = "primary",
  fullWidth = false,
}: {
  pending: boolean;
  label: string;
  pendingLabel: string;
  variant?: Variant;
  fullWidth?: boolean;
}) {
  return (
    <button
      type="submit"
      disabled={pending}
      className={fullWidth ? `${buttonClass(variant)} w-full` : buttonClass(variant)}
    >
      {pending ? pendingLabel : label}
    </button>
  );
}
