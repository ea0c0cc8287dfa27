import Link from "next/link";
import { notFound } from "next/navigation";
import { RequestActionButton } from "@/components/action-form";
import { RequestHistory, RequestSummary } from "@/components/request-summary";
import { TunnelStatePanel } from "@/components/tunnel-state-panel";
import { Notice, PageHeader } from "@/components/ui/card";
import { WorkflowProgress } from "@/components/workflow-progress";
import { requireCustomer } from "@/lib/auth/current-user";
import { findWorkflowProgress } from "@/lib/provisioning/find-workflow-progress";
import { findRequestHistory, findVpnRequest } from "@/lib/vpn-request/find-vpn-requests";
import { cancelVpnRequestAction, decommissionVpnAction } from "../actions";

export const metadata = { title: "VPN request · Site-to-Site VPN" };

export default async function RequestPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ submitted?: string }>;
}) {
  const user = await requireCustomer();
  const { id } = await params;
  const { submitted } = await searchParams;
  const request = await findVpnRequest(id, { kind: "organization", organizationId: user.organizationId });
  if (!request) notFound();
  const scope = { kind: "organization", organizationId: user.organizationId } as const;
  const [history, progress] = await Promise.all([
    findRequestHistory(request.id, { customer: true }),
    findWorkflowProgress(request.id, scope, { withDetails: false }),
  ]);
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        title={request.customerName}
        description={
          <Link href="/requests" className="text-indigo-700 underline">
            ← All your VPNs
          </Link>
        }
      />
      {submitted && request.status === "PENDING_APPROVAL" ? (
        <Notice tone="success" title="Request submitted">
          Support will review it; you can follow its status here.
        </Notice>
      ) : null}
      <RequestSummary request={request} />
      {["AWAITING_CUSTOMER", "ACTIVE", "DEGRADED", "DOWN"].includes(request.status) ? (
        <p>
          <Link
            href={`/requests/${request.id}/configuration`}
            className="font-medium text-indigo-700 underline"
          >
            Router configuration
          </Link>
        </p>
      ) : null}
      {request.status === "PENDING_APPROVAL" ? (
        <RequestActionButton
          action={cancelVpnRequestAction}
          requestId={request.id}
          label="Cancel request"
          pendingLabel="Cancelling…"
          variant="secondary"
          confirm="Cancel this VPN request? Support will no longer review it."
        />
      ) : null}
      {progress ? (
        <WorkflowProgress requestId={request.id} initial={progress} pageStatus={request.status} />
      ) : null}
      {["AWAITING_CUSTOMER", "ACTIVE", "DEGRADED", "DOWN"].includes(request.status) ? (
        <RequestActionButton
          action={decommissionVpnAction}
          requestId={request.id}
          label="Decommission VPN"
          pendingLabel="Starting decommissioning…"
          variant="danger"
          confirm="Decommission this VPN? Both tunnels and the platform VPC are deleted; workflows lose access to your network."
        />
      ) : null}
      <TunnelStatePanel requestId={request.id} />
      <RequestHistory events={history} />
    </div>
  );
}
