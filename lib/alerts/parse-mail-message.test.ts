import { describe, expect, it } from "vitest";
import { decodeEncodedWords, parseMessage } from "./parse-mail-message";

describe("parseMessage", () => {
  it("unfolds headers and decodes quoted-printable bodies and encoded words", () => {
    const raw = [
      "From: Alerts <a@example.test>",
      "To: ops@example.test,",
      " noc@example.test",
      "Subject: =?UTF-8?Q?[VPN]_Dublin_=E2=80=94_down?=",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      "Tunnel 1 is down =E2=80=94 check the PSK.=",
      "",
    ].join("\r\n");
    const message = parseMessage(raw);
    expect(message.headers.to).toBe("ops@example.test, noc@example.test");
    expect(message.headers.subject).toBe("[VPN] Dublin — down");
    expect(message.text).toBe("Tunnel 1 is down — check the PSK.");
  });

  it("decodes base64 bodies and B-encoded words", () => {
    expect(
      parseMessage(`Content-Transfer-Encoding: base64\r\n\r\n${Buffer.from("héllo").toString("base64")}\r\n`)
        .text,
    ).toBe("héllo");
    expect(decodeEncodedWords(`=?utf-8?B?${Buffer.from("é").toString("base64")}?=`)).toBe("é");
  });
});
