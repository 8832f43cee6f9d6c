// How the source systems of a company describe one person: each system has its own habits (which fields
// it asks for, how it writes a phone number or a street, whether it keeps accents) and each record was
// captured at some moment of the person's life (before or after a move or a marriage) and keyed by
// someone who sometimes slips. The row is what the system would export as CSV.
import { pick } from '../../support/random';
import type { Country } from './countries';
import { asciiFold, isoDate, titleCase, transposeDayMonth, typo, yearSlip } from './corruptions';
import type { Address, Person, Phone } from './people';

type Random = () => number;

/** The columns every source exports (one mapping file for all). */
export const HEADER = ['id', 'first_name', 'last_name', 'email', 'phone', 'dob', 'street', 'street2', 'city', 'zip', 'state', 'country'] as const;

export type PhoneFormat = 'e164' | 'international' | 'national' | 'compact';

export interface SourceStyle {
  readonly code: string;
  readonly sourceId: (n: number) => string;
  /** Probability that the field is filled. */
  readonly fill: { readonly birthDate: number; readonly phone: number; readonly email: number; readonly address: number };
  readonly phoneFormats: readonly PhoneFormat[];
  /** Probability of giving the landline when the person has both. */
  readonly landline: number;
  readonly nickname: number;
  /** Multiplies every keying-error probability. */
  readonly sloppiness: number;
  readonly abbreviateStreet: number;
  /** A legacy system: no accents, names in capitals. */
  readonly asciiOnly: number;
  readonly upperCase: number;
}

export const SOURCES: readonly SourceStyle[] = [
  {
    code: 'crm',
    sourceId: (n) => `CRM-${String(n).padStart(6, '0')}`,
    fill: { birthDate: 0.9, phone: 0.85, email: 0.85, address: 0.95 },
    phoneFormats: ['international', 'international', 'e164'],
    landline: 0.3,
    nickname: 0.05,
    sloppiness: 0.6,
    abbreviateStreet: 0.25,
    asciiOnly: 0,
    upperCase: 0,
  },
  {
    code: 'webshop',
    sourceId: (n) => String(100_000 + n * 7),
    fill: { birthDate: 0.3, phone: 0.7, email: 1, address: 0.9 },
    phoneFormats: ['national', 'compact', 'e164', 'international'],
    landline: 0.1,
    nickname: 0.2,
    sloppiness: 1,
    abbreviateStreet: 0.5,
    asciiOnly: 0.1,
    upperCase: 0.03,
  },
  {
    code: 'billing',
    sourceId: (n) => `D${String(n * 13 + 4_000).padStart(7, '0')}`,
    fill: { birthDate: 0.55, phone: 0.6, email: 0.45, address: 1 },
    phoneFormats: ['national', 'compact', 'compact'],
    landline: 0.55,
    nickname: 0.02,
    sloppiness: 0.8,
    abbreviateStreet: 0.6,
    asciiOnly: 0.7,
    upperCase: 0.5,
  },
  {
    // Paper sign-up forms keyed in at the till: more slips, more nicknames.
    code: 'loyalty',
    sourceId: (n) => `6034${String(n * 31 + 11).padStart(9, '0')}`,
    fill: { birthDate: 0.8, phone: 0.85, email: 0.6, address: 0.75 },
    phoneFormats: ['national', 'national', 'compact'],
    landline: 0.25,
    nickname: 0.3,
    sloppiness: 2,
    abbreviateStreet: 0.5,
    asciiOnly: 0.05,
    upperCase: 0.1,
  },
];

/** Per-record keying-error rates before a source's sloppiness. */
const SLIP = { givenTypo: 0.04, familyTypo: 0.04, streetTypo: 0.03, emailTypo: 0.01, initial: 0.03, swapped: 0.015, transposed: 0.025, yearSlip: 0.015 };

const CITY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  München: ['Muenchen', 'Munich'],
  Köln: ['Koeln', 'Cologne'],
  'Frankfurt am Main': ['Frankfurt', 'Frankfurt a.M.'],
  "'s-Gravenhage": ['Den Haag', 'The Hague'],
  'Saint-Étienne': ['St-Étienne', 'St Etienne'],
  Roma: ['Rome'],
  Milano: ['Milan'],
  Napoli: ['Naples'],
  Firenze: ['Florence'],
  Sevilla: ['Seville'],
  London: ['LONDON', 'London SW'],
};

/**
 * One record of `person` as `style`'s system holds it, captured at `moment` (0 = long ago, 1 = now): an
 * old moment gives the address before a move and the name before a marriage.
 */
export function renderRecord(random: Random, person: Person, style: SourceStyle, moment: number, sourceId: string): string[] {
  const { country } = person;
  const chance = (p: number) => random() < p;
  const slip = (p: number) => random() < p * style.sloppiness;
  const ascii = chance(style.asciiOnly);
  const upper = chance(style.upperCase);

  let given = person.given;
  const nicknames = country.nicknames[given] ?? [];
  if (nicknames.length > 0 && chance(style.nickname)) given = pick(random, nicknames);
  if (slip(SLIP.initial)) given = initials(given, chance(0.5));
  else if (slip(SLIP.givenTypo)) given = typo(random, given);

  let family = moment < 0.4 && person.formerFamily ? person.formerFamily : person.family;
  family = familyVariant(random, family, country, style.code === 'crm');
  if (slip(SLIP.familyTypo)) family = typo(random, family);
  if (person.generation && country.suffixes && chance(0.4)) {
    const suffix = pick(random, country.suffixes[person.generation]);
    if (chance(0.5)) family = `${family} ${suffix}`;
    else given = `${given} ${suffix}`;
  }
  if (slip(SLIP.swapped)) [given, family] = [family, given];

  let birth = person.birth;
  if (slip(SLIP.transposed)) birth = transposeDayMonth(birth);
  if (slip(SLIP.yearSlip)) birth = yearSlip(random, birth);

  const email = chance(style.fill.email) ? chooseEmail(random, person, style, slip) : '';
  const phone = choosePhone(random, person, style);
  const home = person.addresses[person.addresses.length > 1 && moment >= 0.5 ? 1 : 0];
  const place = chance(style.fill.address) ? renderAddress(random, home, country, style, slip) : null;
  const countryCell = place || phone || chance(0.5) ? (chance(0.97) ? country.code : '') : '';

  const text = (value: string) => {
    const folded = ascii ? asciiFold(value, country.code === 'DE' && chance(0.5)) : value;
    return upper ? folded.toUpperCase() : folded;
  };
  return [
    sourceId,
    text(given),
    text(family),
    email,
    phone,
    chance(style.fill.birthDate) ? isoDate(birth) : '',
    place ? text(place.line1) : '',
    place ? text(place.line2) : '',
    place ? text(place.city) : '',
    place?.postcode ?? '',
    place?.region ?? '',
    countryCell,
  ];
}

/** J. or J for a given name; J.-P. or J.P. for a compound one. */
function initials(given: string, dotted: boolean): string {
  const parts = given.split(/([ -])/).filter((p) => p.trim() !== '' && p !== '-' && p !== ' ');
  const dot = dotted ? '.' : '';
  return parts.map((p) => `${p[0]}${dot}`).join(given.includes('-') ? '-' : dotted ? '' : ' ');
}

/** The ways systems keep a family name: particles capitalised, a second Spanish surname dropped, a double name halved. */
function familyVariant(random: Random, family: string, country: Country, careful: boolean): string {
  const r = random();
  if (country.twoFamilyNames && family.includes(' ')) {
    const parts = family.split(' ');
    // Systems built abroad keep one family name; careful ones both; some join them with a hyphen.
    if (!careful && r < 0.35) return parts.slice(0, parts.length - 1 - (parts.at(-2) && /^(de|del|la)$/.test(parts.at(-2)!) ? 1 : 0)).join(' ') || parts[0];
    if (r > 0.93) return parts.join('-');
    return family;
  }
  if (/^(van|de|von|le|la|di|del|lo|d')\b/i.test(family)) {
    if (r < 0.2) return titleCase(family);
    if (r < 0.25 && !careful) return family.replace(/^(?:(?:van|de|von|der|den|'t|le|la|di|lo)\s+)+/i, '');
    return family;
  }
  if (family.includes('-')) {
    if (r < 0.1 && !careful) return family.split('-')[0];
    if (r < 0.2) return family.replace('-', ' ');
  }
  return family;
}

function chooseEmail(random: Random, person: Person, style: SourceStyle, slip: (p: number) => boolean): string {
  let email: string;
  if (person.sharedEmail && random() < 0.45) email = person.sharedEmail;
  else if (person.emails.length > 1 && random() < 0.35) email = pick(random, person.emails.slice(1));
  else email = person.emails[0];
  if (slip(SLIP.emailTypo)) {
    const [local, domain] = email.split('@');
    email = `${typo(random, local).toLowerCase().replace(/[^a-z0-9._-]/g, '') || local}@${domain}`;
  }
  if (style.code === 'billing' && random() < 0.3) email = email.toUpperCase();
  return email;
}

function choosePhone(random: Random, person: Person, style: SourceStyle): string {
  if (random() >= style.fill.phone) return '';
  const choice = person.landline && (!person.mobile || random() < style.landline) ? person.landline : person.mobile;
  return choice ? formatPhone(choice, pick(random, style.phoneFormats)) : '';
}

export function formatPhone(phone: Phone, format: PhoneFormat): string {
  const { country, area, subscriber } = phone;
  switch (format) {
    case 'e164':
      return `+${country.dialCode}${area}${subscriber}`;
    case 'compact':
      return country.trunk + area + subscriber;
    case 'national':
      return country.groupNational(country.trunk + area, subscriber);
    case 'international': {
      // The trunk digit goes; a French or Spanish number keeps its national grouping.
      const grouped = country.code === 'FR' ? `${area} ${subscriber.replace(/(\d{2})(?=\d)/g, '$1 ')}` : country.groupNational(area, subscriber);
      return `+${country.dialCode} ${grouped.replace(/[()]/g, '').replace(/-/g, ' ')}`;
    }
  }
}

interface PlaceCells {
  line1: string;
  line2: string;
  city: string;
  postcode: string;
  region: string;
}

function renderAddress(random: Random, address: Address, country: Country, style: SourceStyle, slip: (p: number) => boolean): PlaceCells {
  const type = country.streetTypes[address.streetType];
  const short = random() < style.abbreviateStreet;
  const typeWord = short ? type.short : type.full;
  let street: string;
  switch (country.code) {
    case 'GB':
    case 'US':
      street = `${address.number} ${address.streetName} ${typeWord}`;
      break;
    case 'FR':
      street = `${address.number}${random() < 0.3 ? ',' : ''} ${random() < 0.2 ? titleCase(typeWord) : typeWord} ${address.streetName}`;
      break;
    case 'DE':
    case 'NL':
      // Compounds: Hauptstraße, Hauptstr., Hauptstrasse; Friedrich-Ebert-Straße keeps its hyphen.
      street = `${address.streetName}${address.streetName.endsWith('-') ? titleCase(typeWord) : typeWord} ${address.number}`;
      if (country.code === 'DE' && !short && random() < 0.2) street = street.replace('ß', 'ss');
      break;
    default:
      street = `${typeWord}${typeWord.endsWith('/') ? ' ' : ' '}${address.streetName}${random() < 0.4 ? ',' : ''} ${address.number}`;
  }
  if (slip(SLIP.streetTypo)) street = typo(random, street);
  let line2 = address.line2 ?? '';
  // Some systems have one address line: the flat goes after the street, or is lost.
  if (line2 && random() < 0.3) {
    street = country.code === 'GB' || country.code === 'FR' ? `${line2}, ${street}` : `${street}, ${line2}`;
    line2 = '';
  } else if (line2 && random() < 0.15) line2 = '';
  const aliases = CITY_ALIASES[address.town.name];
  const city = aliases && random() < 0.15 ? pick(random, aliases) : address.town.name;
  let postcode = address.postcode;
  if ((country.code === 'NL' || country.code === 'GB') && random() < 0.3) postcode = postcode.replace(' ', '');
  if (random() < 0.04) postcode = '';
  return { line1: street, line2, city, postcode, region: address.town.region ?? '' };
}
