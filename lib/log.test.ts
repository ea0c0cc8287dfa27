import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, currentCorrelationId, getLogger, initLogger, withLogContext } from "./log";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

describe("logger", () => {
  it("writes JSON lines with the service, level, ISO time and message", () => {
    const { lines, stream } = capture();
    createLogger({ level: "info", service: "worker" }, stream).info({ requestId: "r1" }, "step done");
    expect(lines[0]).toMatchObject({ service: "worker", level: 30, requestId: "r1", msg: "step done" });
    expect(String(lines[0]?.time)).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("never writes a PSK, password or secret, at the top level or one level down", () => {
    const { lines, stream } = capture();
    const logger = createLogger({ level: "info", service: "web" }, stream);
    logger.info({ psk: "s3cret-psk", input: { password: "hunter2", secret: "x" } }, "submitted");
    const text = JSON.stringify(lines);
    expect(text).not.toMatch(/s3cret-psk|hunter2|"x"/);
    expect(lines[0]).toMatchObject({ psk: "[redacted]", input: { password: "[redacted]" } });
  });

  it("keeps lines below the level out", () => {
    const { lines, stream } = capture();
    const logger = createLogger({ level: "warn", service: "web" }, stream);
    logger.info("chatty");
    logger.warn("kept");
    expect(lines.map((line) => line.msg)).toEqual(["kept"]);
  });
});

describe("log context", () => {
  it("puts the correlation ID on every line of the work, nested and across awaits, once", async () => {
    const { lines, stream } = capture();
    initLogger("worker", { level: "info", destination: stream });
    getLogger().info("outside");
    await withLogContext({ correlationId: "c-1", job: "vpn-workflow" }, async () => {
      getLogger().info("first");
      await new Promise((resolve) => setTimeout(resolve, 1));
      await withLogContext({ requestId: "r-1" }, async () => {
        expect(currentCorrelationId()).toBe("c-1");
        getLogger().info("deep");
      });
    });
    expect(lines.map((line) => [line.msg, line.correlationId])).toEqual([
      ["outside", undefined],
      ["first", "c-1"],
      ["deep", "c-1"],
    ]);
    expect(lines[2]).toMatchObject({ job: "vpn-workflow", requestId: "r-1" });
    expect(currentCorrelationId()).toBeUndefined();
  });

  it("makes a correlation ID for work that has none", () => {
    const { lines, stream } = capture();
    initLogger("worker", { level: "info", destination: stream });
    withLogContext({ task: "sweep" }, () => getLogger().info("swept"));
    expect(String(lines[0]?.correlationId)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
