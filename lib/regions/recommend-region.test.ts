import { describe, expect, it } from "vitest";
import { AWS_REGIONS, DEFAULT_SUPPORTED_REGIONS } from "./aws-regions";
import { LOCATIONS } from "./locations";
import { estimateRttMs, greatCircleDistanceKm, recommendRegion, resolveLocation } from "./recommend-region";

const defaults = DEFAULT_SUPPORTED_REGIONS;

describe("greatCircleDistanceKm", () => {
  it("matches known distances", () => {
    const london = { lat: 51.5074, lon: -0.1278 };
    const newYork = { lat: 40.7128, lon: -74.006 };
    expect(greatCircleDistanceKm(london, newYork)).toBeCloseTo(5570, -1);
    expect(greatCircleDistanceKm(london, london)).toBe(0);
    // Antipodes: half the circumference, without NaN from rounding.
    expect(greatCircleDistanceKm({ lat: 0, lon: 0 }, { lat: 0, lon: 180 })).toBeCloseTo(20015, -1);
  });
});

describe("estimateRttMs", () => {
  it("is there and back at 200 km/ms, inflated 1.5x, plus 3 ms", () => {
    expect(estimateRttMs(0)).toBe(3);
    expect(estimateRttMs(1000)).toBe(18);
    expect(estimateRttMs(5570)).toBe(87);
  });
});

describe("recommendRegion", () => {
  it.each([
    ["au-syd", "ap-southeast-2"],
    ["gb-lon", "eu-west-1"],
    ["us-sea", "us-west-2"],
    ["us-sfo", "us-west-2"],
    ["us-nyc", "us-west-2"],
    ["de-fra", "eu-west-1"],
    ["za-jnb", "eu-west-1"],
    ["nz-akl", "ap-southeast-2"],
    ["sg-sin", "ap-southeast-2"],
  ])("recommends %s → %s with the default regions", (location, region) => {
    expect(recommendRegion(location, defaults)?.recommended.region).toBe(region);
  });

  it("lists every supported region, nearest first, with distance and RTT", () => {
    const result = recommendRegion("gb-lon", defaults);
    expect(result?.options.map((option) => option.region)).toEqual([
      "eu-west-1",
      "us-west-2",
      "ap-southeast-2",
    ]);
    expect(result?.recommended).toEqual({
      region: "eu-west-1",
      name: "Europe (Ireland)",
      distanceKm: 463,
      rttMs: 10, // 2 × 463 km ÷ 200 km/ms × 1.5 + 3 ms
    });
    const rtts = result?.options.map((option) => option.rttMs) ?? [];
    expect([...rtts].sort((a, b) => a - b)).toEqual(rtts);
  });

  it("takes an AWS region code as the location", () => {
    expect(recommendRegion("eu-west-2", defaults)?.recommended.region).toBe("eu-west-1");
    expect(recommendRegion("us-east-1", defaults)?.recommended.region).toBe("us-west-2");
    const sameRegion = recommendRegion("ap-southeast-2", defaults)?.recommended;
    expect(sameRegion).toMatchObject({ region: "ap-southeast-2", distanceKm: 0, rttMs: 3 });
  });

  it("follows the deployment's supported regions", () => {
    expect(recommendRegion("gb-lon", ["eu-west-2", "eu-west-1"])?.recommended.region).toBe("eu-west-2");
    expect(recommendRegion("jp-tyo", ["ap-northeast-1", ...defaults])?.recommended.region).toBe(
      "ap-northeast-1",
    );
  });

  it("returns null for an unknown location or when no supported region is known", () => {
    expect(recommendRegion("atlantis", defaults)).toBeNull();
    expect(recommendRegion("", defaults)).toBeNull();
    expect(recommendRegion("gb-lon", [])).toBeNull();
    expect(recommendRegion("gb-lon", ["mars-north-1"])).toBeNull();
  });

  it("skips unknown codes among the supported regions instead of failing", () => {
    expect(recommendRegion("gb-lon", ["mars-north-1", "eu-west-1"])?.options.map((o) => o.region)).toEqual([
      "eu-west-1",
    ]);
  });
});

describe("location and region data", () => {
  it("has unique ids that never collide with an AWS region code", () => {
    const ids = LOCATIONS.map((location) => location.id);
    const codes = AWS_REGIONS.map((region) => region.code);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(codes).size).toBe(codes.length);
    expect(ids.filter((id) => codes.includes(id))).toEqual([]);
  });

  it("covers the world with ~40 metros and the commercial AWS regions", () => {
    expect(LOCATIONS.length).toBeGreaterThanOrEqual(40);
    expect(AWS_REGIONS.length).toBeGreaterThanOrEqual(30);
    for (const country of [
      "United States",
      "Brazil",
      "United Kingdom",
      "South Africa",
      "United Arab Emirates",
      "Japan",
      "Australia",
    ]) {
      expect(
        LOCATIONS.some((location) => location.country === country),
        country,
      ).toBe(true);
    }
    for (const place of [...LOCATIONS, ...AWS_REGIONS]) {
      expect(Math.abs(place.lat)).toBeLessThanOrEqual(90);
      expect(Math.abs(place.lon)).toBeLessThanOrEqual(180);
    }
    for (const code of DEFAULT_SUPPORTED_REGIONS) expect(codes(code)).toBe(true);
    function codes(code: string) {
      return AWS_REGIONS.some((region) => region.code === code);
    }
  });

  it("resolves metro ids and region codes", () => {
    expect(resolveLocation("us-sfo")?.label).toBe("San Francisco Bay Area");
    expect(resolveLocation("eu-west-1")?.label).toBe("Europe (Ireland)");
    expect(resolveLocation("nowhere")).toBeUndefined();
  });
});
