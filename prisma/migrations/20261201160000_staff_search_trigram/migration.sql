-- The search of the staff lists (issue 11): "part of the name" is ILIKE with wildcards on both sides, which no B-tree index
-- serves, so every search counted and read all requests (22 ms per search at 10 000 requests).
-- Trigram GIN indexes serve it for the name of the request and of its organization (the
-- organization lookup). pg_trgm ships with PostgreSQL (contrib), embedded and on RDS alike.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "VpnRequest_customerName_trgm_idx" ON "VpnRequest" USING GIN ("customerName" gin_trgm_ops);
CREATE INDEX "Organization_name_trgm_idx" ON "Organization" USING GIN ("name" gin_trgm_ops);

-- The same search matches the start of the gateway IP or of the VPN connection ID (LIKE with a trailing wildcard):
-- with the collation of the database a B-tree does not serve LIKE, and one seq-scanned branch of the OR
-- makes the whole search a seq scan, and trigram indexes serve both, so the OR is a BitmapOr.
CREATE INDEX "VpnRequest_customerGatewayIp_trgm_idx" ON "VpnRequest" USING GIN ("customerGatewayIp" gin_trgm_ops);
CREATE INDEX "VpnRequest_vpnConnectionId_trgm_idx" ON "VpnRequest" USING GIN ("vpnConnectionId" gin_trgm_ops);
