-- Indexes for the list queries of issue 11 (decision 018). Each names the query it serves.

-- findRequestQueue, default order: the non-pending segment, oldest first (the pending segment
-- uses "VpnRequest_status_submittedAt_idx"), and the "Submitted" sort.
CREATE INDEX "VpnRequest_submittedAt_idx" ON "VpnRequest"("submittedAt");

-- findOrganizationRequests: a customer's dashboard, their organization's requests newest first.
CREATE INDEX "VpnRequest_organizationId_submittedAt_idx" ON "VpnRequest"("organizationId", "submittedAt");

-- findConnectionsOverview, default order: one slice per status (worst first), longest in it first.
CREATE INDEX "VpnRequest_status_statusChangedAt_idx" ON "VpnRequest"("status", "statusChangedAt");

-- findRequestQueue / findConnectionsOverview: the "Request" / "Connection" (name) sort.
CREATE INDEX "VpnRequest_customerName_idx" ON "VpnRequest"("customerName");

-- The staff lists' search by gateway IP (and exact IP lookups).
CREATE INDEX "VpnRequest_customerGatewayIp_idx" ON "VpnRequest"("customerGatewayIp");

-- The staff lists' search by VPN connection ID (and lookups by it).
CREATE INDEX "VpnRequest_vpnConnectionId_idx" ON "VpnRequest"("vpnConnectionId");

-- The "Organization" sort of both staff lists, and the organization filter's name match.
CREATE INDEX "Organization_name_idx" ON "Organization"("name");

-- findAlertDeliveries for staff: every organization's deliveries, newest first.
CREATE INDEX "AlertDelivery_createdAt_idx" ON "AlertDelivery"("createdAt");
