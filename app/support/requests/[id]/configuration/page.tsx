import { forbidden, redirect } from "next/navigation";
import { type RouterConfigurationRouteProps, RouterConfigurationView } from "@/app/_views/router-config-page";
import { requireViewer } from "@/lib/auth/current-user";
import { requestHref } from "@/lib/auth/viewer";
import { findVpnRequest } from "@/lib/vpn-request/find-vpn-requests";

export const metadata = { title: "Router configuration · Support · Site-to-Site VPN" };

/** Staff's configuration page; a customer following a staff link to their own request gets theirs. */
export default async function SupportRouterConfigurationPage({
  params,
  searchParams,
}: RouterConfigurationRouteProps) {
  const viewer = await requireViewer();
  const { id } = await params;
  if (viewer.role === "CUSTOMER") {
    if (await findVpnRequest(id, viewer.scope)) redirect(requestHref(viewer, id, "/configuration"));
    forbidden();
  }
  return <RouterConfigurationView viewer={viewer} id={id} query={await searchParams} />;
}
