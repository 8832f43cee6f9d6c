import type { Attributes } from '../types';
import { normalizeAddressLine, addressTokens, normalizePostcode, houseNumber, splitLocality, splitUnit } from '../normalize/address';
import { cityName } from '../normalize/city';
import { isPlaceholderBirthDate } from '../normalize/date';
import { mailbox } from '../normalize/email';
import { familyNameForm, nicknameKeys, normalizeName, withoutParticles, withoutTitle } from '../normalize/name';
import { phoneticKeys } from '../phonetic';
import type { FeatureCatalog, Features } from './feature.types';

export const CUSTOMER_FEATURES: FeatureCatalog = {
  givenName: 'given-name',
  givenNameKeys: 'tokens',
  givenPhonetic: 'tokens',
  givenPhonetic1: 'text',
  familyName: 'name',
  familyNames: 'tokens',
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
  // Cleansing drops a placeholder (1900-01-01); a record cleansed before it did is read the same way.
  const birthDate = typeof a.birthDate === 'string' && !isPlaceholderBirthDate(a.birthDate) ? a.birthDate : null;
  const email = typeof a.email === 'string' ? mailbox(a.email) : null;
  const phone = typeof a.phone === 'string' && a.phone.startsWith('+') ? a.phone : null;
  // An address on one line ("Via Roma 12, 20121 Milano") is compared and blocked as street, postcode and town.
  const oneLine = typeof a.addressLine1 === 'string' ? splitLocality(a.addressLine1) : null;
  // A flat or building written in the street's field ("Flat 7, 108 Victoria Close") is compared as line 2.
  const line1 = oneLine?.street ?? a.addressLine1;
  const { street, unit } = typeof line1 === 'string' ? splitUnit(line1) : { street: line1, unit: null };
  const address = text(street, normalizeAddressLine);
  const givenPhonetic = given ? phoneticKeys(given.split(' ')[0]) : [];
  const familyPhonetic = family ? phoneticKeys(family) : [];
  return {
    givenName: given,
    givenNameKeys: given ? nicknameKeys(given) : null,
    givenPhonetic: nonEmpty(givenPhonetic),
    // Blocking uses the primary code only: the secondary would double the keys for little recall.
    givenPhonetic1: givenPhonetic[0] ?? null,
    familyName: family ? familyNameForm(family) : null,
    // The names of a double family name in order ("iglesias", "ramirez"): a system may keep only the first.
    familyNames: family ? nonEmpty(family.split(' ')) : null,
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
    streetNumber: address ? houseNumber(address) : null,
    addressTokens: address ? nonEmpty(addressTokens(address)) : null,
    addressLine2: text(a.addressLine2 ?? unit, normalizeAddressLine),
    city: text(a.city ?? oneLine?.city, cityName),
    postalCode: text(a.postalCode ?? oneLine?.postalCode, normalizePostcode),
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

function text(value: unknown, normalize: (value: string) => string): string | null {
  if (typeof value !== 'string') return null;
  return normalize(value) || null;
}

function nonEmpty(values: readonly string[]): readonly string[] | null {
  return values.length > 0 ? values : null;
}
