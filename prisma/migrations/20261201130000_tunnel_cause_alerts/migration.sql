-- A tunnel down for a cause its tunnel log gives (pre-shared key mismatch, no proposal match…) is
-- alerted once per cause, also when it was never up (issue 13).
ALTER TABLE "Tunnel" ADD COLUMN "causeAlerted" TEXT,
ADD COLUMN "causeCheckedAt" TIMESTAMP(3);

-- The cause-alert pass looks only at DOWN tunnels with log events stored since it last looked.
CREATE INDEX "TunnelLogEvent_tunnelId_createdAt_idx" ON "TunnelLogEvent"("tunnelId", "createdAt");
