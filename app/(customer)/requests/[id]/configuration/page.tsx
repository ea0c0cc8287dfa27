import { redirect } from "next/navigation";
import { RouterConfigurationView } from "@/app/_views/router-config-page";
import { requireViewer } from "@/lib/auth/current-user";
import { requestHref } from "@/lib/auth/viewer";

export const metadata = { title: "Router configuration · Site-to-Site VPN" };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function RouterConfigurationPage({ params, searchParams }: Props) {
  const viewer = await requireViewer();
  const { id } = await params;
  if (viewer.role !== "CUSTOMER") redirect(requestHref(viewer, id, "/configuration"));
  return <RouterConfigurationView viewer={viewer} id={id} query={await searchParams} />;
}
