// Whether the tunnel lab can run on this machine. One check for lab/main.ts, the lab's tests and
// scripts/test.ts, so `npm test` never counts a lab that would skip itself as passed. No imports
// beyond node: scripts/test.ts loads it before anything else.
import { existsSync } from "node:fs";

export const LAB_REQUIRED_FILES = [
  "/usr/sbin/charon-systemd",
  "/usr/sbin/swanctl",
  "/usr/lib/frr/zebra",
  "/usr/lib/frr/bgpd",
  "/usr/bin/vtysh",
  "/usr/lib/ipsec/plugins/libstrongswan-kernel-libipsec.so",
] as const;

/** Why the lab cannot run here, or null when it can (root on Linux, strongSwan and FRR installed). */
export function labUnavailableReason(): string | null {
  if (process.platform !== "linux") return `needs Linux (this is ${process.platform})`;
  if (typeof process.getuid === "function" && process.getuid() !== 0)
    return "needs root (network namespaces)";
  const missing = LAB_REQUIRED_FILES.filter((p) => !existsSync(p));
  if (missing.length > 0) return `missing ${missing.join(", ")} (run lab/install-deps.sh)`;
  return null;
}
