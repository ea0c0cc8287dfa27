// The one rule of changes made tunnel by tunnel (key rotation, tunnel options): the portal never
// takes the last tunnel that is up down by its own doing (DESIGN §9). Pure: used when a rotation is
// asked for (the tunnels as the poller last saw them) and by the tunnel-options change before it
// touches tunnel 2 (the tunnels as AWS reports them now), which waits while it refuses.

export type TunnelNow = { number: number; status: string };

/**
 * Why changing `target` now could leave no tunnel up — the other tunnel is down while the target
 * may still carry traffic — or null when it is safe, or the customer chose to go on anyway.
 */
export function lastTunnelRefusal(
  target: TunnelNow,
  other: TunnelNow | undefined,
  options: { goOn: boolean },
): string | null {
  if (options.goOn || !other || other.status !== "DOWN") return null;
  // A target already down carries nothing: changing it takes nothing down.
  if (target.status === "DOWN") return null;
  return `Tunnel ${other.number} is down: changing tunnel ${target.number} now would leave no tunnel up while it renegotiates.`;
}
