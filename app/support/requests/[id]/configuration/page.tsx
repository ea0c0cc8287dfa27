import Link from "next/link";
import { notFound } from "next/navigation";
import { RouterConfigPanel } from "@/components/router-config-panel";
import { PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/current-user";
import { getRouterConfigPage } from "@/lib/router-config/get-router-config-page";

export const metadata = { title: "Router configuration · Support · Site-to-Site VPN" };

export default async function SupportRouterConfigurationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireStaff();
  const { id } = await params;
  // The whole query: the format and the device parameters (lib/router-config/device-params.ts).
  const page = await getRouterConfigPage(id, await searchParams, {
    actor: { id: user.id, email: user.email },
    scope: { kind: "staff" },
  });
  if (page.state === "not-found") notFound();
  const base = `/support/requests/${page.request.id}`;
  return (
    <div className="max-w-4xl space-y-6">
      <PageHeader
        title="Router configuration"
        description={
          <Link href={base} className="text-indigo-700 underline">
            ← {page.request.customerName}
          </Link>
        }
      />
      <RouterConfigPanel
        pageHref={`${base}/configuration`}
        connection={page.connection}
        selected={
          page.selected && { ...page.selected, downloadHref: `${base}/configuration/${page.selected.id}` }
        }
      />
    </div>
  );
}
