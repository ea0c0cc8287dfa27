import { RequestDetailPage } from "@/app/_views/request-detail-page";
import { requireRequestViewer } from "@/app/_views/require-request-viewer";

export const metadata = { title: "Review request · Site-to-Site VPN" };

/** Staff's view of a request; a customer following a staff link to their own request gets theirs. */
export default async function SupportRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <RequestDetailPage viewer={await requireRequestViewer("staff", id)} id={id} />;
}
