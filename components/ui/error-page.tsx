import Link from "next/link";
import type { ReactNode } from "react";

/** The body of an error page (404, 403): the status, what happened, why, and a way back. */
export function ErrorPage({
  status,
  tone,
  title,
  children,
  back,
}: {
  status: string;
  tone: "muted" | "danger";
  title: ReactNode;
  children: ReactNode;
  back: { href: string; label: ReactNode };
}) {
  return (
    <div className="mx-auto mt-16 max-w-lg text-center">
      <p className={`text-sm font-semibold ${tone === "danger" ? "text-rose-700" : "text-slate-500"}`}>
        {status}
      </p>
      <h1 className="mt-2 text-2xl font-bold">{title}</h1>
      <p className="mt-2 text-slate-600">{children}</p>
      <Link href={back.href} className="mt-6 inline-block text-indigo-700 underline">
        {back.label}
      </Link>
    </div>
  );
}
