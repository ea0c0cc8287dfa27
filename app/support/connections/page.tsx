import { ConnectionsList } from "@/components/connections-list";
import { staffListOf } from "@/components/request-list";
import { TunnelAlertDeliveries } from "@/components/tunnel-alert-deliveries";
import { PageHeader } from "@/components/ui/card";
import { findAlertDeliveries } from "@/lib/alerts/find-alert-deliveries";
import { requireViewer } from "@/lib/auth/current-user";
import { parseFilteredListParams } from "@/lib/lists/parse-list-params";
import { CONNECTION_SORTS, findConnectionsOverview } from "@/lib/tunnels/find-connections-overview";
import { ATTENTION_ORDER, PROVISIONED_STATUSES } from "@/lib/vpn-request/lifecycle";
import { getRequestSettings } from "@/lib/vpn-request/request-settings";

export const metadata = { title: "Connections · Site-to-Site VPN" };

type Params = Record<string, string | string[] | undefined>;
const PATH = "/support/connections";

export default async function ConnectionsPage({ searchParams }: { searchParams: Promise<Params> }) {
  // The regions (the filter's options) are read beside the viewer, not after it: one round trip less.
  const [viewer, raw, { supportedRegions: regions }] = await Promise.all([
    requireViewer("staff"),
    searchParams,
    getRequestSettings(),
  ]);
  const region = regions.find((value) => value === raw.region);
  const query = parseFilteredListParams(
    raw,
    CONNECTION_SORTS,
    { sort: "attention", dir: "asc" },
    PROVISIONED_STATUSES,
    { region },
  );
  const [connections, deliveries] = await Promise.all([
    findConnectionsOverview({
      ...query.list,
      status: query.status,
      organization: query.organization,
      region,
    }),
    findAlertDeliveries(viewer.scope, 20),
  ]);
  const list = staffListOf({
    path: PATH,
    query,
    sorts: CONNECTION_SORTS,
    statuses: PROVISIONED_STATUSES,
    countOrder: ATTENTION_ORDER,
    moreFilters: [
      {
        name: "region",
        label: "Region",
        allLabel: "All regions",
        value: region,
        options: regions.map((value) => ({ value, label: value })),
      },
    ],
    noun: { one: "connection", many: "connections" },
    names: { table: "Connections", pages: "Connection pages" },
    list: connections,
    empty: {
      title: "No provisioned connections yet",
      hint: "Approved requests appear here once provisioning has built them.",
    },
  });
  return (
    <div className="space-y-8">
      <div>
        <PageHeader
          title="Connections"
          description="Every organization's provisioned VPNs: down and degraded first."
        />
        <ConnectionsList {...list} />
      </div>
      <section aria-labelledby="deliveries-heading" className="space-y-3">
        <h2 id="deliveries-heading" className="text-base font-semibold text-slate-900">
          Recent alert deliveries
        </h2>
        <TunnelAlertDeliveries deliveries={deliveries} showOrganization />
      </section>
    </div>
  );
}
