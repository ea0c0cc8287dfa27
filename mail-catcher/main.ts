// The local mail catcher's entry point (npm start and the e2e server start it):
//   tsx mail-catcher/main.ts --smtp-port 2525 --http-port 2580
// Alert email sent to SMTP_URL=smtp://127.0.0.1:2525 shows at http://127.0.0.1:2580/.
import { parseArgs } from "node:util";
import { startMailCatcher } from "./server";

const { values } = parseArgs({
  options: {
    host: { type: "string", default: "127.0.0.1" },
    "smtp-port": { type: "string", default: process.env.MAIL_CATCHER_SMTP_PORT ?? "2525" },
    "http-port": { type: "string", default: process.env.MAIL_CATCHER_HTTP_PORT ?? "2580" },
  },
});

const catcher = await startMailCatcher({
  host: values.host,
  smtpPort: Number(values["smtp-port"]),
  httpPort: Number(values["http-port"]),
  log: (line) => console.log(`[mail-catcher] ${line}`),
});
console.log(
  `Mail catcher listening: smtp://${values.host}:${catcher.smtpPort}, messages at ${catcher.httpUrl}/`,
);
const stop = async () => {
  await catcher.close();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
