import { redirect } from "next/navigation";
import { type RouterConfigurationRouteProps, RouterConfigurationView } from "@/app/_views/router-config-page";
import { requireViewer } from "@/lib/auth/current-user";
import { requestHref } from "@/lib/auth/viewer";

export const metadata = { title: "Router configuration · Site-to-Site VPN" };

export default async function RouterConfigurationPage({
  params,
  searchParams,
}: RouterConfigurationRouteProps) {
  const viewer = await requireViewer();
  const { id } = await params;
  if (viewer.role !== "CUSTOMER") redirect(requestHref(viewer, id, "/configuration"));
  return <RouterConfigurationView viewer={viewer} id={id} query={await searchParams} />;
}
