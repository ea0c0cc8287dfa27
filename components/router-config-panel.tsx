import type { ReactNode } from "react";
import { RouterConfigCopyButton } from "@/components/router-config-copy-button";
import { RouterConfigDeviceForm } from "@/components/router-config-device-form";
import { RouterConfigPicker } from "@/components/router-config-picker";
import { buttonClass } from "@/components/ui/button";
import { Card, Notice } from "@/components/ui/card";
import type { RouterConfigPage } from "@/lib/router-config/get-router-config-page";

type FoundPage = Extract<RouterConfigPage, { state: "found" }>;
type Selected = NonNullable<FoundPage["selected"]>;

export type RouterConfigPanelProps = {
  pageHref: string;
  connection: FoundPage["connection"];
  /** `downloadHref` is the format's download route; the device parameters' query is appended here. */
  selected?: Selected & { downloadHref: string };
};

/** The router configuration page body, shared by the customer's and support's pages. */
export function RouterConfigPanel({ pageHref, connection, selected }: RouterConfigPanelProps) {
  if (connection.state === "not-ready") {
    return (
      <Notice tone="info" title="Router configuration not ready yet">
        {connection.reason}
      </Notice>
    );
  }
  return (
    <div className="space-y-6">
      <Card title="Vendor and platform">
        <RouterConfigPicker action={pageHref} formats={connection.formats} selected={selected?.id} />
      </Card>
      {selected?.state === "refused" ? (
        <Notice tone="info" title={`${selected.label} cannot be used for this connection`}>
          {selected.reason}
        </Notice>
      ) : selected ? (
        <>
          <Card title="Your device">
            <RouterConfigDeviceForm action={pageHref} formatId={selected.id} fields={selected.deviceFields} />
            <p className="mt-3 text-xs text-slate-600" id="config-written-for">
              Written for {selected.writtenFor}. Follows: {selected.docReference}.{" "}
              {selected.checkedBy === "lab"
                ? "Proven in the portal's lab: a real tunnel (and BGP session) comes up with this file."
                : "Checked against the vendor's documentation, not proven in the lab."}
            </p>
          </Card>
          <Card
            title={selected.label}
            actions={
              <span className="flex items-center gap-2">
                <RouterConfigCopyButton text={selected.content} />
                <a
                  href={`${selected.downloadHref}${selected.query}`}
                  download={selected.filename}
                  className={buttonClass("primary")}
                  aria-describedby="config-filename"
                >
                  Download
                </a>
              </span>
            }
          >
            <p id="config-filename" className="mb-3 text-xs text-slate-600">
              File <span className="font-mono">{selected.filename}</span>. It contains both pre-shared keys:
              keep it like a password. Every view and download is recorded in the request&apos;s history.
            </p>
            <section aria-label="Configuration preview">
              <pre className="max-h-[32rem] overflow-auto rounded-md bg-slate-950 p-4 font-mono text-xs leading-relaxed text-slate-100">
                <code>{selected.content}</code>
              </pre>
            </section>
          </Card>
        </>
      ) : (
        <p className="text-sm text-slate-600">Choose your router above to see its configuration.</p>
      )}
      <RouterConfigAdvice connection={connection} />
    </div>
  );
}

function RouterConfigAdvice({
  connection,
}: {
  connection: Extract<RouterConfigPanelProps["connection"], { state: "ready" }>;
}) {
  const items: ReactNode[] = [];
  items.push(
    <li key="initiate">
      <strong>Your router starts the tunnels.</strong> The platform side behaves as AWS does: it never
      initiates an IKEv1 tunnel, and initiates an IKEv2 tunnel only when its startup action is{" "}
      <code className="font-mono">start</code> (this connection uses <code className="font-mono">add</code>).
      Every configuration here starts {connection.tunnelCount === 1 ? "the tunnel" : "both tunnels"} as soon
      as it is loaded and restarts {connection.tunnelCount === 1 ? "it" : "them"} after a dead-peer detection
      {connection.ikeVersion === "IKEV1" ? " (the platform side also restarts after DPD)" : " or a close"}.
    </li>,
  );
  if (connection.ikeVersion === "IKEV2" && connection.routing === "STATIC") {
    items.push(
      <li key="keepalive">
        <strong>IKEv2 with static routing: keep the tunnels busy.</strong> Your side keeps each tunnel alive:
        the configurations include a keep-alive per tunnel (a ping to that tunnel&apos;s AWS inside address,
        wired so a dead tunnel drops its routes). Traffic to the VPC, for example{" "}
        <code className="font-mono">ping -i 5 {connection.keepAliveTarget}</code>, keeps them busy too. (With
        BGP the BGP keep-alives do this for you.)
      </li>,
    );
  }
  if (connection.tunnelCount === 1) {
    items.push(
      <li key="single">
        <strong>One tunnel means no failover.</strong> This connection has a single tunnel: AWS maintenance on
        its endpoint, a rekey problem or an outage of your router&apos;s path to it is an outage of the whole
        VPN. Two tunnels keep the VPN up while one is down.
      </li>,
    );
  } else {
    items.push(
      <li key="redundancy">
        <strong>Configure both tunnels.</strong> AWS replaces tunnel endpoints during maintenance one at a
        time; with both tunnels configured traffic moves to the other one.
      </li>,
    );
  }
  return (
    <Card title="Before you apply it">
      <ul className="list-disc space-y-2 pl-5 text-sm text-slate-700">{items}</ul>
    </Card>
  );
}
