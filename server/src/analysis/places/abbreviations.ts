/*
 * How news text abbreviates first-level divisions after a city name:
 * AP style ("Portland, Ore.", "Springfield, Ill.") and postal codes
 * ("Athens, GA"). Values are [country code, division name as the
 * gazetteer writes it].
 */

const US: Record<string, string> = {
  Alabama: 'AL Ala.',
  Alaska: 'AK',
  Arizona: 'AZ Ariz.',
  Arkansas: 'AR Ark.',
  California: 'CA Calif. Cal.',
  Colorado: 'CO Colo.',
  Connecticut: 'CT Conn.',
  Delaware: 'DE Del.',
  'District of Columbia': 'DC D.C.',
  Florida: 'FL Fla.',
  Georgia: 'GA Ga.',
  Hawaii: 'HI',
  Idaho: 'ID',
  Illinois: 'IL Ill.',
  Indiana: 'IN Ind.',
  Iowa: 'IA',
  Kansas: 'KS Kan. Kans.',
  Kentucky: 'KY Ky.',
  Louisiana: 'LA La.',
  Maine: 'ME',
  Maryland: 'MD Md.',
  Massachusetts: 'MA Mass.',
  Michigan: 'MI Mich.',
  Minnesota: 'MN Minn.',
  Mississippi: 'MS Miss.',
  Missouri: 'MO Mo.',
  Montana: 'MT Mont.',
  Nebraska: 'NE Neb. Nebr.',
  Nevada: 'NV Nev.',
  'New Hampshire': 'NH N.H.',
  'New Jersey': 'NJ N.J.',
  'New Mexico': 'NM N.M.',
  'New York': 'NY N.Y.',
  'North Carolina': 'NC N.C.',
  'North Dakota': 'ND N.D.',
  Ohio: 'OH',
  Oklahoma: 'OK Okla.',
  Oregon: 'OR Ore. Oreg.',
  Pennsylvania: 'PA Pa. Penn.',
  'Rhode Island': 'RI R.I.',
  'South Carolina': 'SC S.C.',
  'South Dakota': 'SD S.D.',
  Tennessee: 'TN Tenn.',
  Texas: 'TX Tex.',
  Utah: 'UT',
  Vermont: 'VT Vt.',
  Virginia: 'VA Va.',
  Washington: 'WA Wash.',
  'West Virginia': 'WV W.Va. W.Va',
  Wisconsin: 'WI Wis. Wisc.',
  Wyoming: 'WY Wyo.',
};

const CA: Record<string, string> = {
  Alberta: 'AB Alta.',
  'British Columbia': 'BC B.C.',
  Manitoba: 'MB Man.',
  'New Brunswick': 'NB N.B.',
  'Newfoundland and Labrador': 'NL Nfld.',
  'Nova Scotia': 'NS N.S.',
  Ontario: 'ON Ont.',
  'Prince Edward Island': 'PE P.E.I.',
  Quebec: 'QC Que.',
  Saskatchewan: 'SK Sask.',
};

const TABLE = new Map<string, [string, string]>();
for (const [cc, table] of [
  ['US', US],
  ['CA', CA],
] as const) {
  for (const [name, forms] of Object.entries(table)) for (const f of forms.split(' ')) TABLE.set(f, [cc, name]);
}

/** Longest abbreviation first, so "W.Va." wins over "Va.". */
const PATTERN = new RegExp(
  `^(?:${[...TABLE.keys()]
    .sort((a, b) => b.length - a.length)
    .map((k) => k.replace(/\./g, '\\.'))
    .join('|')})(?![\\p{L}\\p{N}])`,
  'u',
);

/** The division abbreviated at the start of `s` ("Ill." → US Illinois), with the abbreviation's length. */
export function divisionAbbreviation(s: string): { cc: string; name: string; length: number; dotted: boolean } | null {
  const m = PATTERN.exec(s);
  if (!m) return null;
  const hit = TABLE.get(m[0]);
  return hit ? { cc: hit[0], name: hit[1], length: m[0].length, dotted: m[0].includes('.') } : null;
}
