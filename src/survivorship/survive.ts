import type { AttributeValue } from '../matching/engine/types';
import {
  DEFAULT_SURVIVORSHIP,
  type AttributeConflict,
  type AttributeProvenance,
  type Contributor,
  type Pins,
  type SurvivedRecord,
  type SurvivorRule,
  type SurvivorStrategy,
  type SurvivorshipRules,
  type TrustLookup,
} from './survivorship.types';

/** One thing that survives from one source record: a single attribute, or a group of linked attributes. */
interface Unit {
  readonly attributes: readonly string[];
  readonly strategy: SurvivorStrategy;
  readonly group?: string;
}

/** A criterion of a strategy's chain: negative when `a` beats `b`. */
type Criterion = (a: Contributor, b: Contributor) => number;

/**
 * Computes a golden record's attributes from its contributing source records, the survivorship rules and
 * the steward's pins. Each attribute (or linked group, which survives whole from one record) is chosen by
 * its strategy, and every strategy ends in a total order on (source, sourceId), so the result is a pure
 * function of the set of contributors: never of the order they arrived in. A missing value never beats a
 * present one; a pin beats everything.
 */
export function survive(
  contributors: readonly Contributor[],
  trust: TrustLookup,
  rules: SurvivorshipRules = DEFAULT_SURVIVORSHIP,
  pins: Pins = {},
): SurvivedRecord {
  // Most golden records have one source record and no pin: every value is its only value.
  if (contributors.length === 1 && !hasKeys(pins)) return surviveOne(contributors[0], rules, pins);
  return surviveAll(contributors, trust, rules, pins);
}

/** The general path of `survive` (exported for the tests that check the one-contributor path against it). */
export function surviveAll(
  contributors: readonly Contributor[],
  trust: TrustLookup,
  rules: SurvivorshipRules = DEFAULT_SURVIVORSHIP,
  pins: Pins = {},
): SurvivedRecord {
  const attributes: Record<string, AttributeValue> = {};
  const provenance: Record<string, AttributeProvenance> = {};
  const conflicts: AttributeConflict[] = [];
  for (const unit of unitsOf(contributors, rules, pins)) {
    const holders = contributors.filter((c) => unit.attributes.some((a) => c.attributes[a] !== undefined));
    if (holders.length === 0) continue;
    // Most golden records have one source record: nothing to rank then.
    const keyOf = valueKeys(unit);
    const chain = holders.length > 1 ? criteria(unit, holders, trust, keyOf) : [];
    const ranked = holders.length > 1 ? [...holders].sort((a, b) => rank(chain, a, b)) : holders;
    const [winner, runnerUp] = ranked;
    // What decided is what beat the best other value; records agreeing with the winner decide nothing.
    const winnerKey = runnerUp ? keyOf(winner) : '';
    const rival = runnerUp ? (ranked.find((c) => keyOf(c) !== winnerKey) ?? runnerUp) : undefined;
    const rule = rival ? decidingRule(chain, winner, rival) : 'only-value';
    // Votes count ROBERT and Robert as one value; the golden record shows it as written with care: under
    // most-frequent whatever case it won in, under any strategy a name-like value won in capitals (LONDON).
    const respelled = unit.strategy === 'most-frequent' && unit.attributes.length === 1 ? NOT_MIXED_CASE : SHOUTED;
    // A group's winner may lack a member (no region): the best other record that says the same wherever
    // both speak completes it. Never a record that disagrees: a street from one address and a town from another.
    const completer = unit.group ? ranked.slice(1).find((c) => completes(unit, winner, c)) : undefined;
    for (const attribute of unit.attributes) {
      const chosen = winner.attributes[attribute] !== undefined ? winner : completer?.attributes[attribute] !== undefined ? completer : undefined;
      if (!chosen) continue;
      const written = chosen.attributes[attribute];
      const from = typeof written === 'string' && respelled.plain(written) ? (mixedCaseSpelling(ranked, attribute, chosen, respelled) ?? chosen) : chosen;
      const value = from.attributes[attribute]!;
      attributes[attribute] = value;
      provenance[attribute] = wonFrom(from, value, unit.strategy, chosen === winner ? rule : 'completes-group', unit.group, candidatesFor(attribute, ranked.filter((c) => c !== from)));
    }
  }
  for (const [attribute, value] of Object.entries(pins)) {
    attributes[attribute] = value;
    const holders = contributors.filter((c) => c.attributes[attribute] !== undefined);
    provenance[attribute] = {
      value,
      sourceRecordId: null,
      source: null,
      sourceId: null,
      updatedAt: null,
      strategy: 'pinned',
      rule: 'pinned',
      candidates: candidatesFor(attribute, [...holders].sort(byIdentity)),
    };
  }
  for (const attribute of rules.conflictSensitive) {
    if (pins[attribute] !== undefined || !provenance[attribute]?.sourceRecordId) continue;
    const conflict = conflictOn(attribute, provenance[attribute], contributors, trust);
    if (conflict) conflicts.push(conflict);
  }
  return { attributes: sortedKeys(attributes), provenance: sortedKeys(provenance), conflicts };
}

/**
 * `survive` for one contributor and no pins, without ranking: what the general path gives then. Every
 * attribute it holds wins as its only value (no other record to rank against, to complete a group from or
 * to take a mixed-case spelling from), with no candidates, and no conflict (one value per attribute).
 */
function surviveOne(contributor: Contributor, rules: SurvivorshipRules, pins: Pins): SurvivedRecord {
  const units = unitOfAttribute(rules);
  const names = Object.keys(contributor.attributes).sort();
  const attributes: Record<string, AttributeValue> = {};
  const provenance: Record<string, AttributeProvenance> = {};
  for (const attribute of names) {
    const value = contributor.attributes[attribute];
    // `pins` has no keys, but an attribute named like a property of every object (toString) reads as pinned there.
    if (value === undefined || pins[attribute] !== undefined) continue;
    const unit = units.get(attribute);
    attributes[attribute] = value;
    provenance[attribute] = wonFrom(contributor, value, unit ? unit.strategy : (rules.attributes[attribute] ?? rules.default), 'only-value', unit?.group, []);
  }
  return { attributes, provenance, conflicts: [] };
}

const GROUP_UNITS = new WeakMap<SurvivorshipRules, ReadonlyMap<string, { strategy: SurvivorStrategy; group: string }>>();

/** Each grouped attribute's strategy and group, as `unitsOf` gives them (a later group wins, as its unit comes later), per rules object. */
function unitOfAttribute(rules: SurvivorshipRules): ReadonlyMap<string, { strategy: SurvivorStrategy; group: string }> {
  let units = GROUP_UNITS.get(rules);
  if (!units) {
    const map = new Map<string, { strategy: SurvivorStrategy; group: string }>();
    for (const g of rules.groups) for (const a of g.attributes) map.set(a, { strategy: g.strategy ?? rules.default, group: g.name });
    GROUP_UNITS.set(rules, (units = map));
  }
  return units;
}

/** The provenance of a value that survived from `from`. */
function wonFrom(
  from: Contributor,
  value: AttributeValue,
  strategy: SurvivorStrategy,
  rule: SurvivorRule,
  group: string | undefined,
  candidates: AttributeProvenance['candidates'],
): AttributeProvenance {
  return { value, sourceRecordId: from.sourceRecordId, source: from.source, sourceId: from.sourceId, updatedAt: from.updatedAt, strategy, rule, ...(group ? { group } : {}), candidates };
}

function hasKeys(record: object): boolean {
  for (const _ in record) return true;
  return false;
}

/** The groups that have a value, then every other attribute on its own; pinned attributes are left to the pins. */
function unitsOf(contributors: readonly Contributor[], rules: SurvivorshipRules, pins: Pins): Unit[] {
  const { grouped, groups } = groupsOf(rules);
  const units: Unit[] = [];
  for (const g of groups) {
    const attributes = g.attributes.filter((a) => pins[a] === undefined);
    if (attributes.length > 0) units.push(attributes.length === g.attributes.length ? g : { ...g, attributes });
  }
  const seen = new Set<string>();
  for (const c of contributors) for (const name of Object.keys(c.attributes)) seen.add(name);
  for (const name of [...seen].sort()) {
    if (!grouped.has(name) && pins[name] === undefined) units.push({ attributes: [name], strategy: rules.attributes[name] ?? rules.default });
  }
  return units;
}

const GROUPS = new WeakMap<SurvivorshipRules, { grouped: ReadonlySet<string>; groups: readonly Unit[] }>();

/** The rules' groups as units (before pins), and every grouped attribute: the same for every golden record. */
function groupsOf(rules: SurvivorshipRules): { grouped: ReadonlySet<string>; groups: readonly Unit[] } {
  let found = GROUPS.get(rules);
  if (!found) {
    found = {
      grouped: new Set(rules.groups.flatMap((g) => g.attributes)),
      groups: rules.groups.map((g) => ({ attributes: g.attributes, strategy: g.strategy ?? rules.default, group: g.name })),
    };
    GROUPS.set(rules, found);
  }
  return found;
}

function criteria(unit: Unit, holders: readonly Contributor[], trust: TrustLookup, keyOf: (c: Contributor) => string): [SurvivorRule, Criterion][] {
  // Trust of a group is the trust for its first attribute: the address as a whole.
  const attribute = unit.attributes[0];
  const byTrust: [SurvivorRule, Criterion] = ['source-trust', (a, b) => trust(b.source, attribute) - trust(a.source, attribute)];
  const byRecency: [SurvivorRule, Criterion] = ['most-recent', compareRecency];
  const tieBreak: [SurvivorRule, Criterion] = ['tie-break', byIdentity];
  switch (unit.strategy) {
    case 'source-priority':
      return [byTrust, byRecency, tieBreak];
    case 'most-recent':
      return [byRecency, byTrust, tieBreak];
    case 'most-complete':
      return [['most-complete', (a, b) => compareCompleteness(completeness(b, unit), completeness(a, unit))], byTrust, byRecency, tieBreak];
    case 'most-frequent': {
      const counts = new Map<string, number>();
      for (const c of holders) counts.set(keyOf(c), (counts.get(keyOf(c)) ?? 0) + 1);
      const frequency = (c: Contributor) => counts.get(keyOf(c))!;
      return [['most-frequent', (a, b) => frequency(b) - frequency(a)], byTrust, byRecency, tieBreak];
    }
  }
}

function rank(chain: readonly [SurvivorRule, Criterion][], a: Contributor, b: Contributor): number {
  for (const [, criterion] of chain) {
    const order = criterion(a, b);
    if (order !== 0) return order;
  }
  return 0;
}

function decidingRule(chain: readonly [SurvivorRule, Criterion][], winner: Contributor, runnerUp: Contributor): SurvivorRule {
  for (const [rule, criterion] of chain) if (criterion(winner, runnerUp) !== 0) return rule;
  return 'tie-break';
}

function compareRecency(a: Contributor, b: Contributor): number {
  if (a.updatedAt === b.updatedAt) return 0;
  if (a.updatedAt === null) return 1;
  if (b.updatedAt === null) return -1;
  return a.updatedAt > b.updatedAt ? -1 : 1;
}

function byIdentity(a: Contributor, b: Contributor): number {
  return compareStrings(a.source, b.source) || compareStrings(a.sourceId, b.sourceId);
}

/** [fields filled, characters]: more is more complete. */
function completeness(c: Contributor, unit: Unit): [number, number] {
  let filled = 0;
  let length = 0;
  for (const attribute of unit.attributes) {
    const value = c.attributes[attribute];
    if (value === undefined) continue;
    filled++;
    length += typeof value === 'string' ? value.trim().length : Array.isArray(value) ? value.length : 1;
  }
  return [filled, length];
}

function compareCompleteness(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** Which values are shown in another record's spelling (`plain`), and which spellings may replace them. */
interface Respelling {
  plain(value: string): boolean;
  mixed(value: string): boolean;
}

const isMixedCase = (value: string) => value !== value.toUpperCase() && value !== value.toLowerCase();
/** Any case but mixed (ROBERT, robert) becomes a mixed-case spelling (Robert), digits or not. */
const NOT_MIXED_CASE: Respelling = { plain: (value) => !isMixedCase(value), mixed: isMixedCase };
/** Capitals only (LONDON; not a postcode, which has digits) becomes a mixed-case spelling without digits. */
const SHOUTED: Respelling = {
  plain: (value) => /^[^\p{Ll}\d]*\p{Lu}[^\p{Ll}\d]*$/u.test(value),
  mixed: (value) => /^(?=.*\p{Lu})(?=.*\p{Ll})[^\d]*$/u.test(value),
};

/** The best-ranked other record holding the chosen value of `attribute` in a mixed-case spelling, if any. */
function mixedCaseSpelling(ranked: readonly Contributor[], attribute: string, chosen: Contributor, respelling: Respelling): Contributor | undefined {
  const key = voteKey(chosen.attributes[attribute]);
  return ranked.find((c) => {
    const value = c.attributes[attribute];
    return c !== chosen && typeof value === 'string' && respelling.mixed(value) && voteKey(value) === key;
  });
}

/**
 * Whether `other` can complete the winner's group: it holds a member the winner lacks, and agrees with
 * the winner on every member both hold (at least one).
 */
function completes(unit: Unit, winner: Contributor, other: Contributor): boolean {
  // Most records hold no member the winner lacks: then they complete nothing, whatever their values.
  if (!unit.attributes.some((a) => winner.attributes[a] === undefined && other.attributes[a] !== undefined)) return false;
  let shared = 0;
  let adds = false;
  for (const attribute of unit.attributes) {
    const [mine, theirs] = [winner.attributes[attribute], other.attributes[attribute]];
    if (theirs === undefined) continue;
    if (mine === undefined) adds = true;
    else if (voteKey(mine) !== voteKey(theirs)) return false;
    else shared++;
  }
  return adds && shared > 0;
}

/** Each contributor's value of a unit as votes count it, computed once per contributor (sorting asks often). */
function valueKeys(unit: Unit): (c: Contributor) => string {
  const keys = new Map<Contributor, string>();
  return (c) => {
    let key = keys.get(c);
    if (key === undefined) {
      key = JSON.stringify(unit.attributes.map((a) => foldedValue(c.attributes[a])));
      keys.set(c, key);
    }
    return key;
  };
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** One value as votes count it, comparable as a string. */
function voteKey(value: AttributeValue | undefined): string {
  return JSON.stringify(foldedValue(value));
}

/** A value as votes count it: ROBERT, Robert and " robert " are one value written three ways, not three values. */
function foldedValue(value: AttributeValue | undefined): AttributeValue | null {
  if (typeof value !== 'string') return value ?? null;
  // Printable ASCII is its own NFKC form and lower-cases the same in every locale: skip the costly calls.
  if (PRINTABLE_ASCII.test(value)) {
    // Its only white space is the space: without two in a row there is no run to collapse.
    const lower = value.toLowerCase();
    return (lower.includes('  ') ? lower.replace(/ +/g, ' ') : lower).trim();
  }
  return value.normalize('NFKC').toLocaleLowerCase('und').replace(/\s+/g, ' ').trim();
}

function candidatesFor(attribute: string, losers: readonly Contributor[]): AttributeProvenance['candidates'] {
  return losers
    .filter((c) => c.attributes[attribute] !== undefined)
    .map((c) => ({ value: c.attributes[attribute], source: c.source, sourceId: c.sourceId, sourceRecordId: c.sourceRecordId }));
}

/** Sources as trusted as the winner's that hold another value: the rules cannot decide, a steward must. */
function conflictOn(attribute: string, won: AttributeProvenance, contributors: readonly Contributor[], trust: TrustLookup): AttributeConflict | null {
  const level = trust(won.source!, attribute);
  const peers = contributors.filter((c) => c.attributes[attribute] !== undefined && trust(c.source, attribute) === level);
  const byValue = new Map<string, { value: AttributeValue; sourceRecordIds: string[] }>();
  for (const c of [...peers].sort(byIdentity)) {
    const key = voteKey(c.attributes[attribute]);
    const entry = byValue.get(key) ?? { value: c.attributes[attribute], sourceRecordIds: [] };
    entry.sourceRecordIds.push(c.sourceRecordId);
    byValue.set(key, entry);
  }
  if (byValue.size < 2) return null;
  return { attribute, values: [...byValue.values()].sort((a, b) => compareStrings(JSON.stringify(a.value), JSON.stringify(b.value))) };
}

function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareStrings(a, b)));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
