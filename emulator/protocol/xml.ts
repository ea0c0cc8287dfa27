/**
 * The smallest XML writer the EC2 Query protocol needs. Responses are plain trees: an object becomes
 * child elements, an array becomes a list of `<item>` elements (EC2's list shape), and `undefined`
 * is left out so optional members stay absent instead of turning into empty strings.
 */
export type XmlValue = string | number | boolean | Date | null | undefined | XmlObject | XmlValue[];
export type XmlObject = { [name: string]: XmlValue };

export const EC2_XMLNS = "http://ec2.amazonaws.com/doc/2016-11-15/";

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function writeValue(name: string, value: XmlValue, out: string[]): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    out.push(`<${name}>`);
    for (const item of value) writeValue("item", item, out);
    out.push(`</${name}>`);
    return;
  }
  if (value instanceof Date) {
    out.push(`<${name}>${value.toISOString()}</${name}>`);
    return;
  }
  if (typeof value === "object") {
    out.push(`<${name}>`);
    for (const [child, childValue] of Object.entries(value)) writeValue(child, childValue, out);
    out.push(`</${name}>`);
    return;
  }
  out.push(`<${name}>${escapeXml(String(value))}</${name}>`);
}

/** `<{Action}Response xmlns=…><requestId>…</requestId>…body…</{Action}Response>` */
export function responseXml(action: string, requestId: string, body: XmlObject): string {
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${EC2_XMLNS}">`,
    `<requestId>${escapeXml(requestId)}</requestId>`,
  ];
  for (const [name, value] of Object.entries(body)) writeValue(name, value, out);
  out.push(`</${action}Response>`);
  return out.join("");
}
