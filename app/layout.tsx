import "./globals.css";
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutForm } from "@/app/_views/sign-out-form";
import { buttonClass } from "@/components/ui/button";
import { getViewer } from "@/lib/auth/current-user";
import type { Viewer } from "@/lib/auth/viewer";

export const metadata: Metadata = {
  title: "Site-to-Site VPN",
  description: "Request, follow and configure site-to-site IPsec VPNs into your network.",
};

const STAFF_LINKS = [
  { href: "/support", label: "Request queue" },
  { href: "/support/connections", label: "Connections" },
  { href: "/support/audit", label: "Audit log" },
  { href: "/support/capacity", label: "Capacity" },
];
const CUSTOMER_LINKS = [
  { href: "/requests", label: "My VPNs" },
  { href: "/requests/new", label: "New VPN request" },
  { href: "/settings", label: "Alert settings" },
  { href: "/api-tokens", label: "API tokens" },
  { href: "/audit", label: "Audit log" },
];

/** The main navigation of each role: staff's pages (and admins' Administration), or a customer's. */
function navLinksFor(role: Viewer["role"]) {
  if (role === "CUSTOMER") return CUSTOMER_LINKS;
  return role === "ADMIN" ? [...STAFF_LINKS, { href: "/admin", label: "Administration" }] : STAFF_LINKS;
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getViewer();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3">
            <Link href="/" className="text-base font-bold text-slate-900">
              Site-to-Site VPN
            </Link>
            {user ? (
              <nav aria-label="Main" className="flex items-center gap-1 text-sm">
                {navLinksFor(user.role).map((link) => (
                  <Link key={link.href} className={buttonClass("ghost")} href={link.href}>
                    {link.label}
                  </Link>
                ))}
                <span className="mx-2 hidden text-slate-500 sm:inline">
                  <span className="sr-only">Signed in as </span>
                  {user.email} · {user.role.toLowerCase()}
                </span>
                <SignOutForm label="Sign out" buttonClassName={buttonClass("secondary")} />
              </nav>
            ) : null}
          </div>
        </header>
        <main id="main" className="mx-auto max-w-6xl px-4 py-8">
          {children}
        </main>
      </body>
    </html>
  );
}
