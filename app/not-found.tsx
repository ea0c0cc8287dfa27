import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto mt-16 max-w-lg text-center">
      <p className="text-sm font-semibold text-slate-500">404 · Not found</p>
      <h1 className="mt-2 text-2xl font-bold">We could not find that page</h1>
      <p className="mt-2 text-slate-600">
        The link may be mistyped, or the request belongs to another organization.
      </p>
      <Link href="/" className="mt-6 inline-block text-indigo-700 underline">
        Back to the start
      </Link>
    </div>
  );
}
