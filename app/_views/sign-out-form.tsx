// The one sign-out form: the main navigation's "Sign out" and the second-factor page's "Use another
// account". The action is inline (no export), so it is no endpoint of its own beyond this form.
import { signOut } from "@/lib/auth/auth";

export function SignOutForm({
  label,
  className,
  buttonClassName,
}: {
  label: string;
  className?: string;
  buttonClassName: string;
}) {
  async function signOutAction() {
    "use server";
    await signOut({ redirectTo: "/sign-in" });
  }
  return (
    <form action={signOutAction} className={className}>
      <button type="submit" className={buttonClassName}>
        {label}
      </button>
    </form>
  );
}
