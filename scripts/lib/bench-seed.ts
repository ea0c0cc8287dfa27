// Bulk data for `npm run bench`: organizations, requests, tunnels and a week of tunnel events,
// written with set-based SQL (generate_series) so that 10 000 requests take seconds, not minutes.
// Runs after the demo seed, so the demo customer's organization gets its share of requests.
import pg from "pg";

export type BenchSize = {
  organizations: number;
  requests: number;
  /** Share of requests still PENDING_APPROVAL (the rest are provisioned with two tunnels). */
  pendingShare: number;
  /** Tunnel events in the last 7 days, over all tunnels. */
  events: number;
};

export type SeededIds = {
  /** A provisioned request of the demo customer's organization, with a week of events. */
  customerRequestId: string;
  /** A pending request of another organization (staff request page). */
  staffRequestId: string;
  /** Search terms that match one request each (name, gateway IP, request ID, VPN connection ID). */
  searchName: string;
  searchOrganization: string;
};

export async function seedBenchData(url: string, size: BenchSize, demoOrgId: string): Promise<SeededIds> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const submitter = await client.query<{ id: string }>(
      `select id from "User" where "organizationId" = $1 limit 1`,
      [demoOrgId],
    );
    const submittedById = submitter.rows[0]?.id;
    if (!submittedById) throw new Error("the demo seed must run first");
    // Organizations: the demo ones plus enough to reach the size (names sort in a stable order).
    await client.query(
      `insert into "Organization" (id, name, plan, "vpnAddOn", "updatedAt")
       select gen_random_uuid(), 'Bench Org ' || lpad(n::text, 5, '0'),
              (case when n % 3 = 0 then 'TEAM' else 'ENTERPRISE' end)::"Plan", n % 3 = 0, now()
       from generate_series(1, greatest($1::int - (select count(*) from "Organization")::int, 0)) n`,
      [size.organizations],
    );
    // Requests, spread round-robin over the organizations.
    // Status by a hash of the row number (per mille), so it does not alias with the organization.
    const pendingPerMille = Math.round(size.pendingShare * 1000);
    await client.query(
      `with orgs as (select id, row_number() over (order by name) - 1 as i, count(*) over () as n from "Organization")
       insert into "VpnRequest" (id, "organizationId", "customerName", location, region, "recommendedRegion",
         "estimatedRttMs", "customerGatewayIp", routing, "subnetRanges", "bgpAsn", "advertisedNetworks",
         "ikeVersion", "tunnelCount", status, "statusChangedAt", "submittedById", "submittedAt",
         "approvedAt", "platformVpcCidr", "platformAsn", "vpnConnectionId", "lastPolledAt", "updatedAt")
       select gen_random_uuid(), o.id, 'Site ' || lpad(r::text, 6, '0') || ' ' || (array['Dublin','Chicago','Sydney','Oregon','Frankfurt'])[1 + r % 5],
         'ie-dub', (array['eu-west-1','us-west-2','ap-southeast-2'])[1 + r % 3], 'eu-west-1', 10,
         (array['198.51.100.','203.0.113.','192.0.2.'])[1 + r % 3] || (1 + r % 250)::text,
         (case when r % 2 = 0 then 'STATIC' else 'BGP' end)::"Routing",
         case when r % 2 = 0 then array['10.' || (r % 250)::text || '.0.0/16'] else array[]::text[] end,
         case when r % 2 = 0 then null else 65000 + r % 500 end, array[]::text[],
         'IKEV2'::"IkeVersion", 2,
         (case when h.b < $2::int then 'PENDING_APPROVAL'
               when h.b < $2::int + 20 then 'DOWN' when h.b < $2::int + 70 then 'DEGRADED'
               when h.b < $2::int + 110 then 'AWAITING_CUSTOMER' else 'ACTIVE' end)::"VpnStatus",
         now() - (r % 1000) * interval '1 hour', $3::uuid,
         now() - interval '180 days' + r * (interval '180 days' / $1::int),
         case when h.b < $2::int then null else now() - interval '30 days' end,
         case when h.b < $2::int then null else '10.' || (100 + r % 100)::text || '.0.0/16' end,
         case when h.b < $2::int then null else 64512 end,
         case when h.b < $2::int then null else 'vpn-' || substr(md5(r::text), 1, 17) end,
         case when h.b < $2::int then null else now() end,
         now()
       from generate_series(1, $1::int) r
       cross join lateral (select abs(hashtext(r::text)) % 1000 as b) h
       join orgs o on o.i = r % o.n`,
      [size.requests, pendingPerMille, submittedById],
    );
    await client.query(
      `insert into "Tunnel" (id, "requestId", number, "outsideIp", "insideCidr", "pskEncrypted", status,
         "statusMessage", "statusSince", "acceptedRouteCount", "updatedAt")
       select gen_random_uuid(), v.id, t, '52.' || (row_number() over ()) % 250 || '.' || t || '.' || (t * 7) % 250,
         '169.254.' || (10 + t)::text || '.0/30', 'bench-not-a-real-key',
         (case when v.status = 'DOWN' or (v.status = 'DEGRADED' and t = 2) or v.status = 'AWAITING_CUSTOMER' then 'DOWN' else 'UP' end)::"TunnelStatus",
         case when v.status = 'DOWN' or (v.status = 'DEGRADED' and t = 2) or v.status = 'AWAITING_CUSTOMER' then 'IPSEC IS DOWN' else null end,
         now() - interval '2 hours', 0, now()
       from "VpnRequest" v cross join generate_series(1, 2) t
       where v."vpnConnectionId" is not null`,
    );
    // A week of changes: per tunnel, one event before the window (its state at the window's start)
    // and alternating UP/DOWN events spread over the 7 days. All already alerted.
    const tunnels = Number((await client.query(`select count(*) from "Tunnel"`)).rows[0].count);
    const perTunnel = Math.max(1, Math.round(size.events / Math.max(tunnels, 1)));
    await client.query(
      `insert into "TunnelEvent" (id, "tunnelId", "requestId", status, "statusMessage", "acceptedRouteCount",
         "occurredAt", "alertedAt")
       select gen_random_uuid(), t.id, t."requestId",
         (case when e % 2 = 0 then 'UP' else 'DOWN' end)::"TunnelStatus",
         case when e % 2 = 0 then null else 'IPSEC IS DOWN' end, 0, at, at
       from "Tunnel" t cross join generate_series(0, $1::int) e
       cross join lateral (select case when e = 0 then now() - interval '8 days'
         else now() - interval '7 days' + e * (interval '7 days' / ($1::int + 1)) + (random() * interval '30 minutes') end as at) x`,
      [perTunnel],
    );
    // As a database in service is: vacuumed (index-only scans need the visibility map) and analyzed.
    await client.query("vacuum analyze");
    const customer = await client.query<{ id: string }>(
      `select id from "VpnRequest" where "organizationId" = $1 and status = 'ACTIVE' order by "submittedAt" limit 1`,
      [demoOrgId],
    );
    const staff = await client.query<{ id: string; customerName: string; name: string }>(
      `select v.id, v."customerName", o.name from "VpnRequest" v join "Organization" o on o.id = v."organizationId"
       where v.status = 'PENDING_APPROVAL' and v."organizationId" <> $1 order by v."submittedAt" limit 1`,
      [demoOrgId],
    );
    const customerRequestId = customer.rows[0]?.id;
    const staffRow = staff.rows[0];
    if (!customerRequestId || !staffRow) throw new Error("the size is too small for the benchmark's pages");
    return {
      customerRequestId,
      staffRequestId: staffRow.id,
      searchName: staffRow.customerName,
      searchOrganization: staffRow.name,
    };
  } finally {
    await client.end();
  }
}

export async function countRows(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    for (const table of ["Organization", "VpnRequest", "Tunnel", "TunnelEvent"]) {
      counts[table] = Number((await client.query(`select count(*) from "${table}"`)).rows[0].count);
    }
    return counts;
  } finally {
    await client.end();
  }
}
