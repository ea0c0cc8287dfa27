// Recommends the supported region with the lowest estimated latency from the customer's location
// (DESIGN §2). Pure; browser-safe, so the form can show the estimate as the customer types.
import { findAwsRegion } from "./aws-regions";
import { findLocation } from "./locations";

export type Coordinates = { lat: number; lon: number };
export type ResolvedLocation = Coordinates & { label: string };
export type RegionOption = { region: string; name: string; distanceKm: number; rttMs: number };
export type RegionRecommendation = { recommended: RegionOption; options: RegionOption[] };

const EARTH_RADIUS_KM = 6371;
/** Light in fibre covers about 200 km per millisecond (refractive index ≈ 1.5). */
const FIBRE_KM_PER_MS = 200;
/** Real routes are longer than the great circle (detours, landing stations): ~1.5× is typical. */
const PATH_INFLATION = 1.5;
/** Access links, router and gateway processing on both ends, paid even next door. */
const FIXED_MS = 3;

/** Great-circle distance by the haversine formula, in km. */
export function greatCircleDistanceKm(a: Coordinates, b: Coordinates): number {
  const rad = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Estimated round-trip time in whole ms: there and back at fibre speed, inflated, plus a fixed cost. */
export function estimateRttMs(distanceKm: number): number {
  return Math.round(((2 * distanceKm) / FIBRE_KM_PER_MS) * PATH_INFLATION + FIXED_MS);
}

/** A metro id ("gb-lon") or an AWS region code ("eu-west-2"); undefined when neither. */
export function resolveLocation(location: string): ResolvedLocation | undefined {
  const metro = findLocation(location);
  if (metro) return { label: metro.label, lat: metro.lat, lon: metro.lon };
  const region = findAwsRegion(location);
  if (region) return { label: region.name, lat: region.lat, lon: region.lon };
  return undefined;
}

/**
 * Ranks the supported regions by estimated RTT from `location`. Null when the location is unknown
 * or none of the supported regions is a known AWS region (nothing to recommend).
 */
export function recommendRegion(
  location: string,
  supportedRegions: readonly string[],
): RegionRecommendation | null {
  const from = resolveLocation(location);
  if (!from) return null;
  const options: RegionOption[] = [];
  for (const code of new Set(supportedRegions)) {
    const region = findAwsRegion(code);
    if (!region) continue; // a misconfigured code cannot be placed on the map; skip rather than guess
    const exactKm = greatCircleDistanceKm(from, region);
    options.push({
      region: code,
      name: region.name,
      distanceKm: Math.round(exactKm),
      rttMs: estimateRttMs(exactKm),
    });
  }
  // Distance orders exactly as RTT does, without the ties rounding RTT to whole ms would create.
  options.sort((a, b) => a.distanceKm - b.distanceKm || a.region.localeCompare(b.region));
  const recommended = options[0];
  return recommended ? { recommended, options } : null;
}
