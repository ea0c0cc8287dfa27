// The one request page, for customers (/requests/[id]) and staff (/support/requests/[id]): what it
// shows and which buttons it offers come from the viewer and the lifecycle's capabilities.
import Link from "next/link";
import { notFound } from "next/navigation";
import {
  applyMaintenanceAction,
  approveVpnChangeAction,
  approveVpnRequestAction,
  cancelVpnRequestAction,
  changeNetworksAction,
  changeRoutesAction,
  changeTunnelOptionsAction,
  decommissionVpnAction,
  rejectVpnChangeAction,
  rejectVpnRequestAction,
  requestGatewayChangeAction,
  retryVpnChangeAction,
  retryWorkflowAction,
  rotateTunnelKeyAction,
} from "@/app/_actions/vpn-request-actions";
import { RejectForm, RequestActionButton } from "@/components/action-form";
import { KeptOutcomes } from "@/components/kept-outcomes";
import { RequestHistory, RequestSummary } from "@/components/request-summary";
import { TunnelStateLive } from "@/components/tunnel-state-live";
import { Card, Notice, PageHeader } from "@/components/ui/card";
import {
  CidrListChangeForm,
  GatewayChangeForm,
  NETWORKS_FORM,
  RefreshWhileActive,
  ROUTES_FORM,
  RotateKeyButton,
  TunnelOptionsForm,
} from "@/components/vpn-change-forms";
import { WorkflowProgress } from "@/components/workflow-progress";
import { requestHref, type Viewer } from "@/lib/auth/viewer";
import { connectionStateOf, showsTunnelState } from "@/lib/tunnels/find-connection-state";
import { describeChange, findVpnChanges, type VpnChangeView } from "@/lib/vpn-change/find-vpn-changes";
import { findRequestPage } from "@/lib/vpn-request/find-request-page";
import type { VpnRequestDetail } from "@/lib/vpn-request/find-vpn-requests";
import { type Capabilities, type Capability, capabilitiesFor } from "@/lib/vpn-request/lifecycle";

/** The one-button actions, in page order, each shown when the viewer's capability allows it. */
const ACTIONS = [
  {
    capability: "cancel",
    action: cancelVpnRequestAction,
    label: "Cancel request",
    pendingLabel: "Cancelling…",
    variant: "secondary",
    confirm: { customer: "Cancel this VPN request? Support will no longer review it.", staff: undefined },
  },
  {
    capability: "retry",
    action: retryWorkflowAction,
    label: "Retry from failed step",
    pendingLabel: "Retrying…",
    variant: "primary",
    confirm: { customer: undefined, staff: undefined },
  },
  {
    capability: "decommission",
    action: decommissionVpnAction,
    label: "Decommission VPN",
    pendingLabel: "Starting decommissioning…",
    variant: "danger",
    confirm: {
      customer:
        "Decommission this VPN? Both tunnels and the platform VPC are deleted; workflows lose access to your network.",
      staff:
        "Decommission this VPN? Everything the portal created in AWS for it is deleted, and the customer's workflows lose access to their network.",
    },
  },
] as const satisfies readonly {
  capability: Capability;
  action: unknown;
  label: string;
  pendingLabel: string;
  variant: "primary" | "secondary" | "danger";
  confirm: { customer: string | undefined; staff: string | undefined };
}[];

export async function RequestDetailPage({
  viewer,
  id,
  submitted = false,
}: {
  viewer: Viewer;
  id: string;
  submitted?: boolean;
}) {
  const page = await findRequestPage(id, viewer);
  if (!page) notFound();
  const { request, history, progress } = page;
  const can = capabilitiesFor(request.status, viewer);
  const staff = viewer.role !== "CUSTOMER";
  const canChange = can.changeRoutes || can.rotateKeys || can.changeTunnelOptions || can.requestGatewayChange;
  const [connection, changes] = await Promise.all([
    can.seeTunnels ? connectionStateOf(request) : null,
    canChange ? findVpnChanges(request.id, viewer.scope) : [],
  ]);
  const { organization } = request;
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        title={request.customerName}
        description={
          <Link href={staff ? "/support" : "/requests"} className="text-indigo-700 underline">
            {staff ? "← Request queue" : "← All your VPNs"}
          </Link>
        }
      />
      <KeptOutcomes />
      {submitted && request.status === "PENDING_APPROVAL" ? (
        <Notice tone="success" title="Request submitted">
          Support will review it; you can follow its status here.
        </Notice>
      ) : null}
      <RequestSummary request={request} />
      {can.downloadConfiguration ? (
        <p>
          <Link
            href={requestHref(viewer, request.id, "/configuration")}
            className="font-medium text-indigo-700 underline"
          >
            Router configuration
          </Link>
        </p>
      ) : null}
      {can.approve || can.reject ? (
        <Card title="Decision">
          <div className="grid gap-6 sm:grid-cols-2">
            <div className="space-y-2">
              <p className="text-sm text-slate-600">
                Approving starts provisioning in {request.region} for {organization.name} (
                {organization.plan.toLowerCase()}
                {organization.plan === "TEAM"
                  ? organization.vpnAddOn
                    ? " with VPN add-on"
                    : ", no VPN add-on"
                  : ""}
                ).
              </p>
              {can.approve ? (
                <RequestActionButton
                  action={approveVpnRequestAction}
                  requestId={request.id}
                  label="Approve"
                  pendingLabel="Approving…"
                  confirm={`Approve this request? Provisioning starts at once in ${request.region} and creates paid AWS resources.`}
                />
              ) : null}
            </div>
            {can.reject ? <RejectForm action={rejectVpnRequestAction} requestId={request.id} /> : null}
          </div>
        </Card>
      ) : null}
      {progress ? (
        <WorkflowProgress requestId={request.id} initial={progress} pageStatus={request.status} />
      ) : null}
      {ACTIONS.filter((button) => can[button.capability]).map((button) => (
        <RequestActionButton
          key={button.capability}
          action={button.action}
          requestId={request.id}
          label={button.label}
          pendingLabel={button.pendingLabel}
          variant={button.variant}
          confirm={staff ? button.confirm.staff : button.confirm.customer}
        />
      ))}
      {canChange ? <ChangeThisVpn request={request} changes={changes} can={can} /> : null}
      {connection && showsTunnelState(connection) ? (
        <TunnelStateLive
          initial={connection}
          pageStatus={request.status}
          maintenanceAction={can.applyMaintenance ? applyMaintenanceAction : undefined}
        />
      ) : null}
      <RequestHistory events={history} />
    </div>
  );
}

const CHANGE_STATUS_LABELS: Readonly<Record<VpnChangeView["status"], string>> = {
  AWAITING_APPROVAL: "Waiting for support's approval",
  REJECTED: "Rejected by support",
  PENDING: "Waiting for a worker",
  RUNNING: "In progress",
  DONE: "Done",
  FAILED: "Failed",
};

/** Support's one-button decisions on a change: approve one awaiting approval, retry the latest failed one. */
const APPROVE_CHANGE = {
  action: approveVpnChangeAction,
  label: "Approve gateway change",
  pendingLabel: "Approving…",
  confirm: "Approve the new customer gateway IP? Both tunnels renegotiate with it at once.",
};
const RETRY_CHANGE = { action: retryVpnChangeAction, label: "Retry change", pendingLabel: "Retrying…" };

function ChangeButton({
  requestId,
  changeId,
  button,
}: {
  requestId: string;
  changeId: string;
  button: typeof APPROVE_CHANGE | typeof RETRY_CHANGE;
}) {
  return (
    <div className="mt-2">
      <RequestActionButton
        requestId={requestId}
        fields={{ changeId }}
        {...button}
        confirm={"confirm" in button ? button.confirm : undefined}
      />
    </div>
  );
}

/** A tunnel-options change between its two tunnels (the change-steps' `tunnel1UpAgain`). */
const waitsForTunnel1 = (change: VpnChangeView) =>
  change.kind === "TUNNEL_OPTIONS" &&
  change.stepsDone.includes("optionsOnTunnel1") &&
  !change.stepsDone.includes("tunnel1UpAgain");

/** Day-2 changes (DESIGN §9, decision 022): the forms the viewer may use and the latest changes. */
function ChangeThisVpn({
  request,
  changes,
  can,
}: {
  request: Pick<
    VpnRequestDetail,
    | "id"
    | "routing"
    | "subnetRanges"
    | "advertisedNetworks"
    | "customerGatewayIp"
    | "ikeVersion"
    | "dpdTimeoutAction"
    | "tunnelCount"
    | "tunnels"
  >;
  changes: readonly VpnChangeView[];
  can: Capabilities;
}) {
  const requestId = request.id;
  // Only the tunnels the request uses (its tunnelCount).
  const tunnels = request.tunnels.filter((tunnel) => tunnel.number <= request.tunnelCount);
  const active = changes.some((change) => change.status === "PENDING" || change.status === "RUNNING");
  const awaitingApproval = changes.some((change) => change.status === "AWAITING_APPROVAL");
  const open = active || awaitingApproval;
  const latestId = changes[0]?.id;
  // What every change form is given besides its action: the request, and whether a change is open.
  const form = { requestId, disabled: open };
  return (
    <section aria-label="Change this VPN" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="border-b border-slate-200 px-5 py-3">
        <h2 className="text-base font-semibold text-slate-900">Change this VPN</h2>
      </header>
      <div className="space-y-6 px-5 py-4">
        <RefreshWhileActive active={active} awaitingApproval={awaitingApproval} />
        {active ? (
          <p className="text-sm text-slate-700">
            A change is under way; the next one can be asked for when it is done (one change at a time).
          </p>
        ) : null}
        {awaitingApproval ? (
          <p className="text-sm text-slate-700">
            A change is waiting for support&apos;s approval; the next one can be asked for once it is decided
            (one change at a time).
          </p>
        ) : null}
        {can.rotateKeys ? (
          <div className="space-y-2">
            <h3 className="text-sm font-semibold text-slate-800">Pre-shared keys</h3>
            <p className="text-sm text-slate-600">
              One tunnel at a time: the tunnel goes down until your router loads the new configuration, and
              keeps its outside IP. Rotate the second tunnel once the first is up again.
            </p>
            <div className="flex flex-wrap gap-4">
              {tunnels.map((tunnel) => (
                <RotateKeyButton
                  key={tunnel.number}
                  {...form}
                  action={rotateTunnelKeyAction}
                  tunnel={tunnel.number === 2 ? 2 : 1}
                  otherTunnelDown={tunnels.some(
                    (other) => other.number !== tunnel.number && other.status === "DOWN",
                  )}
                />
              ))}
            </div>
          </div>
        ) : null}
        {can.changeTunnelOptions ? (
          <TunnelOptionsForm
            {...form}
            action={changeTunnelOptionsAction}
            ikeVersion={request.ikeVersion}
            dpdTimeoutAction={request.dpdTimeoutAction}
            otherTunnelDown={tunnels.some((tunnel) => tunnel.status === "DOWN")}
          />
        ) : null}
        {can.changeRoutes ? (
          <CidrListChangeForm
            {...form}
            kind={request.routing === "BGP" ? NETWORKS_FORM : ROUTES_FORM}
            action={request.routing === "BGP" ? changeNetworksAction : changeRoutesAction}
            cidrs={request.routing === "BGP" ? request.advertisedNetworks : request.subnetRanges}
          />
        ) : null}
        {can.requestGatewayChange ? (
          <GatewayChangeForm
            {...form}
            action={requestGatewayChangeAction}
            customerGatewayIp={request.customerGatewayIp}
          />
        ) : null}
        {changes.length > 0 ? (
          <div>
            <h3 className="text-sm font-semibold text-slate-800">Changes</h3>
            <ul aria-label="Changes" className="mt-2 space-y-1 text-sm">
              {changes.map((change) => (
                <li key={change.id}>
                  <span className="font-medium">{describeChange(change)}</span> —{" "}
                  {CHANGE_STATUS_LABELS[change.status]}
                  {change.status === "RUNNING" && change.stepsDone.length > 0
                    ? ` (done: ${change.stepsDone.join(", ")})`
                    : ""}
                  {change.status === "RUNNING" && waitsForTunnel1(change)
                    ? " — waiting for tunnel 1 to be up again before tunnel 2 is changed"
                    : ""}
                  <span className="text-slate-500"> · asked at {change.requestedAt}</span>
                  {change.error ? <span className="block text-rose-700">{change.error}</span> : null}
                  {change.rejectionReason ? (
                    <span className="block text-rose-700">Reason: {change.rejectionReason}</span>
                  ) : null}
                  {can.approveGatewayChange && change.status === "AWAITING_APPROVAL" ? (
                    <div className="mt-2 grid gap-4 sm:grid-cols-2">
                      <ChangeButton requestId={requestId} changeId={change.id} button={APPROVE_CHANGE} />
                      <RejectForm
                        action={rejectVpnChangeAction}
                        requestId={requestId}
                        fields={{ changeId: change.id }}
                        label="Reject gateway change"
                        hint="Shown to the customer: say why, and what to do instead."
                      />
                    </div>
                  ) : null}
                  {can.retryChange && change.status === "FAILED" && change.id === latestId ? (
                    <ChangeButton requestId={requestId} changeId={change.id} button={RETRY_CHANGE} />
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </section>
  );
}
