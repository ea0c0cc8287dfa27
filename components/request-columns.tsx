// The columns every list of requests starts with: the request's name linking to the viewer's page
// of it, and (staff) its organization. No directive: server pages and the client tables of the
// paged staff lists (`request-queue-list.tsx`, `connections-list.tsx`) use them alike.
import type { ReactNode } from "react";
import { type Column, LinkCell } from "@/components/ui/data-table";
import { requestHref, type Viewer } from "@/lib/auth/viewer";

/** The request's name, linking to the viewer's page of it, with `detail` (gateway IP, VPN ID) under it. */
export function requestColumn<R extends { id: string; customerName: string }>(
  viewer: Pick<Viewer, "role">,
  header: string,
  detail: (row: R) => ReactNode,
): Column<R> {
  return {
    header,
    sortKey: "name",
    cell: (row) => (
      <LinkCell href={requestHref(viewer, row.id)} label={row.customerName} detail={detail(row)} />
    ),
  };
}

/** Who a staff list is for: its links go to staff's pages of each request. */
const STAFF = { role: "SUPPORT" } as const;

/** A staff list's first two columns: the request (with `detail` under its name) and its organization. */
export function staffRequestColumns<
  R extends { id: string; customerName: string; organization: { name: string } },
>(header: string, detail: (row: R) => ReactNode): Column<R>[] {
  return [
    requestColumn(STAFF, header, detail),
    { header: "Organization", sortKey: "organization", cell: (row) => row.organization.name },
  ];
}
