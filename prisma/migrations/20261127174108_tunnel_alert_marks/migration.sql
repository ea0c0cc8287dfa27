-- AlterTable
ALTER TABLE "TunnelEvent" ADD COLUMN     "alertedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "VpnRequest" ADD COLUMN     "redundancyAlerted" BOOLEAN;

-- CreateIndex
CREATE INDEX "TunnelEvent_alertedAt_idx" ON "TunnelEvent"("alertedAt");
