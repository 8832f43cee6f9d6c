import type { Random } from './robustness';

/**
 * Customer records for the crash and concurrency tests: people described by several sources with
 * overlapping duplicates. Every record of one person carries the same email (in different cases) so
 * that all of them match each other directly, whatever order they arrive in: the right clusters are
 * known, and any difference is the hub's doing. Twins (same family name, phone and address, other given
 * name and email) are the near misses that must stay apart.
 */
export interface Person {
  readonly id: number;
  readonly givenName: string;
  readonly familyName: string;
  readonly email: string;
  readonly phone: string;
  readonly city: string;
  readonly birthDate: string;
}

const GIVEN = ['Ann', 'Bob', 'Carla', 'Dmitri', 'Eva', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemal', 'Lena', 'Marco', 'Nadia', 'Oskar', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Tara'];
const FAMILY = ['Lee', 'Stone', 'Nguyen', 'Okafor', 'Schmidt', 'Rossi', 'Dubois', 'Tanaka', 'Silva', 'Kowalski', 'Haddad', 'Larsen', 'Murphy', 'Novak', 'Fischer', 'Moreau'];
const CITIES = ['Sydney', 'Melbourne', 'Brisbane', 'Perth', 'Adelaide', 'Hobart', 'Darwin', 'Canberra'];

export const SOURCES = ['crm', 'erp', 'shop'] as const;
export type Source = (typeof SOURCES)[number];

export function people(count: number): Person[] {
  return Array.from({ length: count }, (_, id) => {
    // Twins: every 25th person shares family name, phone and city with the one before, not the given name or email.
    const twinOf = id % 25 === 24 ? id - 1 : id;
    // Unique per person (but twins): two people with one name in one city could rightly be linked.
    const familyName = `${FAMILY[twinOf % FAMILY.length]}${String.fromCharCode(97 + (Math.floor(twinOf / 26) % 26))}${String.fromCharCode(97 + (twinOf % 26))}`;
    const givenName = GIVEN[(id * 7) % GIVEN.length];
    return {
      id,
      givenName: id === twinOf ? givenName : GIVEN[(id * 7 + 5) % GIVEN.length],
      familyName,
      email: `${givenName.toLowerCase()}.${familyName.toLowerCase()}.${id}@example.com`,
      phone: `+61 2 ${String(90_000_000 + twinOf * 37).slice(0, 4)} ${String(90_000_000 + twinOf * 37).slice(4)}`,
      city: CITIES[twinOf % CITIES.length],
      birthDate: `19${String(50 + (id % 45)).padStart(2, '0')}-${String(1 + (id % 12)).padStart(2, '0')}-${String(1 + (id % 27)).padStart(2, '0')}`,
    };
  });
}

/** Which sources hold a person: every person is in at least one, most in two or three. */
export function sourcesOf(person: Person, random: Random): Source[] {
  const chosen = SOURCES.filter(() => random.chance(0.6));
  return chosen.length > 0 ? chosen : [SOURCES[person.id % SOURCES.length]];
}

/** The record a source keeps of a person, in that source's style; `version` changes what an update changes. */
export function customerRecord(person: Person, source: Source, version = 0): Record<string, unknown> {
  const base = { sourceId: `${source}-${person.id}` };
  const address = version === 0 ? {} : { addressLine1: `${version} ${person.familyName} Street` };
  switch (source) {
    case 'crm':
      return { ...base, givenName: person.givenName, familyName: person.familyName, email: person.email, phone: person.phone, city: person.city, country: 'AU', ...address };
    case 'erp':
      return {
        ...base,
        givenName: person.givenName.toUpperCase(),
        familyName: person.familyName.toUpperCase(),
        email: person.email.toUpperCase(),
        birthDate: person.birthDate,
        city: person.city,
        ...address,
      };
    case 'shop':
      return { ...base, givenName: person.givenName, familyName: person.familyName, email: person.email[0].toUpperCase() + person.email.slice(1), ...address };
  }
}

export const INGEST = `mutation Ingest($source: String!, $records: [JSON!]!) {
  ingestCustomers(source: $source, records: $records) {
    results { index sourceId outcome goldenId errors { field code message } warnings { code } }
    userErrors { code message }
  }
}`;
