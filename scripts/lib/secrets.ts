// Local secrets for the embedded default: made once, kept in the git-ignored .data folder.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export function localSecret(dataDir: string, name: string, make: () => string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const value = make();
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return value;
}

export const makeAuthSecret = () => randomBytes(32).toString("base64url");
export const makeKeyring = () => `k1:${randomBytes(32).toString("base64")}`;
