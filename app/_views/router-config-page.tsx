// The one router configuration page, for customers (/requests/[id]/configuration) and staff
// (/support/requests/[id]/configuration): the viewer's scope decides what it may load.
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRequestViewer } from "@/app/_views/require-request-viewer";
import { RouterConfigPanel } from "@/components/router-config-panel";
import { PageHeader } from "@/components/ui/card";
import { actorOf, requestHref } from "@/lib/auth/viewer";
import { getRouterConfigPage, type RouterConfigSearch } from "@/lib/router-config/get-router-config-page";

/** What both configuration routes are given: the request's id, and the format and device chosen. */
export type RouterConfigurationRouteProps = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/**
 * The configuration page of one area (customer: /requests/[id]/configuration, staff:
 * /support/requests/[id]/configuration), given the route's props; a viewer of the other area is
 * sent to theirs (requireRequestViewer).
 */
export async function RouterConfigurationView({
  area,
  params,
  searchParams,
}: RouterConfigurationRouteProps & { area: "customer" | "staff" }) {
  const { id } = await params;
  const viewer = await requireRequestViewer(area, id, "/configuration");
  // The page's whole query: format and device parameters, so preview, copy and download agree.
  const query: RouterConfigSearch = await searchParams;
  const page = await getRouterConfigPage(id, query, { actor: actorOf(viewer), scope: viewer.scope });
  if (page.state === "not-found") notFound();
  const base = requestHref(viewer, page.request.id);
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
