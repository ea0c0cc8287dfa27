import type { ServerResponse } from "node:http";

/** An AWS JSON 1.1 response (CloudWatch Logs, Service Quotas): errors name their type in a header too. */
export function sendAwsJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  requestId: string,
  errorType?: string,
): undefined {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/x-amz-json-1.1",
    "content-length": Buffer.byteLength(text),
    "x-amzn-requestid": requestId,
    ...(errorType ? { "x-amzn-errortype": errorType } : {}),
  });
  res.end(text);
}
