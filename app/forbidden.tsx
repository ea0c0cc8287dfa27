import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="mx-auto mt-16 max-w-lg text-center">
      <p className="text-sm font-semibold text-rose-700">403 · Forbidden</p>
      <h1 className="mt-2 text-2xl font-bold">This page is for platform staff</h1>
      <p className="mt-2 text-slate-600">
        Your account can see your own organization&apos;s VPNs only. If you need staff access, ask a platform
        admin.
      </p>
      <Link href="/" className="mt-6 inline-block text-indigo-700 underline">
        Back to your VPNs
      </Link>
    </div>
  );
}
