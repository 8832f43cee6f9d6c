import { pick, seededRandom } from './random';

const GIVEN = ['Anna', 'Ben', 'Carla', 'David', 'Emma', 'Felix', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Karl', 'Lena', 'Mia', 'Noah', 'Olga', 'Paul', 'Rosa', 'Sven', 'Tara', 'Uwe', 'Vera', 'Wim', 'Xenia', 'Yusuf', 'Zoe'];
const FAMILY = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf', 'Neumann', 'Schwarz', 'Braun', 'Zimmermann', 'Krüger', 'Hartmann', 'Lange', 'Werner', 'Krause', 'Lehmann', 'Köhler', 'Maier', 'Huber', 'Kaiser', 'Fuchs', 'Peters'];
const CITIES = ['Berlin', 'Hamburg', 'München', 'Köln', 'Frankfurt', 'Stuttgart', 'Düsseldorf', 'Leipzig', 'Dortmund', 'Essen', 'Bremen', 'Dresden'];
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
