// The router-configuration formats the portal offers for download (DESIGN §7), in display order.
import type { RoutingType } from "./types";

export type RouterConfigFormatId =
  | "generic"
  | "strongswan"
  | "libreswan"
  | "frr"
  | "cisco-ios"
  | "cisco-asa"
  | "juniper-srx"
  | "paloalto-panos"
  | "fortigate"
  | "mikrotik-routeros"
  | "vyos"
  | "edgeos";

export type RouterConfigFormat = {
  id: RouterConfigFormatId;
  vendor: string;
  platform: string;
  label: string;
  fileExtension: string;
  /** The vendor documentation the rendered configuration follows. */
  docReference: string;
  /** The releases the configuration was written for (shown on the download page and in the file). */
  writtenFor: string;
  /**
   * How the format is checked: "lab" = a real tunnel (and BGP session) comes up in the lab
   * (DESIGN §7); "documentation" = rendered and intent-tested against the vendor's documentation only.
   */
  checkedBy: "lab" | "documentation";
  /**
   * Set when the format only makes sense for one routing mode. FRR renders only the BGP part of a
   * router configuration, so it is offered for BGP connections only; `renderRouterConfig` refuses it
   * for static ones rather than producing an empty file.
   */
  routing?: RoutingType;
};

export const ROUTER_CONFIG_FORMATS: readonly RouterConfigFormat[] = [
  {
    id: "generic",
    vendor: "Generic",
    platform: "Any IPsec router",
    label: "Generic (all parameters, human-readable)",
    fileExtension: "txt",
    docReference:
      "AWS Site-to-Site VPN User Guide: Your customer gateway device (generic sample configuration)",
    writtenFor: "Any route-based IPsec device (AWS generic sample parameters)",
    checkedBy: "documentation",
  },
  {
    id: "strongswan",
    vendor: "strongSwan",
    platform: "Linux, strongSwan 5.9+ (swanctl.conf, route-based XFRM/VTI)",
    label: "strongSwan (swanctl.conf)",
    fileExtension: "conf",
    docReference:
      "strongSwan docs (5.9.x): swanctl.conf(5), Route-based VPNs (XFRM interfaces, if_id), updown plugin",
    writtenFor: "strongSwan 5.9.x (swanctl), Linux 4.19+ with XFRM interfaces; lab-proven on 5.9.8",
    checkedBy: "lab",
  },
  {
    id: "libreswan",
    vendor: "libreswan",
    platform: "Linux, libreswan 4.x (RHEL 9, Fedora; ipsec.conf + secrets, XFRM ipsec-interface)",
    label: "libreswan (ipsec.conf)",
    fileExtension: "conf",
    docReference:
      "libreswan ipsec.conf(5) and ipsec.secrets(5), 4.x (ipsec-interface, leftinterface-ip, leftupdown)",
    writtenFor: "libreswan 4.6+ (RHEL 9 / Fedora); checked against its documentation, not proven in the lab",
    checkedBy: "documentation",
  },
  {
    id: "frr",
    vendor: "FRRouting",
    platform: "FRR 8+ (bgpd), with strongSwan or another IPsec stack",
    label: "FRR (BGP part)",
    fileExtension: "conf",
    docReference:
      "FRR User Guide 8.x: BGP (neighbor timers, route-map in/out), Route Maps (set local-preference, set as-path prepend)",
    writtenFor: "FRR 8.x (lab-proven on 8.4)",
    checkedBy: "lab",
    routing: "BGP",
  },
  {
    id: "cisco-ios",
    vendor: "Cisco",
    platform: "IOS / IOS XE (static VTI)",
    label: "Cisco IOS / IOS XE",
    fileExtension: "txt",
    docReference:
      'Cisco IOS XE 17 Security Configuration Guide: IPsec Virtual Tunnel Interfaces, Configuring IKEv2; IP SLAs (ICMP Echo) and Enhanced Object Tracking; AWS sample "Cisco ISR / IOS 12.4+"',
    writtenFor: "Cisco IOS XE 16.x/17.x (and IOS 15.4+)",
    checkedBy: "documentation",
  },
  {
    id: "cisco-asa",
    vendor: "Cisco",
    platform: "ASA 9.8+ (VTI)",
    label: "Cisco ASA 9.8+",
    fileExtension: "txt",
    docReference:
      "Cisco ASA VPN CLI Configuration Guide 9.8+: Virtual Tunnel Interface; ASA static routes with sla monitor + track; TechNote 200982 (ASA VTI to AWS)",
    writtenFor: "Cisco ASA 9.8+ (IKEv2 VTI); IKEv1 refused",
    checkedBy: "documentation",
  },
  {
    id: "juniper-srx",
    vendor: "Juniper",
    platform: "SRX, Junos OS (st0, set commands)",
    label: "Juniper SRX",
    fileExtension: "txt",
    docReference:
      'Junos OS IPsec VPN User Guide for Security Devices: Route-Based VPNs, establish-tunnels, VPN monitoring; Security Policies User Guide; AWS sample "Juniper SRX / JunOS 11.0+"',
    writtenFor: "Junos OS 19.x-23.x on SRX (set commands)",
    checkedBy: "documentation",
  },
  {
    id: "paloalto-panos",
    vendor: "Palo Alto Networks",
    platform: "PAN-OS 10.x/11.x (set commands)",
    label: "Palo Alto PAN-OS",
    fileExtension: "txt",
    docReference:
      'PAN-OS Administrator\'s Guide 10.2/11.x: Set Up Site-to-Site VPN, Tunnel Monitoring, MSS adjustment, Security Policy, BGP (legacy virtual router); AWS sample "Palo Alto PANOS 7.0+"',
    writtenFor: "PAN-OS 10.1/10.2/11.x, legacy virtual router",
    checkedBy: "documentation",
  },
  {
    id: "fortigate",
    vendor: "Fortinet",
    platform: "FortiGate, FortiOS 6.4+/7.x (route-based)",
    label: "FortiGate (FortiOS CLI)",
    fileExtension: "txt",
    docReference:
      "FortiOS 7.x Administration Guide: Site-to-site IPsec VPN, Dead peer detection, Link monitor, Static routes (distance/priority); CLI Reference; Fortinet cookbook IPsec VPN to AWS",
    writtenFor: "FortiOS 7.0/7.2/7.4",
    checkedBy: "documentation",
  },
  {
    id: "mikrotik-routeros",
    vendor: "MikroTik",
    platform: "RouterOS 7",
    label: "MikroTik RouterOS 7",
    fileExtension: "rsc",
    docReference:
      "MikroTik RouterOS 7 manual: IPsec (site-to-site, policies, active-peers), Firewall Filter, Netwatch, Scripting/Scheduler",
    writtenFor: "RouterOS 7.x (static routing only)",
    checkedBy: "documentation",
  },
  {
    id: "vyos",
    vendor: "VyOS",
    platform: "VyOS 1.4 (sagitta)",
    label: "VyOS 1.4",
    fileExtension: "txt",
    docReference:
      "VyOS 1.4 documentation: IPsec Site-to-Site (route-based VTI, connection-type, close-action, DPD), Static, BGP, Route Map",
    writtenFor: "VyOS 1.4 (sagitta)",
    checkedBy: "documentation",
  },
  {
    id: "edgeos",
    vendor: "Ubiquiti",
    platform: "EdgeRouter, EdgeOS 2.x",
    label: "Ubiquiti EdgeOS",
    fileExtension: "txt",
    docReference:
      "Ubiquiti Help Center: EdgeRouter route-based site-to-site VPN to AWS VPC (VTI), BGP over route-based VPN; EdgeOS 2.0 CLI",
    writtenFor: "EdgeOS 2.0.x",
    checkedBy: "documentation",
  },
];

export function findRouterConfigFormat(id: string): RouterConfigFormat | undefined {
  return ROUTER_CONFIG_FORMATS.find((format) => format.id === id);
}

/** The formats to offer for a connection with this routing mode. */
export function findRouterConfigFormatsFor(routing: RoutingType): RouterConfigFormat[] {
  return ROUTER_CONFIG_FORMATS.filter((format) => !format.routing || format.routing === routing);
}
