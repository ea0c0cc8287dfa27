// The EC2 emulator of `npm run bench`'s worker-side phases: a process of its own, as in every
// deployment (so its XML work does not share the measured process's thread), with the app's env
// module in this process pointed at it (nothing of lib/ has read the environment here before).
import { freePort } from "../../test/support/test-database";
import { childEnv, startService } from "./run";

export type BenchEmulator = {
  url: string;
  admin(route: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
};

export async function startBenchEmulator(databaseUrl: string, authSecret: string): Promise<BenchEmulator> {
  const port = await freePort();
  const service = await startService(
    "emulator",
    "node",
    ["--import", "tsx", "emulator/main.ts", "--port", String(port), "--host", "127.0.0.1", "--memory"],
    childEnv(),
    /EC2 emulator listening/,
    { echo: false },
  );
  const url = `http://127.0.0.1:${port}`;
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: authSecret,
    SECRET_KEYS: `bench:${Buffer.alloc(32, 7).toString("base64")}`,
    AWS_ENDPOINT_URL_EC2: url,
    REQUIRE_LOCAL_AWS_ENDPOINT: "true",
  });
  return {
    url,
    close: () => service.stop(),
    async admin(route, body) {
      const answer = await fetch(`${url}/_emulator/${route}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!answer.ok) throw new Error(`emulator ${route}: ${answer.status} ${await answer.text()}`);
      return answer.json() as Promise<unknown>;
    },
  };
}
