import { forbidden, redirect } from "next/navigation";
import { RequestDetailPage } from "@/app/_views/request-detail-page";
import { requireViewer } from "@/lib/auth/current-user";
import { requestHref } from "@/lib/auth/viewer";
import { findVpnRequest } from "@/lib/vpn-request/find-vpn-requests";

export const metadata = { title: "Review request · Site-to-Site VPN" };

/**
 * Staff's view of a request. A customer who opens a staff link to their own request (pasted from a
 * support chat) gets their own view of it; any other staff page stays 403 to customers.
 */
export default async function SupportRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const { id } = await params;
  if (viewer.role === "CUSTOMER") {
    if (await findVpnRequest(id, viewer.scope)) redirect(requestHref(viewer, id));
    forbidden();
  }
  return <RequestDetailPage viewer={viewer} id={id} />;
}
