import type { EmulatorConfig } from "./config";
import type { RegionState } from "./model";
import type { Params } from "./protocol/query";
import type { XmlObject } from "./protocol/xml";

/** What an action handler gets: one region's state, the parsed parameters and the request's instant. */
export type Ctx = {
  /** The region as calls see it: resources still inside their consistency lag are missing. */
  region: RegionState;
  /** Everything, lagging or not: for quotas, idempotency and conflicts, which AWS checks at once. */
  all: RegionState;
  regionName: string;
  params: Params;
  now: number;
  config: EmulatorConfig;
};

export type Handler = (ctx: Ctx) => XmlObject;
