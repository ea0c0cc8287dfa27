import "./globals.css";
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";
import { signOut } from "@/lib/auth/auth";
import { getViewer } from "@/lib/auth/current-user";

export const metadata: Metadata = {
  title: "Site-to-Site VPN",
  description: "Request, follow and configure site-to-site IPsec VPNs into your network.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getViewer();
  async function signOutAction() {
    "use server";
    await signOut({ redirectTo: "/sign-in" });
  }
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
                {user.role !== "CUSTOMER" ? (
                  <>
                    <Link className={buttonClass("ghost")} href="/support">
                      Request queue
                    </Link>
                    <Link className={buttonClass("ghost")} href="/support/connections">
                      Connections
                    </Link>
                    <Link className={buttonClass("ghost")} href="/support/audit">
                      Audit log
                    </Link>
                    <Link className={buttonClass("ghost")} href="/support/capacity">
                      Capacity
                    </Link>
                    {user.role === "ADMIN" ? (
                      <Link className={buttonClass("ghost")} href="/admin">
                        Administration
                      </Link>
                    ) : null}
                  </>
                ) : (
                  <>
                    <Link className={buttonClass("ghost")} href="/requests">
                      My VPNs
                    </Link>
                    <Link className={buttonClass("ghost")} href="/requests/new">
                      New VPN request
                    </Link>
                    <Link className={buttonClass("ghost")} href="/settings">
                      Alert settings
                    </Link>
                    <Link className={buttonClass("ghost")} href="/api-tokens">
                      API tokens
                    </Link>
                    <Link className={buttonClass("ghost")} href="/audit">
                      Audit log
                    </Link>
                  </>
                )}
                <span className="mx-2 hidden text-slate-500 sm:inline">
                  <span className="sr-only">Signed in as </span>
                  {user.email} · {user.role.toLowerCase()}
                </span>
                <form action={signOutAction}>
                  <button type="submit" className={buttonClass("secondary")}>
                    Sign out
                  </button>
                </form>
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
