import { pick, seededRandom } from './random';

// Name and place pools about as varied as a real customer base: a few hundred given names, a few thousand
// family names and a few hundred towns, built from syllables so that blocking keys spread as they would.
const GIVEN_ROOTS = ['Anna', 'Ben', 'Carla', 'David', 'Emma', 'Felix', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Karl', 'Lena', 'Mia', 'Noah', 'Olga', 'Paul', 'Rosa', 'Sven', 'Tara', 'Uwe', 'Vera', 'Wim', 'Xenia', 'Yusuf', 'Zoe'];
const GIVEN = GIVEN_ROOTS.flatMap((root) => [root, `${root}lie`, `${root}ne`, `${root}ta`, `${root}mar`, `${root}bert`, `${root}ina`, `${root}o`]);
const SYLLABLES = ['ba', 'ke', 'lo', 'mi', 'nu', 'ra', 'si', 'to', 've', 'wu', 'dor', 'fen', 'gal', 'hin', 'jor', 'kas', 'lin', 'mor', 'nes', 'pet', 'ros', 'sch', 'tal', 'ulm', 'wen', 'zer', 'berg', 'mann', 'hof', 'feld'];
const FAMILY = SYLLABLES.flatMap((a) => SYLLABLES.map((b) => a[0].toUpperCase() + a.slice(1) + b));
const CITIES = SYLLABLES.flatMap((a) => ['stadt', 'dorf', 'burg', 'heim', 'hausen', 'bach', 'au'].map((b) => a[0].toUpperCase() + a.slice(1) + b));
const STREETS = ['Hauptstraße', 'Bahnhofstraße', 'Gartenweg', 'Schulstraße', 'Lindenallee', 'Bergstraße', 'Kirchplatz', 'Ringstraße'];

export interface GeneratedCustomer {
  readonly sourceId: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly email: string;
  readonly phone: string;
  readonly birthDate: string;
  readonly addressLine1: string;
  readonly city: string;
  readonly postalCode: string;
  readonly country: string;
}

/**
 * `count` customer records of which about `duplicateShare` re-describe an earlier person the way a second
 * system would: the email in other case and spacing, the phone in national format, a changed street.
 * Deterministic for a given seed.
 */
export function generateCustomers(count: number, duplicateShare = 0.3, seed = 42): GeneratedCustomer[] {
  const random = seededRandom(seed);
  const people: GeneratedCustomer[] = [];
  const out: GeneratedCustomer[] = [];
  for (let i = 0; i < count; i++) {
    if (people.length > 0 && random() < duplicateShare) {
      const original = pick(random, people);
      out.push({
        ...original,
        sourceId: `C${i}`,
        email: random() < 0.5 ? original.email.toUpperCase() : ` ${original.email} `,
        phone: original.phone.replace('+49 ', '0'),
        addressLine1: `${pick(random, STREETS)} ${1 + Math.floor(random() * 120)}`,
      });
      continue;
    }
    const givenName = pick(random, GIVEN);
    const familyName = pick(random, FAMILY);
    const person: GeneratedCustomer = {
      sourceId: `C${i}`,
      givenName,
      familyName,
      email: `${givenName}.${familyName}.${i}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, 'x'),
      phone: `+49 30 ${String(10_000_000 + Math.floor(random() * 89_999_999)).slice(0, 8)}`,
      birthDate: `${1940 + Math.floor(random() * 60)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
      addressLine1: `${pick(random, STREETS)} ${1 + Math.floor(random() * 120)}`,
      city: pick(random, CITIES),
      postalCode: String(10_000 + Math.floor(random() * 89_999)),
      country: 'DE',
    };
    people.push(person);
    out.push(person);
  }
  return out;
}
