import { describe, expect, it } from "vitest";
import { isLocalHost, makeNotificationSettingsSchema } from "./notification-settings-schema";

const production = makeNotificationSettingsSchema({ allowLocalWebhooks: false });
const errorsOf = (values: Record<string, string>) => {
  const parsed = production.safeParse(values);
  return parsed.success
    ? {}
    : Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message]));
};

describe("notification settings schema", () => {
  it("splits addresses on lines, commas and spaces, lower-cases and de-duplicates them", () => {
    expect(
      production.parse({
        notificationEmails: "Ops@Example.com\nnoc@example.com, ops@example.com",
        webhookUrl: "",
        webhookSecret: "",
      }),
    ).toEqual({
      notificationEmails: ["ops@example.com", "noc@example.com"],
      webhookUrl: null,
      webhookSecret: null,
    });
  });

  it("names the address that is wrong", () => {
    expect(errorsOf({ notificationEmails: "ops@example.com\nnot-an-address" }).notificationEmails).toContain(
      '"not-an-address"',
    );
  });

  it("wants https and a public host for webhooks, unless local webhooks are allowed", () => {
    expect(errorsOf({ webhookUrl: "http://hooks.example.com/x" }).webhookUrl).toMatch(/https/);
    expect(errorsOf({ webhookUrl: "https://127.0.0.1:8080/x" }).webhookUrl).toMatch(/private or loopback/);
    expect(errorsOf({ webhookUrl: "https://user:pw@hooks.example.com/" }).webhookUrl).toMatch(/credentials/);
    expect(errorsOf({ webhookUrl: "hooks" }).webhookUrl).toMatch(/full URL/);
    const local = makeNotificationSettingsSchema({ allowLocalWebhooks: true });
    expect(local.parse({ webhookUrl: "http://127.0.0.1:8080/hook" }).webhookUrl).toBe(
      "http://127.0.0.1:8080/hook",
    );
  });

  it("wants a long enough secret when one is given", () => {
    expect(errorsOf({ webhookSecret: "short" }).webhookSecret).toMatch(/16 to 200/);
  });

  it("knows the private and loopback hosts", () => {
    for (const host of [
      "localhost",
      "127.0.0.1",
      "10.1.2.3",
      "172.20.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "[::1]",
      "fd00::1",
    ]) {
      expect(isLocalHost(host), host).toBe(true);
    }
    for (const host of ["hooks.example.com", "8.8.8.8", "172.32.0.1"])
      expect(isLocalHost(host), host).toBe(false);
  });
});
