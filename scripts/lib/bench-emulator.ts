// The EC2 emulator of `npm run bench`'s worker-side phases, in this process, with the app's env
// module pointed at it (nothing of lib/ has read the environment in this process before).
import { startEmulator } from "../../emulator/server";

export type BenchEmulator = {
  url: string;
  admin(route: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
};

export async function startBenchEmulator(databaseUrl: string, authSecret: string): Promise<BenchEmulator> {
  const emulator = await startEmulator({ port: 0, host: "127.0.0.1" });
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: authSecret,
    SECRET_KEYS: `bench:${Buffer.alloc(32, 7).toString("base64")}`,
    AWS_ENDPOINT_URL_EC2: emulator.url,
    REQUIRE_LOCAL_AWS_ENDPOINT: "true",
  });
  return {
    url: emulator.url,
    close: () => emulator.close(),
    async admin(route, body) {
      const answer = await fetch(`${emulator.url}/_emulator/${route}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!answer.ok) throw new Error(`emulator ${route}: ${answer.status} ${await answer.text()}`);
      return answer.json() as Promise<unknown>;
    },
  };
}
