// Integration tests run app code that reads its request through Next.js's AsyncLocalStorage stores
// (test/support/request-scope.ts). Next's modules pick a real AsyncLocalStorage only when
// globalThis.AsyncLocalStorage exists when they load — else a stand-in whose run() throws — and
// Next's server makes it exist before it loads anything (next/dist/server/node-environment.js).
// This is that first step of it, run before each test file imports any of Next's modules. The
// rest of node-environment.js (console, Date, Math.random and crypto patched for prerendering
// checks) is left out: no test prerenders, and the test runner keeps its own console.
import "next/dist/server/node-environment-baseline.js";
