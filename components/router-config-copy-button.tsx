"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies the previewed configuration; the outcome is announced to screen readers. */
export function RouterConfigCopyButton({ text }: { text: string }) {
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus("copied");
    } catch {
      setStatus("failed");
    }
  }
  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" onClick={copy}>
        Copy
      </Button>
      <span role="status" className="text-xs text-slate-600">
        {status === "copied"
          ? "Copied to the clipboard"
          : status === "failed"
            ? "Copy failed: select the text instead"
            : ""}
      </span>
    </span>
  );
}
