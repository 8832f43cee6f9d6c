import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../src/common/database/database';
import { IngestionService } from '../src/ingestion/ingestion.service';
import { survivorshipOf } from '../src/matching/match-rules.loader';
import { MatchingService } from '../src/matching/matching.service';
import { StewardService } from '../src/stewardship/steward.service';
import { survive } from '../src/survivorship/survive';
import { addSource, DIALECTS, emptyHub, startTestHub, type TestHub } from './support/hub';

// A model-based test of stewardship: random sequences of ingest, merge, unmerge, not-a-match, force
// match, pin and replay against a reference model of what stewards decided, checking after every step
// that the hub keeps its promises: one golden record per live source record, decisions that hold
// across reloads, unmerges that restore what a merge joined, golden values that follow from the records.

/** People the commands send, each in a few spellings, so that the matcher links some and not others. */
const PEOPLE = [
  [
    { givenName: 'Robert', familyName: 'Miller', email: 'robert.miller@example.com', city: 'Sydney', birthDate: '1981-04-17' },
    { givenName: 'Bob', familyName: 'Miller', email: 'robert.miller@example.com', city: 'Sydney' },
  ],
  [
    { givenName: 'Amira', familyName: 'Haddad', email: 'amira@example.org', city: 'Leeds', birthDate: '1990-02-03' },
    { givenName: 'Amira', familyName: 'Hadad', email: 'amira@example.org', city: 'Leeds', birthDate: '1990-02-03' },
  ],
  [
    { givenName: 'Samir', familyName: 'Haddad', email: 'samir@example.org', city: 'Leeds', birthDate: '1990-02-03' },
    { givenName: 'Samir', familyName: 'Haddad', phone: '+44 113 496 0000', city: 'Leeds', country: 'GB' },
  ],
  [{ givenName: 'Olga', familyName: 'Petrova', email: 'olga@example.ru', city: 'Kazan' }],
] as const;
const SOURCES = ['crm', 'shop'] as const;
const PIN_VALUES = { city: ['Pinnedville', 'Stewardton'], email: ['pinned@example.net'] } as const;

interface Model {
  readonly run: number;
  /** Source key (source/sourceId) → the record last sent. */
  readonly sent: Map<string, Record<string, unknown>>;
  /** Pairs of source keys a steward said are not a match. */
  readonly cannotLinks: Set<string>;
  /** Golden id → attribute → pinned value (as pinned; moves to the survivor when its golden record is merged away). */
  readonly pins: Map<string, Map<string, string>>;
  /** Golden id → attribute → the golden record whose merge brought that pin: undoing the merge drops it. */
  readonly mergedPins: Map<string, Map<string, string>>;
  /** Golden id merged away → its pins then (and the merges that brought them): an unmerge that brings it back restores them. */
  readonly retiredPins: Map<string, { pins: Map<string, string>; brought: Map<string, string> }>;
  /** Golden ids this run created or touched; commands only act on these. */
  readonly goldens: Set<string>;
  /** The last merge, while nothing else has moved records since: an unmerge must restore it. */
  lastMerge: { survivor: string; merged: string; records: string[] } | null;
}

interface Real {
  readonly hub: TestHub;
}

interface State {
  readonly records: { id: string; key: string; goldenId: string; previousGoldenIds: string[]; deleted: boolean; normalized: Record<string, unknown>; source: string; sourceId: string; updatedAt: string | null }[];
  readonly goldens: Map<
    string,
    { id: string; status: string; mergedInto: string | null; version: number; attributes: Record<string, unknown>; pins: Record<string, { value: unknown; mergedFrom?: string[] }> }
  >;
}

async function readState(real: Real): Promise<State> {
  const db = real.hub.server.app.get(Database);
  const records = (await db.query('SELECT id, source, source_id, golden_id, previous_golden_ids, deleted, normalized, source_updated_at FROM source_record')).map((r) => ({
    id: r.id as string,
    key: `${r.source}/${r.source_id}`,
    goldenId: r.golden_id as string,
    previousGoldenIds: r.previous_golden_ids ? (JSON.parse(r.previous_golden_ids as string) as string[]) : [],
    deleted: Boolean(r.deleted),
    normalized: JSON.parse(r.normalized as string) as Record<string, unknown>,
    source: r.source as string,
    sourceId: r.source_id as string,
    updatedAt: (r.source_updated_at as string | null) ?? null,
  }));
  const goldens = new Map(
    (await db.query('SELECT id, status, merged_into, version, attributes, pins FROM golden_record')).map((g) => [
      g.id as string,
      {
        id: g.id as string,
        status: g.status as string,
        mergedInto: (g.merged_into as string | null) ?? null,
        version: Number(g.version),
        attributes: JSON.parse(g.attributes as string) as Record<string, unknown>,
        pins: g.pins ? (JSON.parse(g.pins as string) as Record<string, { value: unknown; mergedFrom?: string[] }>) : {},
      },
    ]),
  );
  return { records, goldens };
}

function activeGoldens(model: Model, state: State): string[] {
  return [...model.goldens].filter((id) => state.goldens.get(id)?.status === 'active').sort();
}

function membersOf(state: State, goldenId: string): string[] {
  return state.records.filter((r) => r.goldenId === goldenId).map((r) => r.key).sort();
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

function survivorOf(state: State, id: string): string {
  let current = id;
  for (let hops = 0; hops < 50; hops++) {
    const golden = state.goldens.get(current);
    if (golden?.status !== 'merged' || !golden.mergedInto) return current;
    current = golden.mergedInto;
  }
  return current;
}

async function checkInvariants(model: Model, real: Real): Promise<void> {
  const state = await readState(real);
  const matching = real.hub.server.app.get(MatchingService);
  for (const record of state.records) {
    // Every source record is linked to exactly one golden record, and it is a live one.
    expect(state.goldens.get(record.goldenId)?.status, `golden record of ${record.key}`).toBe('active');
  }
  for (const golden of state.goldens.values()) {
    const members = state.records.filter((r) => r.goldenId === golden.id);
    if (golden.status === 'merged') expect(members, `members of retired ${golden.id}`).toEqual([]);
    if (golden.status === 'active') {
      expect(members.length, `members of ${golden.id}`).toBeGreaterThan(0);
      // Golden values are a pure function of the records, the rules and the pins.
      const pins = Object.fromEntries(Object.entries(golden.pins).map(([a, p]) => [a, p.value])) as Record<string, string>;
      const contributors = members.map((m) => ({ sourceRecordId: m.id, source: m.source, sourceId: m.sourceId, updatedAt: m.updatedAt, attributes: m.normalized as never }));
      expect(golden.attributes).toEqual(survive(contributors, () => 50, survivorshipOf(matching.rules.customer), pins).attributes);
    }
  }
  const goldenOfKey = new Map(state.records.map((r) => [r.key, r.goldenId]));
  for (const pair of model.cannotLinks) {
    const [a, b] = pair.split('|');
    if (goldenOfKey.has(a) && goldenOfKey.has(b)) expect(goldenOfKey.get(a), `not a match: ${pair}`).not.toBe(goldenOfKey.get(b));
  }
  for (const [goldenId, pins] of model.pins) {
    const golden = state.goldens.get(survivorOf(state, goldenId))!;
    for (const [attribute, value] of pins) expect(golden.attributes[attribute], `pin ${attribute} of ${goldenId}`).toBe(value);
  }
  // No pin is left where the steward did not make it or a merge did not bring it (nor after that merge was undone).
  for (const goldenId of activeGoldens(model, state)) {
    const pins = Object.fromEntries(Object.entries(state.goldens.get(goldenId)!.pins).map(([a, p]) => [a, p.value]));
    expect(pins, `pins of ${goldenId}`).toEqual(Object.fromEntries(model.pins.get(goldenId) ?? []));
  }
}

/**
 * `merged` goes into `survivor`: its pins carry over where the survivor has none of its own, as brought by
 * that merge (undoing it drops them again); `merged` keeps them, to get them back if an unmerge revives it.
 */
function mergePins(model: Model, survivor: string, merged: string, survivorHas: (attribute: string) => boolean): void {
  const survivorPins = model.pins.get(survivor) ?? new Map<string, string>();
  const brought = model.mergedPins.get(survivor) ?? new Map<string, string>();
  const own = model.pins.get(merged) ?? new Map<string, string>();
  for (const [attribute, value] of own) {
    if (survivorPins.has(attribute) || survivorHas(attribute)) continue;
    survivorPins.set(attribute, value);
    brought.set(attribute, merged);
  }
  model.retiredPins.set(merged, { pins: new Map(own), brought: new Map(model.mergedPins.get(merged) ?? []) });
  model.pins.delete(merged);
  model.mergedPins.delete(merged);
  if (survivorPins.size > 0) model.pins.set(survivor, survivorPins);
  model.mergedPins.set(survivor, brought);
}

/**
 * A load may merge a golden record away (its only record changed and now matches another): its pins go to
 * the survivor as a steward's merge brings them, so a pin the steward then makes on the survivor replaces
 * them, and unmerging the record back takes them off the survivor and gives them back to their own.
 */
function followMatcherMerges(model: Model, state: State): void {
  for (const goldenId of [...model.goldens]) {
    if (state.goldens.get(goldenId)?.status !== 'merged' || model.retiredPins.has(goldenId)) continue;
    mergePins(model, survivorOf(state, goldenId), goldenId, () => false);
  }
}

/** What an unmerge decides: apart from the records it left, back with the ones it rejoined. */
function unmerged(model: Model, state: State, key: string, from: string, to: string): void {
  model.goldens.add(to);
  // A golden record merged away comes back with the pins it had then.
  const retired = model.retiredPins.get(to);
  if (retired) {
    model.retiredPins.delete(to);
    if (retired.pins.size > 0) model.pins.set(to, new Map(retired.pins));
    model.mergedPins.set(to, new Map(retired.brought));
  }
  for (const other of membersOf(state, from)) model.cannotLinks.add(pairKey(key, other));
  for (const other of membersOf(state, to)) model.cannotLinks.delete(pairKey(key, other));
  // The last record the merge of `to` brought has gone back: the pins that merge brought go too.
  if (state.records.some((r) => r.goldenId === from && r.previousGoldenIds.includes(to))) return;
  for (const [attribute, origin] of model.mergedPins.get(from) ?? []) {
    if (origin !== to) continue;
    model.pins.get(from)?.delete(attribute);
    model.mergedPins.get(from)!.delete(attribute);
  }
}

type Cmd = fc.AsyncCommand<Model, Real, false>;

class IngestCommand implements Cmd {
  constructor(
    readonly person: number,
    readonly variant: number,
    readonly source: number,
    readonly slot: number,
  ) {}
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    const spellings = PEOPLE[this.person];
    const record = { sourceId: `r${model.run}-p${this.person}-${this.slot}`, ...spellings[this.variant % spellings.length] };
    const source = SOURCES[this.source];
    const result = await real.hub.server.app.get(IngestionService).ingest({ entityType: 'customer', source, records: [record], actor: 'source:test' });
    expect(result.results[0].errors).toEqual([]);
    const key = `${source}/${record.sourceId}`;
    const previous = model.sent.get(key);
    model.sent.set(key, record);
    if (result.results[0].goldenId) model.goldens.add(result.results[0].goldenId);
    // A changed record may move (it was alone): the last merge is then no longer what an unmerge restores.
    if (previous && JSON.stringify(previous) !== JSON.stringify(record)) model.lastMerge = null;
    followMatcherMerges(model, await readState(real));
    await checkInvariants(model, real);
  }
  toString = () => `ingest(p${this.person}v${this.variant}@${SOURCES[this.source]}#${this.slot})`;
}

/** Re-sends every record as last sent: nothing may change. */
class ReplayCommand implements Cmd {
  check = (model: Readonly<Model>) => model.sent.size > 0;
  async run(model: Model, real: Real): Promise<void> {
    const before = await readState(real);
    for (const source of SOURCES) {
      const records = [...model.sent].filter(([key]) => key.startsWith(`${source}/`)).map(([, record]) => record);
      if (records.length === 0) continue;
      const result = await real.hub.server.app.get(IngestionService).ingest({ entityType: 'customer', source, records, actor: 'source:test' });
      expect(result.results.map((r) => r.outcome)).toEqual(records.map(() => 'UNCHANGED'));
    }
    const after = await readState(real);
    expect([...after.goldens.values()].map((g) => [g.id, g.version])).toEqual([...before.goldens.values()].map((g) => [g.id, g.version]));
    followMatcherMerges(model, after);
    await checkInvariants(model, real);
  }
  toString = () => 'replay';
}

abstract class PairCommand implements Cmd {
  constructor(
    readonly i: number,
    readonly j: number,
  ) {}
  check = (model: Readonly<Model>) => model.goldens.size >= 2;
  async run(model: Model, real: Real): Promise<void> {
    const state = await readState(real);
    const active = activeGoldens(model, state);
    if (active.length < 2) return;
    const a = active[this.i % active.length];
    const b = active[(this.i + 1 + (this.j % (active.length - 1))) % active.length];
    const versions = { [a]: state.goldens.get(a)!.version, [b]: state.goldens.get(b)!.version };
    await this.act(model, real, state, a, b, versions);
    await checkInvariants(model, real);
  }
  abstract act(model: Model, real: Real, state: State, a: string, b: string, versions: Record<string, number>): Promise<void>;
}

class MergeCommand extends PairCommand {
  constructor(
    i: number,
    j: number,
    readonly force: boolean,
  ) {
    super(i, j);
  }
  async act(model: Model, real: Real, state: State, a: string, b: string, versions: Record<string, number>): Promise<void> {
    const steward = real.hub.server.app.get(StewardService);
    const input = { actor: 'key:model', reason: 'model', expectedVersions: versions };
    await (this.force ? steward.forceMatch({ ...input, a, b }) : steward.mergeGoldenRecords({ ...input, survivorId: a, mergedIds: [b] }));
    const left = membersOf(state, a);
    const right = membersOf(state, b);
    // The steward decided they match: any not-a-match between them is lifted.
    for (const x of left) for (const y of right) model.cannotLinks.delete(pairKey(x, y));
    mergePins(model, a, b, (attribute) => state.goldens.get(a)!.pins[attribute] !== undefined);
    model.lastMerge = { survivor: a, merged: b, records: right };
  }
  toString = () => `${this.force ? 'forceMatch' : 'merge'}(${this.i},${this.j})`;
}

class NotAMatchCommand extends PairCommand {
  async act(model: Model, real: Real, state: State, a: string, b: string, versions: Record<string, number>): Promise<void> {
    await real.hub.server.app.get(StewardService).markNotAMatch({ a, b, actor: 'key:model', reason: 'model', expectedVersions: versions });
    for (const x of membersOf(state, a)) for (const y of membersOf(state, b)) model.cannotLinks.add(pairKey(x, y));
    model.lastMerge = null;
  }
  toString = () => `notAMatch(${this.i},${this.j})`;
}

/** Unmerges every record the last merge moved: they must end up together in their old golden record, under its id. */
class UnmergeLastMergeCommand implements Cmd {
  check = (model: Readonly<Model>) => model.lastMerge !== null;
  async run(model: Model, real: Real): Promise<void> {
    const { survivor, merged, records } = model.lastMerge!;
    const steward = real.hub.server.app.get(StewardService);
    for (const key of records) {
      const state = await readState(real);
      const record = state.records.find((r) => r.key === key)!;
      if (record.goldenId !== survivor || membersOf(state, survivor).length < 2) continue;
      const { to } = await steward.unmergeSourceRecord({ goldenId: survivor, sourceRecordId: record.id, actor: 'key:model', reason: 'model' });
      unmerged(model, await readState(real), key, survivor, to);
    }
    const state = await readState(real);
    expect(state.goldens.get(merged)?.status).toBe('active');
    expect(membersOf(state, merged)).toEqual([...records].sort());
    model.lastMerge = null;
    await checkInvariants(model, real);
  }
  toString = () => 'unmergeLastMerge';
}

/** Takes one record out of a golden record that has several: it must stay out on the next loads. */
class UnmergeCommand implements Cmd {
  constructor(
    readonly i: number,
    readonly k: number,
  ) {}
  check = (model: Readonly<Model>) => model.goldens.size > 0;
  async run(model: Model, real: Real): Promise<void> {
    const state = await readState(real);
    const shared = activeGoldens(model, state).filter((id) => membersOf(state, id).length >= 2);
    if (shared.length === 0) return;
    const goldenId = shared[this.i % shared.length];
    const members = state.records.filter((r) => r.goldenId === goldenId).sort((a, b) => (a.key < b.key ? -1 : 1));
    const record = members[this.k % members.length];
    const { to } = await real.hub.server.app.get(StewardService).unmergeSourceRecord({
      goldenId,
      sourceRecordId: record.id,
      actor: 'key:model',
      reason: 'model',
      expectedVersion: state.goldens.get(goldenId)!.version,
    });
    unmerged(model, await readState(real), record.key, goldenId, to);
    model.lastMerge = null;
    await checkInvariants(model, real);
  }
  toString = () => `unmerge(${this.i},${this.k})`;
}

class PinCommand implements Cmd {
  constructor(
    readonly i: number,
    readonly attribute: keyof typeof PIN_VALUES,
    readonly value: number,
  ) {}
  check = (model: Readonly<Model>) => model.goldens.size > 0;
  async run(model: Model, real: Real): Promise<void> {
    const active = activeGoldens(model, await readState(real));
    if (active.length === 0) return;
    const goldenId = active[this.i % active.length];
    const values = PIN_VALUES[this.attribute];
    const value = values[this.value % values.length];
    await real.hub.server.app.get(StewardService).pinAttribute({ goldenId, attribute: this.attribute, value, actor: 'key:model', reason: 'model' });
    const pins = model.pins.get(goldenId) ?? new Map<string, string>();
    // Pinned by the steward, it is theirs, even the value a merge brought: undoing that merge keeps it.
    model.mergedPins.get(goldenId)?.delete(this.attribute);
    pins.set(this.attribute, value);
    model.pins.set(goldenId, pins);
    await checkInvariants(model, real);
  }
  toString = () => `pin(${this.i},${this.attribute},${this.value})`;
}

const ingestCommand = fc.tuple(fc.nat(PEOPLE.length - 1), fc.nat(1), fc.nat(1), fc.nat(1)).map(([p, v, s, slot]) => new IngestCommand(p, v, s, slot));
// Loads are what can undo a steward's decision, so they come three times as often as anything else.
const commands = [
  ingestCommand,
  ingestCommand,
  ingestCommand,
  fc.tuple(fc.nat(9), fc.nat(9), fc.boolean()).map(([i, j, force]) => new MergeCommand(i, j, force)),
  fc.tuple(fc.nat(9), fc.nat(9)).map(([i, j]) => new NotAMatchCommand(i, j)),
  fc.constant(new UnmergeLastMergeCommand()),
  fc.tuple(fc.nat(9), fc.nat(9)).map(([i, k]) => new UnmergeCommand(i, k)),
  fc.tuple(fc.nat(9), fc.constantFrom('city' as const, 'email' as const), fc.nat(1)).map(([i, a, v]) => new PinCommand(i, a, v)),
  fc.constant(new ReplayCommand()),
];

describe.each(DIALECTS)('stewardship against a reference model (%s)', (dialect) => {
  let hub: TestHub;
  let run = 0;

  beforeAll(async () => {
    hub = await startTestHub(dialect);
    for (const source of SOURCES) await addSource(hub, source);
  });
  afterAll(() => hub?.close());

  it('keeps every invariant through random sequences of steward decisions and loads', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 30, size: 'max' }), async (cmds) => {
        await emptyHub(hub);
        const model: Model = { run: run++, sent: new Map(), cannotLinks: new Set(), pins: new Map(), mergedPins: new Map(), retiredPins: new Map(), goldens: new Set(), lastMerge: null };
        await fc.asyncModelRun(() => ({ model, real: { hub } }), cmds);
      }),
      { numRuns: 50 },
    );
  }, 240_000);
});
