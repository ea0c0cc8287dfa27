// The audit log as CSV (RFC 4180), safe to open in a spreadsheet: cells that would start a formula
// are prefixed with an apostrophe (CSV injection). Pure.
export type AuditCsvRow = {
  createdAt: Date;
  organization: string | null;
  actor: string | null;
  action: string;
  targetType: string;
  targetId: string;
  details: unknown;
};

const HEADER = ["time_utc", "organization", "actor", "action", "target_type", "target_id", "details"];

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function renderAuditCsv(rows: readonly AuditCsvRow[]): string {
  const lines = [HEADER.join(",")];
  for (const row of rows) {
    lines.push(
      [
        row.createdAt.toISOString(),
        row.organization ?? "",
        row.actor ?? "",
        row.action,
        row.targetType,
        row.targetId,
        row.details === null || row.details === undefined ? "" : JSON.stringify(row.details),
      ]
        .map(cell)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
