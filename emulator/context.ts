import type { EmulatorConfig } from "./config";
import type { RegionState } from "./model";
import type { Params } from "./protocol/query";
import type { XmlObject } from "./protocol/xml";

/** What an action handler gets: one region's state, the parsed parameters and the request's instant. */
export type Ctx = {
  region: RegionState;
  regionName: string;
  params: Params;
  now: number;
  config: EmulatorConfig;
};

export type Handler = (ctx: Ctx) => XmlObject;
