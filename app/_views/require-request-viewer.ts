import "server-only";
import { forbidden, redirect } from "next/navigation";
import { requireViewer } from "@/lib/auth/current-user";
import { requestHref, type Viewer } from "@/lib/auth/viewer";
import { findVpnRequest } from "@/lib/vpn-request/find-vpn-requests";

/**
 * The viewer of a page about one request (`rest`: below the request's own URL), in the customer
 * area (/requests/…) or the staff one (/support/requests/…). Staff who open a customer's link land
 * on their own view of it; a customer who opens a staff link to their own request (pasted from a
 * support chat) gets theirs, and any other staff page stays 403 to customers.
 */
export async function requireRequestViewer(
  area: "customer" | "staff",
  id: string,
  rest = "",
): Promise<Viewer> {
  const viewer = await requireViewer();
  const isCustomer = viewer.role === "CUSTOMER";
  if (area === "customer" && !isCustomer) redirect(requestHref(viewer, id, rest));
  if (area === "staff" && isCustomer) {
    if (await findVpnRequest(id, viewer.scope)) redirect(requestHref(viewer, id, rest));
    forbidden();
  }
  return viewer;
}
