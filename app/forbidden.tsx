import Link from "next/link";
import { getViewer } from "@/lib/auth/current-user";

export default async function Forbidden() {
  // Staff land here only from an admin page (support is not an admin); customers from staff pages.
  const viewer = await getViewer();
  const staff = viewer !== null && viewer.role !== "CUSTOMER";
  return (
    <div className="mx-auto mt-16 max-w-lg text-center">
      <p className="text-sm font-semibold text-rose-700">403 · Forbidden</p>
      <h1 className="mt-2 text-2xl font-bold">
        {staff ? "This page is for platform admins" : "This page is for platform staff"}
      </h1>
      <p className="mt-2 text-slate-600">
        {staff
          ? "Organizations, users and platform settings are managed by admins. If you need admin access, ask one."
          : "Your account can see your own organization's VPNs only. If you need staff access, ask a platform admin."}
      </p>
      <Link href="/" className="mt-6 inline-block text-indigo-700 underline">
        {staff ? "Back to the request queue" : "Back to your VPNs"}
      </Link>
    </div>
  );
}
