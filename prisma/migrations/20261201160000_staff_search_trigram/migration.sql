-- The staff lists' search (issue 11): "part of the name" is ILIKE '%text%', which no B-tree index
-- serves, so every search counted and read all requests (22 ms per search at 10 000 requests).
-- Trigram GIN indexes serve it for the request's name and the organization's name (the search's
-- organization lookup). pg_trgm ships with PostgreSQL (contrib), embedded and on RDS alike.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "VpnRequest_customerName_trgm_idx" ON "VpnRequest" USING GIN ("customerName" gin_trgm_ops);
CREATE INDEX "Organization_name_trgm_idx" ON "Organization" USING GIN ("name" gin_trgm_ops);
