// The address a sign-in came from, for per-address throttling. `next start` sets X-Forwarded-For
// to the socket's address when the request has none; a load balancer in front appends the client
// it saw, so the right-most entry is the one a trusted hop wrote (the left ones are the client's
// own claims). Pure.
export function clientAddress(headers: Pick<Headers, "get">): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  if (last) return last.slice(0, 64);
  return headers.get("x-real-ip")?.trim().slice(0, 64) || "unknown";
}
