import { RouterConfigurationView } from "@/app/_views/router-config-page";
import { requireViewer } from "@/lib/auth/current-user";

export const metadata = { title: "Router configuration · Support · Site-to-Site VPN" };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function SupportRouterConfigurationPage({ params, searchParams }: Props) {
  const viewer = await requireViewer("staff");
  const { id } = await params;
  return <RouterConfigurationView viewer={viewer} id={id} query={await searchParams} />;
}
