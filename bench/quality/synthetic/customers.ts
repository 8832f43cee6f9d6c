// The synthetic-customers dataset of bench:quality: a population (people.ts) described by four source
// systems (records.ts), generated in memory from a seed. Blind by construction: built from how customer
// data looks in the wild, not from the hub's rules, so it measures what users will meet, including the
// related people (twins, spouses, junior/senior, siblings, namesakes) a hub must never merge.
import { seededRandom } from '../../support/random';
import { generatePopulation, shuffle, type PlantedNegative, type Person } from './people';
import { HEADER, renderRecord, SOURCES } from './records';

export const SYNTHETIC_SEED = 20_261_128;

export interface SyntheticTable {
  readonly code: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly sourceIds: readonly string[];
  readonly entities: readonly string[];
}

export interface SyntheticCustomers {
  readonly people: readonly Person[];
  readonly sources: readonly SyntheticTable[];
  readonly negatives: readonly PlantedNegative[];
}

/** How many of the four systems know a person (1 to 4), by weight: most customers use two or three channels. */
const SYSTEMS_PER_PERSON = [0.1, 0.3, 0.35, 0.25];
/** Share of people registered twice in one system (a second web account, a new loyalty card after a move). */
const SECOND_RECORD_IN_A_SOURCE = 0.15;

export function generateSyntheticCustomers(seed = SYNTHETIC_SEED, people = 1_000): SyntheticCustomers {
  const random = seededRandom(seed);
  const population = generatePopulation(random, people);
  const drafts = new Map(SOURCES.map((style) => [style.code, [] as { person: Person; moment: number }[]]));
  for (const person of population.people) {
    const systems = shuffle(random, SOURCES).slice(0, countOf(random()));
    for (const style of systems) drafts.get(style.code)!.push({ person, moment: random() });
    if (random() < SECOND_RECORD_IN_A_SOURCE) drafts.get(systems[0].code)!.push({ person, moment: random() });
  }
  const sources = SOURCES.map((style) => {
    // Rows in no particular order, as an export would list them, with ids in the system's own scheme.
    const rows = shuffle(random, drafts.get(style.code)!).map(({ person, moment }, n) => ({ person, row: renderRecord(random, person, style, moment, style.sourceId(n + 1)) }));
    return { code: style.code, header: [...HEADER], rows: rows.map((r) => r.row), sourceIds: rows.map((r) => r.row[0]), entities: rows.map((r) => r.person.id) };
  });
  return { people: population.people, sources, negatives: population.negatives };
}

function countOf(draw: number): number {
  let at = draw;
  for (let i = 0; i < SYSTEMS_PER_PERSON.length; i++) {
    at -= SYSTEMS_PER_PERSON[i];
    if (at < 0) return i + 1;
  }
  return SYSTEMS_PER_PERSON.length;
}

/** The true pairs of a dedup task: n(n−1)/2 per person over all their records. */
export function truePairsOf(sources: readonly SyntheticTable[]): number {
  const counts = new Map<string, number>();
  for (const source of sources) for (const entity of source.entities) counts.set(entity, (counts.get(entity) ?? 0) + 1);
  let pairs = 0;
  for (const n of counts.values()) pairs += (n * (n - 1)) / 2;
  return pairs;
}
