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
