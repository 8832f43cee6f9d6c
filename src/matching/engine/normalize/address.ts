import { nameTokens } from './name';

/** Each abbreviation with the words written for it: English, German, and the French, Spanish, Italian and Dutch street types. */
const ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  st: ['street', 'saint'],
  // German streets keep their own abbreviation: "str" is what German writers use, and it stays apart
  // from "st" so that a normalised "haupt str" normalises to itself.
  str: ['strasse'],
  rd: ['road'],
  ave: ['avenue', 'av', 'avenida', 'avda'],
  r: ['rue', 'rua'],
  c: ['calle'],
  po: ['paseo'],
  fbg: ['faubourg'],
  dr: ['drive'],
  ct: ['court', 'crt'],
  pl: ['place', 'platz', 'plaza', 'piazza', 'plein'],
  ln: ['lane'],
  blvd: ['boulevard', 'bd'],
  tce: ['terrace', 'terr'],
  cres: ['crescent', 'cr'],
  pde: ['parade'],
  hwy: ['highway'],
  cct: ['circuit'],
  cl: ['close'],
  sq: ['square'],
  pkwy: ['parkway'],
  esp: ['esplanade'],
  apt: ['apartment'],
  ste: ['suite'],
  unit: [],
  fl: ['floor'],
  bldg: ['building'],
  n: ['north'],
  s: ['south'],
  e: ['east'],
  w: ['west'],
  ne: ['northeast'],
  nw: ['northwest'],
  se: ['southeast'],
  sw: ['southwest'],
  weg: [],
  allee: [],
  gasse: [],
};

const CANONICAL = new Map<string, string>();
for (const [abbreviation, words] of Object.entries(ABBREVIATIONS)) {
  CANONICAL.set(abbreviation, abbreviation);
  for (const word of words) CANONICAL.set(word, abbreviation);
}

// German glues the street type to the name ("Hauptstraße", "Marktplatz", "Birkenweg"): split it off so
// both spellings give "haupt str". The stem must be a word of its own, not a short accident.
const COMPOUND_ENDINGS: readonly (readonly [ending: string, abbreviation: string])[] = [
  ['strasse', 'str'],
  ['straat', 'str'],
  ['str', 'str'],
  ['platz', 'pl'],
  ['weg', 'weg'],
  ['allee', 'allee'],
  ['gasse', 'gasse'],
];
const MIN_STEM = 3;

function pushAddressToken(out: string[], token: string): void {
  const canonical = CANONICAL.get(token);
  if (canonical !== undefined) {
    out.push(canonical);
    return;
  }
  for (const [ending, abbreviation] of COMPOUND_ENDINGS) {
    if (token.length >= ending.length + MIN_STEM && token.endsWith(ending)) {
      pushAddressToken(out, token.slice(0, -ending.length));
      out.push(abbreviation);
      return;
    }
  }
  out.push(token);
}

export function addressTokens(value: string): string[] {
  const out: string[] = [];
  for (const token of nameTokens(value)) {
    // "P.O. Box" folds to "p o box": keep the PO together as it is usually written.
    if (token === 'o' && out[out.length - 1] === 'p') out[out.length - 1] = 'po';
    else pushAddressToken(out, token);
  }
  return out;
}

/**
 * `normalizeName`'s folding, then one abbreviation for each street type and direction ("Street" → "st",
 * "Straße" → "str", "North" → "n"), with a German street type glued to its name split off
 * ("Hauptstraße" → "haupt str"). Numbers are kept. Idempotent.
 */
export function normalizeAddressLine(value: string): string {
  return addressTokens(value).join(' ');
}

const POSTCODE_SEPARATORS = /[\s\-\u2010-\u2015]+/g;

/** Upper case without spaces or hyphens: "sw1a 1aa" → "SW1A1AA", "12345-6789" → "123456789". */
export function normalizePostcode(value: string): string {
  return value.replace(POSTCODE_SEPARATORS, '').toUpperCase();
}

// A flat, apartment or unit named before the street ("Flat 3, 12 High Street") is not the house number.
const UNIT_PREFIX = /^(?:flat|apt|apartment|unit|suite|ste|room)\s+\S+\s+/;

/** The house number of a normalized address line: leading ("12 high st") or after the street ("haupt str 12"). */
export function houseNumber(address: string): string | null {
  const line = address.replace(UNIT_PREFIX, '');
  return /^\d+[a-z]?\b/.exec(line)?.[0] ?? /\b\d+[a-z]?\b/.exec(line)?.[0] ?? null;
}

// Postcode shapes of a one-line address's last part, an optional country prefix ("D-80331", "CH-8001")
// allowed: digits (4–5; "00-950", "111 22", "1234-567"), Dutch "1011 AB", Canadian "H2X 1L4", British
// "SW1A 1AA" and Irish Eircodes "D02 X285".
const POSTCODE =
  '(?:[A-Z]{1,3}-)?(?:\\d{4} ?[A-Z]{2}|\\d{4,5}|\\d{2}-\\d{3}|\\d{3} \\d{2}|\\d{4}-\\d{3}|[A-Z]\\d[A-Z] ?\\d[A-Z]\\d|[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}|[A-Z]\\d[\\dW] ?[A-Z\\d]{4})';
const TOWN = "\\p{L}[\\p{L}.'’ -]*";
const POSTCODE_TOWN = new RegExp(`^(${POSTCODE}) +(${TOWN})$`, 'iu');
const TOWN_POSTCODE = new RegExp(`^(${TOWN}?) +(${POSTCODE})$`, 'iu');

/**
 * Splits the locality off an address written on one line, as ERPs and paper forms keep it:
 * "Via Roma 12, 20121 Milano" → street "Via Roma 12", postcode "20121", town "Milano" ("…, Dublin D02 X285"
 * too). Only a last comma-separated part holding a postcode and a town is taken, so "12 High St, Flat 3"
 * and "Hauptstr. 12" are left as they are (null).
 */
export function splitLocality(line: string): { street: string; postalCode: string; city: string } | null {
  const comma = line.lastIndexOf(',');
  if (comma <= 0) return null;
  const street = line.slice(0, comma).trim();
  const last = line.slice(comma + 1).trim();
  if (!street || !/\d/.test(last)) return null;
  const before = POSTCODE_TOWN.exec(last);
  const after = before ? null : TOWN_POSTCODE.exec(last);
  const [postalCode, city] = before ? [before[1], before[2].trim()] : after ? [after[2], after[1].trim()] : [];
  return postalCode && city && isTown(city) ? { street, postalCode, city } : null;
}

// "Unit 5, 1200 Main St" is a street with its number, "…, IL 62701" a state: neither is a town.
function isTown(name: string): boolean {
  const tokens = addressTokens(name);
  const last = tokens[tokens.length - 1] ?? '';
  return name.replace(/[^\p{L}]/gu, '').length >= 3 && !(last.length > 1 && CANONICAL.get(last) === last);
}

// Parts of an address line that name a flat, floor or building inside the house, not the street: "Flat 7",
// "Apt 6E", "Bât. C", "int. 15", "scala A", "4º C", "2. Stock", "Résidence les Pins"; and a care-of name.
// The designator's number is short: "SC 29201" is a state and a ZIP code, not a staircase.
const UNIT_DESIGNATOR =
  /^(?:flat|apt|apartment|appt|app|appartement|unit|suite|ste|room|bat|batiment|bldg|building|block|escalier|esc|etage|int|interno|scala|piso|puerta|wohnung|whg|bus)\.?\s*[\p{L}\d]{1,4}$/u;
const FLOOR = /^\d{1,2}\s*(?:[º°ª]|\.\s*(?:stock|og|etage)\b|(?:st|nd|rd|th)\s+floor\b)/u;
// Not "Co": "Co Rd 12" is a county road.
const BUILDING_OR_CARE_OF = /^(?:residence|c\/o\s)/u;
const CARE_OF = /^c\/o\s/iu;

function isUnitPart(part: string): boolean {
  const folded = part.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return UNIT_DESIGNATOR.test(folded) || FLOOR.test(folded) || BUILDING_OR_CARE_OF.test(folded);
}

/**
 * Splits what names a flat, floor or building (or a care-of name) off the street of an address line, as
 * systems that have one address field keep it: "Flat 7, 108 Victoria Close" → street "108 Victoria Close",
 * unit "Flat 7"; "Bât. C, apt 4, 108 avenue Pasteur" → "108 avenue Pasteur", "Bât. C, apt 4";
 * "Pº de la Constitución, 77, 4º C" → "Pº de la Constitución 77", "4º C". Only comma-separated parts are
 * read, and a line with nothing but such parts stays whole.
 */
export function splitUnit(line: string): { street: string; unit: string | null } {
  const parts = line
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length < 2) return { street: line, unit: null };
  const units = parts.filter(isUnitPart);
  if (units.length === 0 || units.length === parts.length) return { street: line, unit: null };
  const street = parts.filter((part) => !units.includes(part)).join(' ');
  const unit = units.filter((part) => !CARE_OF.test(part)).join(', ');
  return { street, unit: unit || null };
}
