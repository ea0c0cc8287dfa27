import Link from "next/link";
import type { ComponentProps } from "react";
import { PageHeader } from "@/components/ui/card";

const LINKS = [
  { href: "/admin/organizations", label: "Organizations" },
  { href: "/admin/users", label: "Users" },
  { href: "/admin/settings", label: "Regions and policy" },
  { href: "/admin/accounts", label: "AWS accounts" },
  { href: "/support/capacity", label: "Capacity" },
] as const;

type Current = (typeof LINKS)[number]["href"] | "/admin";

/** The administration section's own links (the page marks where the admin is). */
export function AdminNav({ current }: { current: Current }) {
  return (
    <nav
      aria-label="Administration"
      className="mb-6 flex flex-wrap gap-4 border-b border-slate-200 pb-3 text-sm"
    >
      {LINKS.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={current === link.href ? "page" : undefined}
          className={
            current === link.href
              ? "font-semibold text-indigo-700"
              : "text-slate-700 underline-offset-2 hover:underline"
          }
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}

/** An administration page's heading with the section's links under it. */
export function AdminPageHeader({
  current,
  ...header
}: ComponentProps<typeof PageHeader> & { current: Current }) {
  return (
    <>
      <PageHeader {...header} />
      <AdminNav current={current} />
    </>
  );
}
