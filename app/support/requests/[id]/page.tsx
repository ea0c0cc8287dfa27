import Link from "next/link";
import { notFound } from "next/navigation";
import { RejectForm, RequestActionButton } from "@/components/action-form";
import { RequestHistory, RequestSummary } from "@/components/request-summary";
import { TunnelStatePanel } from "@/components/tunnel-state-panel";
import { Card, PageHeader } from "@/components/ui/card";
import { WorkflowProgress } from "@/components/workflow-progress";
import { requireStaff } from "@/lib/auth/current-user";
import { findWorkflowProgress } from "@/lib/provisioning/find-workflow-progress";
import { findRequestHistory, findVpnRequest } from "@/lib/vpn-request/find-vpn-requests";
import {
  approveVpnRequestAction,
  decommissionVpnAction,
  rejectVpnRequestAction,
  retryWorkflowAction,
} from "../../actions";

export const metadata = { title: "Review request · Site-to-Site VPN" };

export default async function SupportRequestPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff();
  const { id } = await params;
  const request = await findVpnRequest(id, { kind: "staff" });
  if (!request) notFound();
  const [history, progress] = await Promise.all([
    findRequestHistory(request.id, { customer: false }),
    findWorkflowProgress(request.id, { kind: "staff" }, { withDetails: true }),
  ]);
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        title={request.customerName}
        description={
          <Link href="/support" className="text-indigo-700 underline">
            ← Request queue
          </Link>
        }
      />
      <RequestSummary request={request} />
      {["AWAITING_CUSTOMER", "ACTIVE", "DEGRADED", "DOWN"].includes(request.status) ? (
        <p>
          <Link
            href={`/support/requests/${request.id}/configuration`}
            className="font-medium text-indigo-700 underline"
          >
            Router configuration
          </Link>
        </p>
      ) : null}
      {request.status === "PENDING_APPROVAL" ? (
        <Card title="Decision">
          <div className="grid gap-6 sm:grid-cols-2">
            <div className="space-y-2">
              <p className="text-sm text-slate-600">
                Approving starts provisioning in {request.region} for {request.organization.name} (
                {request.organization.plan.toLowerCase()}
                {request.organization.plan === "TEAM"
                  ? request.organization.vpnAddOn
                    ? " with VPN add-on"
                    : ", no VPN add-on"
                  : ""}
                ).
              </p>
              <RequestActionButton
                action={approveVpnRequestAction}
                requestId={request.id}
                label="Approve"
                pendingLabel="Approving…"
                confirm={`Approve this request? Provisioning starts at once in ${request.region} and creates paid AWS resources.`}
              />
            </div>
            <RejectForm action={rejectVpnRequestAction} requestId={request.id} />
          </div>
        </Card>
      ) : null}
      {progress ? (
        <WorkflowProgress requestId={request.id} initial={progress} pageStatus={request.status} />
      ) : null}
      {request.status === "FAILED" ? (
        <RequestActionButton
          action={retryWorkflowAction}
          requestId={request.id}
          label="Retry from failed step"
          pendingLabel="Retrying…"
        />
      ) : null}
      {["AWAITING_CUSTOMER", "ACTIVE", "DEGRADED", "DOWN", "FAILED"].includes(request.status) ? (
        <RequestActionButton
          action={decommissionVpnAction}
          requestId={request.id}
          label="Decommission"
          pendingLabel="Starting decommissioning…"
          variant="danger"
          confirm="Decommission this VPN? Everything the portal created in AWS for it is deleted."
        />
      ) : null}
      <TunnelStatePanel requestId={request.id} />
      <RequestHistory events={history} />
    </div>
  );
}
