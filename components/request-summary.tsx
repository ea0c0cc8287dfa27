import { StatusBadge } from "@/components/status-badge";
import { Card, Notice } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { resolveLocation } from "@/lib/regions/recommend-region";
import { approvalPolicyLabel } from "@/lib/vpn-request/approval-policy";
import type { VpnRequestDetail } from "@/lib/vpn-request/find-vpn-requests";
import { STATUS_LABELS } from "@/lib/vpn-request/lifecycle";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Everything the customer asked for, and where the request stands (shared by customer and staff pages). */
export function RequestSummary({ request }: { request: VpnRequestDetail }) {
  const status = STATUS_LABELS[request.status];
  return (
    <div className="space-y-6">
      <section className="flex flex-wrap items-center gap-3" aria-label="Status">
        <StatusBadge status={request.status} />
        <span className="text-sm text-slate-600">
          {`${status.description} Since ${formatDateTime(request.statusChangedAt)}.`}
        </span>
      </section>
      {request.status === "REJECTED" && request.rejectionReason ? (
        <Notice tone="danger" title="Reason given by support">
          <p className="whitespace-pre-wrap">{request.rejectionReason}</p>
        </Notice>
      ) : null}
      {request.status === "FAILED" && request.failureMessage ? (
        <Notice tone="danger" title={`Failed at step: ${request.failedStep ?? "unknown"}`}>
          <p>{request.failureMessage}</p>
        </Notice>
      ) : null}
      <Card title="Request">
        <dl className="summary-list divide-y divide-slate-100">
          <Row label="Customer name">{request.customerName}</Row>
          <Row label="Organization">
            {`${request.organization.name} `}
            <span className="font-mono text-xs text-slate-500">{`(${request.organizationId})`}</span>
          </Row>
          <Row label="Region">
            {request.region}
            {request.region !== request.recommendedRegion ? (
              <span className="text-slate-600">{` (recommended was ${request.recommendedRegion})`}</span>
            ) : (
              <span className="text-slate-600"> (recommended)</span>
            )}
            <span className="text-slate-600">
              {` · estimated round trip ${request.estimatedRttMs} ms from ${resolveLocation(request.location)?.label ?? request.location}`}
            </span>
          </Row>
          <Row label="Customer gateway">
            <span className="font-mono">{request.customerGatewayIp}</span>
          </Row>
          <Row label="Routing">
            {request.routing === "BGP" ? `BGP, customer ASN ${request.bgpAsn}` : "Static"}
          </Row>
          {request.routing === "STATIC" ? (
            <Row label="Subnet ranges">
              <ul className="font-mono">
                {request.subnetRanges.map((cidr) => (
                  <li key={cidr}>{cidr}</li>
                ))}
              </ul>
            </Row>
          ) : (
            <Row label="Advertised networks">
              {request.advertisedNetworks.length ? (
                <ul className="font-mono">
                  {request.advertisedNetworks.map((cidr) => (
                    <li key={cidr}>{cidr}</li>
                  ))}
                </ul>
              ) : (
                <span className="text-slate-500">None declared</span>
              )}
            </Row>
          )}
          <Row label="IKE version">{request.ikeVersion === "IKEV2" ? "IKEv2" : "IKEv1"}</Row>
          <Row label="Tunnels">
            {request.tunnelCount}
            {request.tunnelCount === 1 ? (
              <span className="text-amber-800"> — no failover: a tunnel failure is an outage</span>
            ) : null}
          </Row>
          <Row label="Submitted">{formatDateTime(request.submittedAt)}</Row>
        </dl>
      </Card>
    </div>
  );
}

export type HistoryEvent = {
  id: string;
  action: string;
  actorEmail: string | null;
  createdAt: Date;
  details?: unknown;
};

const ACTION_LABELS: Record<string, string> = {
  "vpn-request.submitted": "Submitted",
  "vpn-request.approved": "Approved",
  "vpn-request.rejected": "Rejected",
  "vpn-request.cancelled": "Cancelled",
  "router-config.downloaded": "Router configuration downloaded",
  "router-config.viewed": "Router configuration viewed",
  "vpn-request.provisioning-started": "Provisioning started",
  "vpn-request.provisioned": "Provisioned: AWS side ready",
  "vpn-request.provisioning-failed": "Provisioning failed",
  "vpn-request.retried": "Retry requested",
  "vpn-request.decommission-requested": "Decommissioning requested",
  "vpn-request.decommissioned": "Decommissioned",
  "vpn-request.decommissioning-failed": "Decommissioning failed",
  "vpn-request.secrets-wiped": "Pre-shared keys erased",
};

/** "policy (…)" when the auto-approval policy acted (DESIGN §11), else who did it. */
function actorLabel(event: HistoryEvent): string {
  const details = event.details as { byPolicy?: unknown } | null | undefined;
  if (details && typeof details.byPolicy === "string")
    return `policy (${approvalPolicyLabel(details.byPolicy)})`;
  return event.actorEmail ?? "system";
}

export function RequestHistory({ events }: { events: HistoryEvent[] }) {
  return (
    <Card title="History">
      {events.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing has happened to this request yet.</p>
      ) : (
        <ol className="space-y-3" aria-label="Audit trail">
          {events.map((event) => (
            <li key={event.id} className="flex flex-wrap gap-x-3 text-sm">
              <time className="text-slate-500" dateTime={event.createdAt.toISOString()}>
                {formatDateTime(event.createdAt)}
              </time>
              <span className="font-medium">{ACTION_LABELS[event.action] ?? event.action}</span>
              <span className="text-slate-600">{`by ${actorLabel(event)}`}</span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
