import { redirect } from "next/navigation";
import { RequestDetailPage } from "@/app/_views/request-detail-page";
import { requireViewer } from "@/lib/auth/current-user";
import { requestHref } from "@/lib/auth/viewer";

export const metadata = { title: "VPN request · Site-to-Site VPN" };

/** A customer's request; staff who open a customer's link land on their own view of it. */
export default async function RequestPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ submitted?: string }>;
}) {
  const viewer = await requireViewer();
  const { id } = await params;
  if (viewer.role !== "CUSTOMER") redirect(requestHref(viewer, id));
  const { submitted } = await searchParams;
  return <RequestDetailPage viewer={viewer} id={id} submitted={Boolean(submitted)} />;
}
