// Metro areas a customer picks "where is your network?" from. Coordinates are city centres, good
// enough for a latency estimate. Ids are "<ISO country>-<IATA city code>", never an AWS region code
// (the location field accepts both). Pure; browser-safe.

export type Location = { id: string; label: string; country: string; lat: number; lon: number };

export const LOCATIONS: readonly Location[] = [
  // North America
  { id: "us-sfo", label: "San Francisco Bay Area", country: "United States", lat: 37.7749, lon: -122.4194 },
  { id: "us-lax", label: "Los Angeles", country: "United States", lat: 34.0522, lon: -118.2437 },
  { id: "us-sea", label: "Seattle", country: "United States", lat: 47.6062, lon: -122.3321 },
  { id: "us-den", label: "Denver", country: "United States", lat: 39.7392, lon: -104.9903 },
  { id: "us-dfw", label: "Dallas–Fort Worth", country: "United States", lat: 32.7767, lon: -96.797 },
  { id: "us-chi", label: "Chicago", country: "United States", lat: 41.8781, lon: -87.6298 },
  { id: "us-nyc", label: "New York", country: "United States", lat: 40.7128, lon: -74.006 },
  { id: "us-was", label: "Washington, D.C.", country: "United States", lat: 38.9072, lon: -77.0369 },
  { id: "us-atl", label: "Atlanta", country: "United States", lat: 33.749, lon: -84.388 },
  { id: "us-mia", label: "Miami", country: "United States", lat: 25.7617, lon: -80.1918 },
  { id: "ca-yto", label: "Toronto", country: "Canada", lat: 43.6532, lon: -79.3832 },
  { id: "ca-ymq", label: "Montreal", country: "Canada", lat: 45.5019, lon: -73.5674 },
  { id: "ca-yvr", label: "Vancouver", country: "Canada", lat: 49.2827, lon: -123.1207 },
  { id: "mx-mex", label: "Mexico City", country: "Mexico", lat: 19.4326, lon: -99.1332 },
  // South America
  { id: "br-sao", label: "São Paulo", country: "Brazil", lat: -23.5505, lon: -46.6333 },
  { id: "ar-bue", label: "Buenos Aires", country: "Argentina", lat: -34.6037, lon: -58.3816 },
  { id: "cl-scl", label: "Santiago", country: "Chile", lat: -33.4489, lon: -70.6693 },
  { id: "co-bog", label: "Bogotá", country: "Colombia", lat: 4.711, lon: -74.0721 },
  { id: "pe-lim", label: "Lima", country: "Peru", lat: -12.0464, lon: -77.0428 },
  // Europe
  { id: "gb-lon", label: "London", country: "United Kingdom", lat: 51.5074, lon: -0.1278 },
  { id: "ie-dub", label: "Dublin", country: "Ireland", lat: 53.3498, lon: -6.2603 },
  { id: "fr-par", label: "Paris", country: "France", lat: 48.8566, lon: 2.3522 },
  { id: "de-fra", label: "Frankfurt", country: "Germany", lat: 50.1109, lon: 8.6821 },
  { id: "nl-ams", label: "Amsterdam", country: "Netherlands", lat: 52.3676, lon: 4.9041 },
  { id: "es-mad", label: "Madrid", country: "Spain", lat: 40.4168, lon: -3.7038 },
  { id: "it-mil", label: "Milan", country: "Italy", lat: 45.4642, lon: 9.19 },
  { id: "se-sto", label: "Stockholm", country: "Sweden", lat: 59.3293, lon: 18.0686 },
  { id: "pl-waw", label: "Warsaw", country: "Poland", lat: 52.2297, lon: 21.0122 },
  { id: "ch-zrh", label: "Zurich", country: "Switzerland", lat: 47.3769, lon: 8.5417 },
  // Africa
  { id: "za-jnb", label: "Johannesburg", country: "South Africa", lat: -26.2041, lon: 28.0473 },
  { id: "za-cpt", label: "Cape Town", country: "South Africa", lat: -33.9249, lon: 18.4241 },
  { id: "ng-los", label: "Lagos", country: "Nigeria", lat: 6.5244, lon: 3.3792 },
  { id: "ke-nbo", label: "Nairobi", country: "Kenya", lat: -1.2921, lon: 36.8219 },
  { id: "eg-cai", label: "Cairo", country: "Egypt", lat: 30.0444, lon: 31.2357 },
  // Middle East
  { id: "ae-dxb", label: "Dubai", country: "United Arab Emirates", lat: 25.2048, lon: 55.2708 },
  { id: "il-tlv", label: "Tel Aviv", country: "Israel", lat: 32.0853, lon: 34.7818 },
  { id: "sa-ruh", label: "Riyadh", country: "Saudi Arabia", lat: 24.7136, lon: 46.6753 },
  // Asia
  { id: "in-bom", label: "Mumbai", country: "India", lat: 19.076, lon: 72.8777 },
  { id: "in-blr", label: "Bengaluru", country: "India", lat: 12.9716, lon: 77.5946 },
  { id: "sg-sin", label: "Singapore", country: "Singapore", lat: 1.3521, lon: 103.8198 },
  { id: "hk-hkg", label: "Hong Kong", country: "Hong Kong", lat: 22.3193, lon: 114.1694 },
  { id: "tw-tpe", label: "Taipei", country: "Taiwan", lat: 25.033, lon: 121.5654 },
  { id: "jp-tyo", label: "Tokyo", country: "Japan", lat: 35.6762, lon: 139.6503 },
  { id: "kr-sel", label: "Seoul", country: "South Korea", lat: 37.5665, lon: 126.978 },
  { id: "id-jkt", label: "Jakarta", country: "Indonesia", lat: -6.2088, lon: 106.8456 },
  // Oceania
  { id: "au-syd", label: "Sydney", country: "Australia", lat: -33.8688, lon: 151.2093 },
  { id: "au-mel", label: "Melbourne", country: "Australia", lat: -37.8136, lon: 144.9631 },
  { id: "au-per", label: "Perth", country: "Australia", lat: -31.9505, lon: 115.8605 },
  { id: "nz-akl", label: "Auckland", country: "New Zealand", lat: -36.8485, lon: 174.7633 },
];

const BY_ID = new Map(LOCATIONS.map((location) => [location.id, location]));

export function findLocation(id: string): Location | undefined {
  return BY_ID.get(id);
}
