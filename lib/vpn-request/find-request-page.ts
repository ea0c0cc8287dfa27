import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { readRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/ids";
import {
  type ProgressSource,
  workflowProgressOf,
  workflowStepsSql,
} from "@/lib/provisioning/find-workflow-progress";
import {
  type HistoryJson,
  type RequestDetailRow,
  requestDetailOf,
  requestDetailSql,
  requestHistoryOf,
  requestHistorySql,
} from "@/lib/vpn-request/find-vpn-requests";

type PageRow = RequestDetailRow & { history: HistoryJson[]; steps: ProgressSource["steps"] };

/**
 * What the request page reads of the request itself, in one plain statement (decision 027): the
 * request with its organization and tunnels (`findVpnRequest`), its audit trail as the viewer may
 * read it (`findRequestHistory`) and its workflow's progress (`findWorkflowProgress`). Null when
 * the request does not exist or is not the viewer's.
 */
export async function findRequestPage(id: string, viewer: Viewer) {
  if (!isUuid(id)) return null;
  const [row] = await readRows<PageRow>(
    requestDetailSql(
      id,
      viewer.scope,
      Prisma.sql`, ${requestHistorySql(Prisma.sql`r.id::text`)} as history,
        ${workflowStepsSql(Prisma.sql`r.id`)} as steps`,
    ),
  );
  if (!row) return null;
  const { history, steps, ...detail } = row;
  const request = requestDetailOf(detail, viewer.scope);
  return {
    request,
    history: requestHistoryOf(history, { customer: viewer.role === "CUSTOMER" }),
    // The progress view reads the stored failure time and wait reason, not the presented failure.
    progress: workflowProgressOf({ ...detail, steps }, viewer),
  };
}
