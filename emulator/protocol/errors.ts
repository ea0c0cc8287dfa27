import { randomUUID } from "node:crypto";
import { escapeXml } from "./xml";

/** An error EC2 would answer with: the SDK turns `code` into the exception's `name`. */
export class Ec2Error extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status = 400) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

export const notFound = (code: string, message: string): Ec2Error => new Ec2Error(code, message);
export const invalidValue = (message: string): Ec2Error => new Ec2Error("InvalidParameterValue", message);
export const missing = (name: string): Ec2Error =>
  new Ec2Error("MissingParameter", `The request must contain the parameter ${name}`);
export const dependencyViolation = (message: string): Ec2Error =>
  new Ec2Error("DependencyViolation", message);
export const incorrectState = (message: string): Ec2Error => new Ec2Error("IncorrectState", message);

export const newRequestId = (): string => randomUUID();

/** EC2's error envelope differs from the success one: `<Response><Errors>…</Errors><RequestID>`. */
export function errorXml(code: string, message: string, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${escapeXml(requestId)}</RequestID></Response>`
  );
}
