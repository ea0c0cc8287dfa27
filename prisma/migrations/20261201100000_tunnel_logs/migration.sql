-- Tunnel logs (issue 13, decision 023): recent tunnel-log events per tunnel and the read cursor.
CREATE TABLE "TunnelLogEvent" (
    "id" UUID NOT NULL,
    "tunnelId" UUID NOT NULL,
    "eventId" TEXT NOT NULL,
    "logStream" TEXT NOT NULL,
    "timestamp" TIMESTAMP(3) NOT NULL,
    "message" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TunnelLogEvent_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "TunnelLogCursor" (
    "scope" TEXT NOT NULL,
    "readTo" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TunnelLogCursor_pkey" PRIMARY KEY ("scope")
);

CREATE UNIQUE INDEX "TunnelLogEvent_tunnelId_eventId_key" ON "TunnelLogEvent"("tunnelId", "eventId");

-- The card and the alert: a tunnel's newest events.
CREATE INDEX "TunnelLogEvent_tunnelId_timestamp_idx" ON "TunnelLogEvent"("tunnelId", "timestamp");

ALTER TABLE "TunnelLogEvent" ADD CONSTRAINT "TunnelLogEvent_tunnelId_fkey" FOREIGN KEY ("tunnelId") REFERENCES "Tunnel"("id") ON DELETE CASCADE ON UPDATE CASCADE;
