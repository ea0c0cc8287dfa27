-- The counts per status of the staff lists (issue 11) read every request on each view of the queue:
-- the smallest index that holds the status made PostgreSQL use the three-column account index
-- (1.9 ms at 10 000 requests). An index of the status alone, deduplicated by B-tree, is read in
-- order by the group-by (1.1 ms), and serves the connections' provisioned counts too.
CREATE INDEX "VpnRequest_status_idx" ON "VpnRequest"("status");
