import { RequestDetailPage } from "@/app/_views/request-detail-page";
import { requireRequestViewer } from "@/app/_views/require-request-viewer";

export const metadata = { title: "VPN request · Site-to-Site VPN" };

/** A customer's request; staff who open a customer's link land on their own view of it. */
export default async function RequestPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ submitted?: string }>;
}) {
  const { id } = await params;
  const viewer = await requireRequestViewer("customer", id);
  const { submitted } = await searchParams;
  return <RequestDetailPage viewer={viewer} id={id} submitted={Boolean(submitted)} />;
}
