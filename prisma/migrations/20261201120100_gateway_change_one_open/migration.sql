-- One open change at a time per VPN (decision 022), a change waiting for approval included. In a
-- migration of its own: PostgreSQL refuses a new enum value in the transaction that added it.
DROP INDEX "VpnChange_one_active_per_request";
CREATE UNIQUE INDEX "VpnChange_one_active_per_request" ON "VpnChange"("requestId") WHERE "status" IN ('AWAITING_APPROVAL', 'PENDING', 'RUNNING');
