import { STATUS_LABELS, type VpnStatus } from "@/lib/vpn-request/lifecycle";

const toneClass = {
  neutral: "bg-slate-100 text-slate-800 ring-slate-300",
  info: "bg-sky-100 text-sky-900 ring-sky-300",
  success: "bg-emerald-100 text-emerald-900 ring-emerald-300",
  warning: "bg-amber-100 text-amber-900 ring-amber-300",
  danger: "bg-rose-100 text-rose-900 ring-rose-300",
};

/** Status pill; the machine name is kept in data-status for tests and support. */
export function StatusBadge({ status }: { status: VpnStatus }) {
  const { label, description, tone } = STATUS_LABELS[status];
  return (
    <span data-status={status} title={description} className={`pill ${toneClass[tone]}`}>
      {label}
    </span>
  );
}
