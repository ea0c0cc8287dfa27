"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

/**
 * Polls a JSON route that reports a request's status and keeps the latest answer. While the
 * reported status differs from the status the surrounding page was rendered with (`pageStatus`),
 * the page is refreshed, so its badge, history and buttons follow; comparing with the page (not
 * with the previous poll) means a page rendered mid-transition is refreshed again until it has
 * caught up. A newer server render (after an action or a refresh) replaces the polled data.
 */
export function useLiveStatus<T extends { status: string }>(options: {
  url: string;
  initial: T;
  pageStatus: string;
  intervalMs: number;
  /** Whether to go on polling, given the latest data (default: always). */
  keepPolling?: (latest: T) => boolean;
}): { data: T; stale: boolean } {
  const { url, initial, pageStatus, intervalMs, keepPolling } = options;
  const [data, setData] = useState(initial);
  const enabled = keepPolling ? keepPolling(data) : true;
  const [stale, setStale] = useState(false);
  const router = useRouter();
  const renderedStatus = useRef(pageStatus);
  renderedStatus.current = pageStatus;

  useEffect(() => {
    setData(initial);
  }, [initial]);

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    const tick = async () => {
      try {
        const response = await fetch(url, { cache: "no-store" });
        if (!response.ok) throw new Error(String(response.status));
        const next = (await response.json()) as T;
        if (cancelled) return;
        setData(next);
        setStale(false);
        if (next.status !== renderedStatus.current) router.refresh();
      } catch {
        if (!cancelled) setStale(true);
      }
    };
    const timer = setInterval(tick, intervalMs);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [enabled, url, intervalMs, router]);

  return { data, stale };
}
