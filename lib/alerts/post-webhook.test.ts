// The webhook's deadline is for the whole exchange: a receiver on a real local socket that drips
// its response headers a line at a time, never finishing them, still gets a timeout.

import type { AddressInfo } from "node:net";
import { createServer, type Socket } from "node:net";
import { afterAll, expect, it } from "vitest";
import { postWebhook } from "./post-webhook";

const sockets: Socket[] = [];
let dripped = 0;
let closed = 0;
const dripping = createServer((socket) => {
  sockets.push(socket);
  socket.on("error", () => {});
  socket.write("HTTP/1.1 200 OK\r\n");
  const drip = setInterval(() => {
    dripped++;
    socket.write(`X-Still-Thinking-${dripped}: yes\r\n`);
  }, 20);
  socket.on("close", () => {
    clearInterval(drip);
    closed++;
  });
});
afterAll(() => {
  for (const socket of sockets) socket.destroy();
  dripping.close();
});

it("times out a receiver that keeps the connection busy without ever answering", async () => {
  await new Promise<void>((resolve) => dripping.listen(0, "127.0.0.1", resolve));
  const { port } = dripping.address() as AddressInfo;
  const outcome = await postWebhook(`http://127.0.0.1:${port}/hook`, {
    headers: { "content-type": "application/json" },
    body: "{}",
    timeoutMs: 300,
    allowLocal: true,
  });
  expect(outcome).toMatchObject({ ok: false, errorClass: "timeout" });
  // The receiver was dripping all along (an idle timeout would never have fired) and was cut off.
  expect(dripped).toBeGreaterThan(3);
  await expect.poll(() => closed).toBe(1);
});
