import type { Attributes } from '../types';
import { normalizeAddressLine, addressTokens, normalizePostcode } from '../normalize/address';
import { CITY_NAME_GROUPS } from '../data/city-names';
import { nicknameKeys, normalizeName } from '../normalize/name';
import { phoneticKeys } from '../phonetic';
import type { FeatureCatalog, Features } from './feature.types';

export const CUSTOMER_FEATURES: FeatureCatalog = {
  givenName: 'given-name',
  givenNameKeys: 'tokens',
  givenPhonetic: 'tokens',
  givenPhonetic1: 'text',
  familyName: 'name',
  generation: 'text',
  familyPhonetic: 'tokens',
  familyPhonetic1: 'text',
  birthDate: 'date',
  birthYear: 'text',
  email: 'text',
  emailUser: 'text',
  phone: 'phone',
  nationalId: 'text',
  nameCodes: 'text',
  nameInitials: 'tokens',
  address: 'text',
  streetNumber: 'text',
  addressTokens: 'tokens',
  addressLine2: 'text',
  city: 'name',
  postalCode: 'text',
  region: 'text',
  country: 'text',
};

/** The comparable form of a cleansed customer: folded names, phonetic and nickname keys, standardised address. */
export function customerFeatures(a: Attributes): Features {
  const fullGiven = text(a.givenName, normalizeName);
  const fullFamily = text(a.familyName, normalizeName);
  // "Miller Jr.": the suffix tells a junior from his father; it is compared on its own, not as part of the name.
  const suffix = generationOf(fullGiven) ?? generationOf(fullFamily);
  const given = withoutTitle(withoutGeneration(fullGiven));
  const family = withoutParticles(withoutTitle(withoutGeneration(fullFamily)));
  const birthDate = typeof a.birthDate === 'string' ? a.birthDate : null;
  const email = typeof a.email === 'string' ? mailbox(a.email) : null;
  const phone = typeof a.phone === 'string' && a.phone.startsWith('+') ? a.phone : null;
  const address = text(a.addressLine1, normalizeAddressLine);
  const givenPhonetic = given ? phoneticKeys(given.split(' ')[0]) : [];
  const familyPhonetic = family ? phoneticKeys(family) : [];
  return {
    givenName: given,
    givenNameKeys: given ? nicknameKeys(given) : null,
    givenPhonetic: nonEmpty(givenPhonetic),
    // Blocking uses the primary code only: the secondary would double the keys for little recall.
    givenPhonetic1: givenPhonetic[0] ?? null,
    // Family names compare without inner spaces: "van der Berg" and "Vanderberg" are one name.
    familyName: family ? family.replace(/ /g, '') : null,
    // "none" when a named record has no suffix: John Miller and John Miller Jr. may be father and son.
    generation: suffix ?? (family ? 'none' : null),
    familyPhonetic: nonEmpty(familyPhonetic),
    familyPhonetic1: familyPhonetic[0] ?? null,
    birthDate,
    birthYear: birthDate ? birthDate.slice(0, 4) : null,
    email,
    emailUser: email ? email.slice(0, email.indexOf('@')) || null : null,
    phone,
    nationalId: typeof a.nationalId === 'string' ? a.nationalId : null,
    // Both names' phonetic codes in sorted order: the same for "Anna Berg" and "Berg Anna".
    nameCodes: givenPhonetic[0] && familyPhonetic[0] ? [givenPhonetic[0], familyPhonetic[0]].sort().join('|') : null,
    // First letters of both names, sorted: refines a birth-date key that a large hub shares by dozens.
    nameInitials: nonEmpty([...new Set([given?.[0], family?.[0]].filter((c): c is string => Boolean(c)))].sort()),
    address,
    streetNumber: address ? streetNumberOf(address) : null,
    addressTokens: address ? nonEmpty(addressTokens(address)) : null,
    addressLine2: text(a.addressLine2, normalizeAddressLine),
    city: text(a.city, cityName),
    postalCode: text(a.postalCode, normalizePostcode),
    region: text(a.region, normalizeName),
    country: typeof a.country === 'string' ? a.country : null,
  };
}

// Generational suffixes as folded name tokens, to one spelling each.
const GENERATIONS: Readonly<Record<string, string>> = { jr: 'jr', junior: 'jr', jnr: 'jr', sr: 'sr', senior: 'sr', snr: 'sr', ii: 'ii', '2nd': 'ii', iii: 'iii', '3rd': 'iii', iv: 'iv', '4th': 'iv' };

function generationOf(name: string | null): string | null {
  const tokens = name?.split(' ') ?? [];
  // The last word, and never the only one: "Junior" alone is a name.
  return tokens.length > 1 ? (GENERATIONS[tokens[tokens.length - 1]] ?? null) : null;
}

function withoutGeneration(name: string | null): string | null {
  return name && generationOf(name) ? name.slice(0, name.lastIndexOf(' ')) : name;
}

const CITY_NAMES = new Map(CITY_NAME_GROUPS.flatMap((group) => group.map((name) => [name, group[0]] as const)));

/** A city folded, and named as its own country names it (Munich, Muenchen → munchen). */
function cityName(value: string): string {
  const name = normalizeName(value);
  return CITY_NAMES.get(name) ?? name;
}

// Forms of address written into a name field ("Dr Marie Claire", "Herr Lukas", "Mme Faure"), folded. Not
// "m" (Monsieur, or an initial) nor "sr" (Señor, or Senior).
const TITLES = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'dame', 'rev', 'herr', 'frau', 'fr', 'dipl', 'ing', 'mag',
  'mme', 'mlle', 'madame', 'monsieur', 'mademoiselle', 'sra', 'srta', 'senor', 'senora', 'sig', 'sigra', 'dhr', 'mevr', 'mw',
]);

/** A name without the titles that lead it, as long as a name is left ("Dr" alone stays: it may be all there is). */
function withoutTitle(name: string | null): string | null {
  if (!name) return name;
  const tokens = name.split(' ');
  let start = 0;
  while (start < tokens.length - 1 && TITLES.has(tokens[start])) start++;
  return start === 0 ? name : tokens.slice(start).join(' ');
}

// Particles a family name is written with or without, and sorted under or not ("van der Berg", "Berg";
// "Meer, van der"): leading or trailing, they are left out so both spellings compare and key alike.
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'des', 'le', 'la', 'ter', 'ten', 't', 'zu', 'dos', 'das']);

function withoutParticles(name: string | null): string | null {
  if (!name) return name;
  const tokens = name.split(' ');
  let [start, end] = [0, tokens.length];
  while (start < end - 1 && PARTICLES.has(tokens[start])) start++;
  while (end - 1 > start && PARTICLES.has(tokens[end - 1])) end--;
  return start === 0 && end === tokens.length ? name : tokens.slice(start, end).join(' ');
}

// Providers that deliver every sub-address (+tag) to the mailbox; Gmail also ignores dots in the user name.
const DOTLESS_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/** The mailbox an address delivers to: without a +tag, and for Gmail without dots ("j.doe+shop@gmail.com" → "jdoe@gmail.com"). */
function mailbox(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return email;
  let user = email.slice(0, at);
  let domain = email.slice(at + 1);
  const plus = user.indexOf('+');
  if (plus > 0) user = user.slice(0, plus);
  if (DOTLESS_DOMAINS.has(domain)) {
    user = user.replace(/\./g, '');
    domain = 'gmail.com';
  }
  return `${user}@${domain}`;
}

// A flat, apartment or unit named before the street ("Flat 3, 12 High Street") is not the house number.
const UNIT_PREFIX = /^(?:flat|apt|apartment|unit|suite|ste|room)\s+\S+\s+/;

/** The house number of a normalized address line: leading ("12 high st") or after the street ("haupt str 12"). */
function streetNumberOf(address: string): string | null {
  const line = address.replace(UNIT_PREFIX, '');
  return /^\d+[a-z]?\b/.exec(line)?.[0] ?? /\b\d+[a-z]?\b/.exec(line)?.[0] ?? null;
}

function text(value: unknown, normalize: (value: string) => string): string | null {
  if (typeof value !== 'string') return null;
  return normalize(value) || null;
}

function nonEmpty(values: readonly string[]): readonly string[] | null {
  return values.length > 0 ? values : null;
}
