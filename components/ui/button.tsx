import type { ButtonHTMLAttributes } from "react";

type Variant = "primary" | "secondary" | "danger" | "ghost";

/** A button's look (the utilities are in app/globals.css; written out whole, as Tailwind finds them). */
const styles: Record<Variant, string> = {
  primary: "btn btn-primary",
  secondary: "btn btn-secondary",
  danger: "btn btn-danger",
  ghost: "btn btn-ghost",
};

export function buttonClass(variant: Variant = "primary") {
  return styles[variant];
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
  disabled = false,
}: {
  pending: boolean;
  label: string;
  pendingLabel: string;
  variant?: Variant;
  fullWidth?: boolean;
  /** Disabled besides while pending. */
  disabled?: boolean;
}) {
  return (
    <button
      type="submit"
      disabled={pending || disabled}
      className={fullWidth ? `${buttonClass(variant)} w-full` : buttonClass(variant)}
    >
      {pending ? pendingLabel : label}
    </button>
  );
}
