// AWS commercial regions with the coordinates of the metro they sit in (for latency estimates only;
// AWS does not publish data-centre locations, so the nearest city stands in). Pure; browser-safe.

export type AwsRegion = { code: string; name: string; lat: number; lon: number };

export const AWS_REGIONS: readonly AwsRegion[] = [
  // North America
  { code: "us-east-1", name: "US East (N. Virginia)", lat: 39.0438, lon: -77.4874 },
  { code: "us-east-2", name: "US East (Ohio)", lat: 39.9612, lon: -82.9988 },
  { code: "us-west-1", name: "US West (N. California)", lat: 37.3382, lon: -121.8863 },
  { code: "us-west-2", name: "US West (Oregon)", lat: 45.8399, lon: -119.7006 },
  { code: "ca-central-1", name: "Canada (Central)", lat: 45.5019, lon: -73.5674 },
  { code: "ca-west-1", name: "Canada West (Calgary)", lat: 51.0447, lon: -114.0719 },
  { code: "mx-central-1", name: "Mexico (Central)", lat: 20.5888, lon: -100.3899 },
  // South America
  { code: "sa-east-1", name: "South America (São Paulo)", lat: -23.5505, lon: -46.6333 },
  // Europe
  { code: "eu-west-1", name: "Europe (Ireland)", lat: 53.3498, lon: -6.2603 },
  { code: "eu-west-2", name: "Europe (London)", lat: 51.5074, lon: -0.1278 },
  { code: "eu-west-3", name: "Europe (Paris)", lat: 48.8566, lon: 2.3522 },
  { code: "eu-central-1", name: "Europe (Frankfurt)", lat: 50.1109, lon: 8.6821 },
  { code: "eu-central-2", name: "Europe (Zurich)", lat: 47.3769, lon: 8.5417 },
  { code: "eu-north-1", name: "Europe (Stockholm)", lat: 59.3293, lon: 18.0686 },
  { code: "eu-south-1", name: "Europe (Milan)", lat: 45.4642, lon: 9.19 },
  { code: "eu-south-2", name: "Europe (Spain)", lat: 41.6488, lon: -0.8891 },
  // Africa and the Middle East
  { code: "af-south-1", name: "Africa (Cape Town)", lat: -33.9249, lon: 18.4241 },
  { code: "me-south-1", name: "Middle East (Bahrain)", lat: 26.2285, lon: 50.586 },
  { code: "me-central-1", name: "Middle East (UAE)", lat: 25.2048, lon: 55.2708 },
  { code: "il-central-1", name: "Israel (Tel Aviv)", lat: 32.0853, lon: 34.7818 },
  // Asia Pacific
  { code: "ap-south-1", name: "Asia Pacific (Mumbai)", lat: 19.076, lon: 72.8777 },
  { code: "ap-south-2", name: "Asia Pacific (Hyderabad)", lat: 17.385, lon: 78.4867 },
  { code: "ap-southeast-1", name: "Asia Pacific (Singapore)", lat: 1.3521, lon: 103.8198 },
  { code: "ap-southeast-2", name: "Asia Pacific (Sydney)", lat: -33.8688, lon: 151.2093 },
  { code: "ap-southeast-3", name: "Asia Pacific (Jakarta)", lat: -6.2088, lon: 106.8456 },
  { code: "ap-southeast-4", name: "Asia Pacific (Melbourne)", lat: -37.8136, lon: 144.9631 },
  { code: "ap-southeast-5", name: "Asia Pacific (Malaysia)", lat: 3.139, lon: 101.6869 },
  { code: "ap-southeast-6", name: "Asia Pacific (New Zealand)", lat: -36.8485, lon: 174.7633 },
  { code: "ap-southeast-7", name: "Asia Pacific (Thailand)", lat: 13.7563, lon: 100.5018 },
  { code: "ap-east-1", name: "Asia Pacific (Hong Kong)", lat: 22.3193, lon: 114.1694 },
  { code: "ap-east-2", name: "Asia Pacific (Taipei)", lat: 25.033, lon: 121.5654 },
  { code: "ap-northeast-1", name: "Asia Pacific (Tokyo)", lat: 35.6762, lon: 139.6503 },
  { code: "ap-northeast-2", name: "Asia Pacific (Seoul)", lat: 37.5665, lon: 126.978 },
  { code: "ap-northeast-3", name: "Asia Pacific (Osaka)", lat: 34.6937, lon: 135.5023 },
];

const BY_CODE = new Map(AWS_REGIONS.map((region) => [region.code, region]));

export function findAwsRegion(code: string): AwsRegion | undefined {
  return BY_CODE.get(code);
}

/** The portal's default supported regions; the deployment setting that overrides it lives elsewhere. */
export const DEFAULT_SUPPORTED_REGIONS = ["us-west-2", "eu-west-1", "ap-southeast-2"] as const;
