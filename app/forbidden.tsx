import { ErrorPage } from "@/components/ui/error-page";
import { getViewer } from "@/lib/auth/current-user";

export default async function Forbidden() {
  // Staff land here only from an admin page (support is not an admin); customers from staff pages.
  const viewer = await getViewer();
  const staff = viewer !== null && viewer.role !== "CUSTOMER";
  return (
    <ErrorPage
      status="403 · Forbidden"
      tone="danger"
      title={staff ? "This page is for platform admins" : "This page is for platform staff"}
      back={{ href: "/", label: staff ? "Back to the request queue" : "Back to your VPNs" }}
    >
      {staff
        ? "Organizations, users and platform settings are managed by admins. If you need admin access, ask one."
        : "Your account can see your own organization's VPNs only. If you need staff access, ask a platform admin."}
    </ErrorPage>
  );
}
