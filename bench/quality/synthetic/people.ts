// The true population of the synthetic customer benchmark: people with a name, birth date, address,
// phones and mail addresses, and the relations between them that make real customer data hard: couples
// and families sharing a household, twins, a junior living with his senior, and unrelated namesakes.
// Every related pair is recorded as a hard negative: two people a hub must keep apart.
import { pick } from '../../support/random';
import { COUNTRIES, randomBetween, subscriberDigits, type Country, type Sex, type Town } from './countries';
import type { HardNegative } from '../metrics';

export interface Phone {
  readonly country: Country;
  /** Area code or mobile prefix, without the trunk digit. */
  readonly area: string;
  readonly subscriber: string;
}

export interface Address {
  readonly number: string;
  readonly streetName: string;
  readonly streetType: number;
  readonly line2: string | null;
  readonly town: Town;
  readonly postcode: string;
}

export interface BirthDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export interface Person {
  readonly id: string;
  readonly country: Country;
  readonly sex: Sex;
  readonly given: string;
  /** The family name now. For Spain: both family names. */
  readonly family: string;
  /** The family name before marriage, which older records still carry. */
  readonly formerFamily: string | null;
  readonly birth: BirthDate;
  /** Oldest first: a person who moved has two. */
  readonly addresses: readonly Address[];
  /** The main personal address first; then another provider or a work address, if any. */
  readonly emails: readonly string[];
  /** A household mailbox shared with others (a couple's, a family's). */
  readonly sharedEmail: string | null;
  readonly mobile: Phone | null;
  readonly landline: Phone | null;
  /** Junior or senior of the same name in one household. */
  readonly generation: 'junior' | 'senior' | null;
}

export type HardNegativeKind = 'twins' | 'spouses' | 'junior/senior' | 'siblings' | 'namesakes';

export interface PlantedNegative extends HardNegative {
  readonly kind: HardNegativeKind;
}

export interface Population {
  readonly people: readonly Person[];
  readonly negatives: readonly PlantedNegative[];
}

/** How many related pairs per 1,000 people: a customer base where some households hold two customers. */
const PAIRS_PER_THOUSAND: Readonly<Record<HardNegativeKind, number>> = { spouses: 50, siblings: 18, 'junior/senior': 12, twins: 8, namesakes: 25 };

type Random = () => number;

export function generatePopulation(random: Random, size: number): Population {
  const people: Person[] = [];
  const negatives: PlantedNegative[] = [];
  const nextId = () => `person-${String(people.length + 1).padStart(4, '0')}`;
  // A mailbox belongs to one person (a household's shared one aside): a taken address gets a number, as
  // the provider would have insisted on.
  const taken = new Set<string>();
  const own = (email: string): string => {
    let candidate = email;
    while (taken.has(candidate)) candidate = email.replace('@', `${randomBetween(random, 1, 99)}@`);
    taken.add(candidate);
    return candidate;
  };
  const add = (person: Omit<Person, 'id'>): Person => {
    const full = { ...person, emails: person.emails.map(own), id: nextId() };
    people.push(full);
    return full;
  };
  const plant = (kind: HardNegativeKind, a: Person, b: Person) => negatives.push({ kind, entities: [a.id, b.id] });

  const scale = size / 1000;
  for (const [kind, perThousand] of Object.entries(PAIRS_PER_THOUSAND) as [HardNegativeKind, number][]) {
    for (let i = 0; i < Math.round(perThousand * scale); i++) {
      const [a, b] = relatedPair(random, kind);
      plant(kind, add(a), add(b));
    }
  }
  while (people.length < size) add(newPerson(random, pickCountry(random)));
  return { people: shuffle(random, people), negatives };
}

function relatedPair(random: Random, kind: HardNegativeKind): [Omit<Person, 'id'>, Omit<Person, 'id'>] {
  const country = pickCountry(random);
  // A couple is written husband first, a junior/senior pair senior first: both men in the first case.
  const male = kind === 'spouses' || kind === 'junior/senior';
  const first = newPerson(random, country, { sex: male ? 'm' : undefined, landlineShare: kind === 'namesakes' ? 0.4 : 0.85, adult: kind === 'junior/senior' ? 'senior' : undefined });
  const household = { addresses: first.addresses, landline: first.landline ?? landline(random, first.addresses[0].town) };
  switch (kind) {
    case 'twins': {
      const sex: Sex = random() < 0.65 ? first.sex : other(first.sex);
      const second = newPerson(random, country, { sex, family: first.family, birth: first.birth, ...household, avoidGiven: first.given });
      return [{ ...first, ...household }, second];
    }
    case 'siblings': {
      const birth = shiftYears(random, first.birth, randomBetween(random, 1, 9) * (random() < 0.5 ? -1 : 1));
      // Half still live in (or give) the family home; the others live elsewhere.
      const shared = random() < 0.5;
      const second = newPerson(random, country, { family: first.family, birth, avoidGiven: first.given, ...(shared ? household : {}) });
      return [shared ? { ...first, ...household } : first, second];
    }
    case 'spouses': {
      // A couple of the same family name where the country's custom gives one; the wife's older records
      // may still carry her maiden name.
      const husband = first;
      const birth = shiftYears(random, husband.birth, randomBetween(random, -8, 3));
      // Her own family name given, so that newPerson does not marry her to somebody else.
      const wifeOwn = newPerson(random, country, { sex: 'f', birth, family: familyName(random, country), ...household });
      const mailbox = random() < 0.3 ? householdMailbox(random, country, husband.family) : null;
      const married = marriedName(country, wifeOwn.family, husband.family, random);
      const wife = { ...wifeOwn, family: married ?? wifeOwn.family, formerFamily: married && random() < 0.3 ? wifeOwn.family : null, sharedEmail: mailbox };
      return [{ ...husband, ...household, sharedEmail: mailbox }, wife];
    }
    case 'junior/senior': {
      const senior = first;
      const birth = shiftYears(random, senior.birth, randomBetween(random, 20, 40));
      const junior = newPerson(random, country, { sex: 'm', given: senior.given, family: senior.family, birth, ...household });
      const mailbox = random() < 0.35 ? householdMailbox(random, country, senior.family) : null;
      return [
        { ...senior, ...household, generation: 'senior', sharedEmail: mailbox },
        { ...junior, generation: 'junior', sharedEmail: mailbox },
      ];
    }
    case 'namesakes': {
      // Same full name, otherwise strangers: another town, or the same town and another birth date.
      const elsewhere = random() < 0.7;
      const town = elsewhere ? pick(random, country.towns.filter((t) => t !== first.addresses[0].town)) : first.addresses[0].town;
      const second = newPerson(random, country, { sex: first.sex, given: first.given, family: first.family, town });
      return [first, second];
    }
  }
}

interface PersonOptions {
  sex?: Sex;
  given?: string;
  avoidGiven?: string;
  family?: string;
  birth?: BirthDate;
  town?: Town;
  addresses?: readonly Address[];
  landline?: Phone | null;
  landlineShare?: number;
  adult?: 'senior';
}

export function newPerson(random: Random, country: Country, options: PersonOptions = {}): Omit<Person, 'id'> {
  const sex = options.sex ?? (random() < 0.5 ? 'f' : 'm');
  let given = options.given ?? pick(random, country.given[sex]);
  while (given === options.avoidGiven) given = pick(random, country.given[sex]);
  const family = options.family ?? familyName(random, country);
  const birth = options.birth ?? birthDate(random, options.adult === 'senior' ? [1935, 1965] : [1940, 2004]);
  const town = options.town ?? pick(random, country.towns);
  const addresses = options.addresses ?? (random() < 0.15 ? [address(random, country, town), address(random, country, random() < 0.6 ? town : pick(random, country.towns))] : [address(random, country, town)]);
  const mobile = random() < 0.85 ? mobileNumber(random, country, addresses[0].town) : null;
  const fixed = options.landline !== undefined ? options.landline : random() < (options.landlineShare ?? 0.35) ? landline(random, addresses[0].town) : null;
  const emails = [personalEmail(random, country, given, family, birth)];
  if (random() < 0.25) emails.push(personalEmail(random, country, given, family, birth));
  if (random() < 0.2) emails.push(workEmail(random, country, given, family));
  // Married women of countries where the name changes: older records carry the maiden name.
  let currentFamily = family;
  let formerFamily: string | null = null;
  if (sex === 'f' && !options.family && birth.year < 1998 && random() < 0.08) {
    const married = marriedName(country, family, familyName(random, country), random);
    if (married) [currentFamily, formerFamily] = [married, family];
  }
  return { country, sex, given, family: currentFamily, formerFamily, birth, addresses, emails: [...new Set(emails)], sharedEmail: null, mobile: mobile ?? (fixed ? null : mobileNumber(random, country, addresses[0].town)), landline: fixed, generation: null };
}

function pickCountry(random: Random): Country {
  let at = random() * COUNTRIES.reduce((sum, c) => sum + c.weight, 0);
  for (const country of COUNTRIES) {
    at -= country.weight;
    if (at < 0) return country;
  }
  return COUNTRIES[COUNTRIES.length - 1];
}

function familyName(random: Random, country: Country): string {
  if (!country.twoFamilyNames) return pick(random, country.family);
  let second = pick(random, country.family);
  const first = pick(random, country.family);
  while (second === first) second = pick(random, country.family);
  return `${first} ${second}`;
}

function marriedName(country: Country, own: string, husbands: string, random: Random): string | null {
  if (country.marriedNameChange === 'none' || own === husbands) return null;
  // Dutch women usually keep their name and put the husband's first (de Vries-Jansen); some German ones too.
  if (country.marriedNameChange === 'double' || (country.code === 'DE' && random() < 0.2)) return `${husbands}-${own}`;
  return husbands;
}

function birthDate(random: Random, [from, to]: [number, number]): BirthDate {
  const year = randomBetween(random, from, to);
  const month = randomBetween(random, 1, 12);
  return { year, month, day: randomBetween(random, 1, daysIn(year, month)) };
}

export function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function shiftYears(random: Random, birth: BirthDate, years: number): BirthDate {
  const year = birth.year + years;
  const month = randomBetween(random, 1, 12);
  return { year, month, day: randomBetween(random, 1, daysIn(year, month)) };
}

function address(random: Random, country: Country, town: Town): Address {
  const number = country.code === 'NL' && random() < 0.15 ? `${randomBetween(random, 1, 250)}${pick(random, ['A', 'B', '-II', '-1'])}` : String(randomBetween(random, 1, country.code === 'US' ? 9800 : 180));
  const hasLine2 = random() < (country.code === 'ES' ? 0.85 : country.code === 'IT' ? 0.4 : 0.2);
  return {
    number,
    streetName: pick(random, country.streetNames),
    streetType: Math.floor(random() * country.streetTypes.length),
    line2: hasLine2 ? country.line2(random) : null,
    town,
    postcode: town.postcode(random),
  };
}

function mobileNumber(random: Random, country: Country, town: Town): Phone {
  if (country.code === 'US') return { country, area: town.area, subscriber: subscriberDigits(random, 7) };
  return { country, area: pick(random, country.mobile.prefixes), subscriber: subscriberDigits(random, country.mobile.digits) };
}

function landline(random: Random, town: Town): Phone {
  const country = COUNTRIES.find((c) => c.towns.includes(town))!;
  return { country, area: town.area, subscriber: subscriberDigits(random, town.local) };
}

/** Mail-safe ASCII of a name: diacritics off (ü → ue for German), no spaces or apostrophes. */
export function mailName(name: string, country: Country): string {
  const german = country.code === 'DE' ? name.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss').replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue') : name;
  return german
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '');
}

function personalEmail(random: Random, country: Country, given: string, family: string, birth: BirthDate): string {
  const g = mailName(given.split(/[ -]/)[0], country);
  // Spaniards write their first family name in a mail address; the Dutch drop the particle.
  const f = mailName(country.twoFamilyNames ? family.split(' ').filter((p) => !/^(de|del|la)$/.test(p))[0] : family, country);
  const yy = String(birth.year % 100).padStart(2, '0');
  const local = pick(random, [`${g}.${f}`, `${g}.${f}`, `${g[0]}${f}`, `${g}${f}`, `${f}.${g}`, `${g}_${f}`, `${g}.${f}${yy}`, `${g}${f}${randomBetween(random, 1, 99)}`, `${g}${birth.year}`, `${f}${g[0]}`]);
  return `${local}@${pick(random, country.providers)}`;
}

function workEmail(random: Random, country: Country, given: string, family: string): string {
  const g = mailName(given.split(/[ -]/)[0], country);
  const f = mailName(family.split(' ')[0] === 'van' || family.startsWith('de ') ? family : family.split(' ')[0], country);
  return `${random() < 0.7 ? `${g}.${f}` : `${g[0]}${f}`}@${pick(random, country.employers)}`;
}

function householdMailbox(random: Random, country: Country, family: string): string {
  const f = mailName(family.split(' ')[0], country);
  const local = pick(random, [`${f}.family`, `familie.${f}`, `the${f}s`, `${f}home`, `${f}${randomBetween(random, 1, 99)}`, `casa.${f}`]);
  return `${local}@${pick(random, country.providers)}`;
}

function other(sex: Sex): Sex {
  return sex === 'f' ? 'm' : 'f';
}

export function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
