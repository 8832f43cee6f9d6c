import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES_DIR } from '../src/matching/match-rules.loader';
import { addSource, DIALECTS, INGEST_CUSTOMERS, startTestHub, type TestHub } from './support/hub';

// Stewards' decisions over GraphQL on a real hub: pins, merges, unmerges, not-a-match, conflicts, the
// review queue, history and time travel; each decision must hold across the next load of the same data.
describe.each(DIALECTS)('stewardship over GraphQL (%s)', (dialect) => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub(dialect);
    await addSource(hub, 'crm');
    await addSource(hub, 'shop');
  });
  afterAll(() => hub?.close());

  type Ingested = { sourceId: string; outcome: string; goldenId: string };
  const ingest = async (records: unknown[], source = 'crm'): Promise<Ingested[]> => {
    const { ingestCustomers } = await hub.data<any>(INGEST_CUSTOMERS, { source, records });
    for (const result of ingestCustomers.results) expect(result.errors).toEqual([]);
    return ingestCustomers.results;
  };
  const GOLDEN = `id version status mergedInto redirectedFrom attributes
    pins { attribute value actor reason }
    provenance { attribute value rule strategy group sourceRecordId source }
    sourceRecords { id source sourceId }`;
  const customer = async (id: string) => (await hub.data<any>(`query($id: ID!) { customer(id: $id) { ${GOLDEN} } }`, { id })).customer;
  const history = async (id: string) =>
    (await hub.data<any>(`query($id: ID!) { customer(id: $id) { history(first: 100) { edges { node { type version actor reason details at } } } } }`, { id }))
      .customer.history.edges.map((e: any) => e.node);
  const mutate = async (name: string, input: unknown, fields = `golden { ${GOLDEN} }`) => {
    const data = await hub.data<any>(`mutation($input: ${inputType(name)}!) { ${name}(input: $input) { ${fields} userErrors { code field message } } }`, { input });
    return data[name];
  };
  const openTasks = async (kind: string) =>
    (
      await hub.data<any>(`query($kind: ReviewTaskKind) { reviewTasks(kind: $kind, first: 100) { edges { node {
        id kind status goldenId version assignee attribute conflictingValues { value sourceRecordIds } candidates { goldenId } } } } }`, { kind })
    ).reviewTasks.edges.map((e: any) => e.node);

  it('pins a value, cleansed like a source value; the pin survives re-ingest and unpinning gives the sources back', async () => {
    const [first] = await ingest([{ sourceId: 'pin-1', givenName: 'Ada', familyName: 'Byron', phone: '020 7946 0001', country: 'GB', email: 'ada@old.example' }]);
    const before = await customer(first.goldenId);
    const pinned = await mutate('pinAttribute', { goldenId: first.goldenId, attribute: 'phone', value: '020 7946 0999', reason: 'called her', expectedVersion: before.version });
    expect(pinned.userErrors).toEqual([]);
    expect(pinned.golden.attributes.phone).toBe('+442079460999'); // E.164, as a source value would be
    expect(pinned.golden.version).toBe(before.version + 1);
    expect(pinned.golden.pins).toEqual([{ attribute: 'phone', value: '+442079460999', actor: 'key:bootstrap-admin', reason: 'called her' }]);
    expect(pinned.golden.provenance.find((p: any) => p.attribute === 'phone')).toMatchObject({ rule: 'pinned', strategy: 'pinned', sourceRecordId: null });

    // The source sends a new phone and a new email: the email changes, the pinned phone does not.
    await ingest([{ sourceId: 'pin-1', givenName: 'Ada', familyName: 'Byron', phone: '020 7946 0002', country: 'GB', email: 'ada@new.example' }]);
    const reloaded = await customer(first.goldenId);
    expect(reloaded.attributes).toMatchObject({ phone: '+442079460999', email: 'ada@new.example' });

    const unpinned = await mutate('unpinAttribute', { goldenId: first.goldenId, attribute: 'phone', reason: 'source fixed', expectedVersion: reloaded.version });
    expect(unpinned.userErrors).toEqual([]);
    expect(unpinned.golden.attributes.phone).toBe('+442079460002');
    expect(unpinned.golden.pins).toEqual([]);

    const types = (await history(first.goldenId)).map((e: any) => e.type);
    expect(types).toEqual(['CREATED', 'PINNED', 'UPDATED', 'UNPINNED']);
    const pinEvent = (await history(first.goldenId))[1];
    expect(pinEvent).toMatchObject({ actor: 'key:bootstrap-admin', reason: 'called her', details: { attribute: 'phone' } });
  });

  it('rejects a stale version, an unknown attribute and an invalid value, changing nothing', async () => {
    const [first] = await ingest([{ sourceId: 'pin-2', givenName: 'Alan', familyName: 'Turing', email: 'alan@example.org' }]);
    const { version } = await customer(first.goldenId);
    const stale = await mutate('pinAttribute', { goldenId: first.goldenId, attribute: 'email', value: 'a@b.example', expectedVersion: version - 1 });
    expect(stale.userErrors).toEqual([expect.objectContaining({ code: 'STALE_VERSION', field: ['goldenId'] })]);
    expect(stale.golden).toBeNull();
    const unknown = await mutate('pinAttribute', { goldenId: first.goldenId, attribute: 'shoeSize', value: 44 });
    expect(unknown.userErrors[0]).toMatchObject({ code: 'UNKNOWN_ATTRIBUTE', field: ['attribute'] });
    expect(unknown.userErrors[0].message).toContain('givenName');
    const invalid = await mutate('pinAttribute', { goldenId: first.goldenId, attribute: 'birthDate', value: '1912-13-40' });
    expect(invalid.userErrors[0]).toMatchObject({ code: 'INVALID_VALUE', field: ['value'] });
    const missing = await mutate('pinAttribute', { goldenId: '00000000-0000-7000-8000-00000000abcd', attribute: 'email', value: 'a@b.example' });
    expect(missing.userErrors[0].code).toBe('GOLDEN_NOT_FOUND');
    expect((await customer(first.goldenId)).version).toBe(version);
  });

  it('merges into a survivor that keeps its id; the retired id redirects; an unmerge restores it and the split holds on re-ingest', async () => {
    const [a, b] = await ingest([
      { sourceId: 'mrg-1', givenName: 'Grace', familyName: 'Hopper', email: 'grace@navy.example', city: 'Arlington' },
      { sourceId: 'mrg-2', givenName: 'G.', familyName: 'Murray', email: 'gmh@yale.example', city: 'New York' },
    ]);
    expect(a.goldenId).not.toBe(b.goldenId);
    const [va, vb] = [(await customer(a.goldenId)).version, (await customer(b.goldenId)).version];
    const merged = await mutate('mergeGoldenRecords', {
      survivorId: a.goldenId,
      mergedIds: [b.goldenId],
      fieldChoices: [{ attribute: 'familyName', value: 'Hopper' }],
      reason: 'maiden name',
      expectedVersions: [{ id: a.goldenId, version: va }, { id: b.goldenId, version: vb }],
    });
    expect(merged.userErrors).toEqual([]);
    expect(merged.golden.id).toBe(a.goldenId);
    expect(merged.golden.sourceRecords.map((r: any) => r.sourceId).sort()).toEqual(['mrg-1', 'mrg-2']);
    expect(merged.golden.pins.map((p: any) => p.attribute)).toEqual(['familyName']);

    const retired = await customer(b.goldenId);
    expect(retired).toMatchObject({ id: a.goldenId, redirectedFrom: b.goldenId });
    const retiredHistory = await history(a.goldenId);
    expect(retiredHistory.at(-1)).toMatchObject({ type: 'MERGED', reason: 'maiden name', details: { survivorId: a.goldenId, mergedIds: [b.goldenId] } });

    const moved = merged.golden.sourceRecords.find((r: any) => r.sourceId === 'mrg-2');
    const unmerged = await hub.data<any>(
      `mutation($input: UnmergeSourceRecordInput!) { unmergeSourceRecord(input: $input) {
         golden { id attributes pins { attribute } sourceRecords { sourceId } } unmerged { id status sourceRecords { sourceId } } userErrors { code message } } }`,
      { input: { goldenId: a.goldenId, sourceRecordId: moved.id, reason: 'two people', expectedVersion: merged.golden.version } },
    );
    expect(unmerged.unmergeSourceRecord.userErrors).toEqual([]);
    expect(unmerged.unmergeSourceRecord.unmerged).toEqual({ id: b.goldenId, status: 'ACTIVE', sourceRecords: [{ sourceId: 'mrg-2' }] });
    expect(unmerged.unmergeSourceRecord.golden.sourceRecords).toEqual([{ sourceId: 'mrg-1' }]);
    // The merge undone, the field choice made for it goes too: the sources decide the name again.
    expect(unmerged.unmergeSourceRecord.golden).toMatchObject({ attributes: { familyName: 'Hopper' }, pins: [] });
    expect((await customer(b.goldenId)).redirectedFrom).toBeNull();

    // The same record sent again, now looking exactly like the survivor's: the steward's split holds.
    const [again] = await ingest([{ sourceId: 'mrg-2', givenName: 'Grace', familyName: 'Hopper', email: 'grace@navy.example', city: 'Arlington' }]);
    expect(again.goldenId).toBe(b.goldenId);
    expect((await customer(a.goldenId)).sourceRecords).toHaveLength(1);
  });

  it('a steward’s merge of twins holds when later records regroup what they touch', async () => {
    const home = { familyName: 'Okonkwo', birthDate: '1990-05-14', addressLine1: '8 Mill Lane', city: 'Bristol', postalCode: 'BS1 4DJ', country: 'GB' };
    const [chidi, chinedu] = await ingest([
      { sourceId: 'tw-chidi', ...home, givenName: 'Chidi' },
      { sourceId: 'tw-chinedu', ...home, givenName: 'Chinedu' },
    ]);
    expect(chidi.goldenId).not.toBe(chinedu.goldenId);
    const merged = await mutate('mergeGoldenRecords', { survivorId: chidi.goldenId, mergedIds: [chinedu.goldenId], reason: 'one person, a nickname' });
    expect(merged.userErrors).toEqual([]);
    // A record joining the merged golden record (which holds two given names that disagree) and one
    // fitting both: neither splits what the steward joined.
    await ingest([{ sourceId: 'tw-more', ...home, givenName: 'Chidi', email: 'chidi@example.com' }], 'shop');
    await ingest([{ sourceId: 'tw-bridge', ...home }], 'shop');
    const golden = await customer(chidi.goldenId);
    expect(golden.sourceRecords.map((r: any) => r.sourceId)).toEqual(expect.arrayContaining(['tw-chidi', 'tw-chinedu']));
  });

  it('a pin a merge brought becomes the steward’s own when pinned again, and outlives an undo of the merge', async () => {
    const [a, b] = await ingest([
      { sourceId: 'own-1', givenName: 'Ottilie', familyName: 'Brandt', email: 'ottilie@example.de', city: 'Kiel' },
      { sourceId: 'own-2', givenName: 'Jasper', familyName: 'Voss', email: 'jasper@example.de', city: 'Rostock' },
    ]);
    expect((await mutate('pinAttribute', { goldenId: b.goldenId, attribute: 'email', value: 'shared@example.de' })).userErrors).toEqual([]);
    const merged = await mutate('mergeGoldenRecords', { survivorId: a.goldenId, mergedIds: [b.goldenId] });
    expect(merged.golden.pins).toEqual([expect.objectContaining({ attribute: 'email', value: 'shared@example.de' })]);
    // The steward pins the same value on the survivor: no longer the merge's, it stays when the merge is undone.
    const repinned = await mutate('pinAttribute', { goldenId: a.goldenId, attribute: 'email', value: 'shared@example.de', reason: 'confirmed by phone' });
    expect(repinned.userErrors).toEqual([]);
    expect(repinned.golden.version).toBeGreaterThan(merged.golden.version);
    const moved = repinned.golden.sourceRecords.find((r: any) => r.sourceId === 'own-2');
    const { unmergeSourceRecord } = await hub.data<any>(
      `mutation($input: UnmergeSourceRecordInput!) { unmergeSourceRecord(input: $input) { golden { pins { attribute value reason } } userErrors { code message } } }`,
      { input: { goldenId: a.goldenId, sourceRecordId: moved.id } },
    );
    expect(unmergeSourceRecord.userErrors).toEqual([]);
    expect(unmergeSourceRecord.golden.pins).toEqual([{ attribute: 'email', value: 'shared@example.de', reason: 'confirmed by phone' }]);
  });

  // A record alone in a pinned golden record is re-sent and now matches another golden record: it moves,
  // the matcher retires its old golden record into that one, and the pin follows it there.
  const matcherMerge = async (person: { givenName: string; familyName: string; email: string; phone: string; birthDate: string }, key: string) => {
    const bySms = { sourceId: `${key}-1`, givenName: person.givenName, familyName: person.familyName, phone: person.phone, city: 'Leeds', country: 'GB' };
    const [crm] = await ingest([bySms]);
    const [shop] = await ingest([{ sourceId: `${key}-1`, givenName: person.givenName, familyName: person.familyName, email: person.email, city: 'Leeds', birthDate: person.birthDate }], 'shop');
    expect(shop.goldenId).not.toBe(crm.goldenId);
    expect((await mutate('pinAttribute', { goldenId: shop.goldenId, attribute: 'city', value: 'Pinnedville', reason: 'moved' })).userErrors).toEqual([]);
    const [moved] = await ingest([bySms], 'shop');
    expect(moved.goldenId).toBe(crm.goldenId);
    const survivor = await customer(shop.goldenId);
    expect(survivor).toMatchObject({ id: crm.goldenId, redirectedFrom: shop.goldenId, attributes: { city: 'Pinnedville' } });
    expect(survivor.pins).toEqual([expect.objectContaining({ attribute: 'city', value: 'Pinnedville', reason: 'moved' })]);
    return { survivorId: crm.goldenId, retiredId: shop.goldenId, movedId: survivor.sourceRecords.find((r: any) => r.source === 'shop').id as string };
  };
  const unmergeBack = async (goldenId: string, sourceRecordId: string) => {
    const { unmergeSourceRecord } = await hub.data<any>(
      `mutation($input: UnmergeSourceRecordInput!) { unmergeSourceRecord(input: $input) {
         golden { id attributes pins { attribute value reason } } unmerged { id status attributes pins { attribute value reason } } userErrors { code message } } }`,
      { input: { goldenId, sourceRecordId } },
    );
    expect(unmergeSourceRecord.userErrors).toEqual([]);
    return unmergeSourceRecord;
  };

  it('a pin the matcher carried into a golden record gives way to the steward’s own pin there', async () => {
    const { survivorId, retiredId, movedId } = await matcherMerge({ givenName: 'Samir', familyName: 'Haddad', email: 'samir@example.org', phone: '+44 113 496 0000', birthDate: '1990-02-03' }, 'carry');
    const repinned = await mutate('pinAttribute', { goldenId: survivorId, attribute: 'city', value: 'Stewardton', reason: 'checked' });
    expect(repinned.userErrors).toEqual([]);
    expect(repinned.golden.attributes.city).toBe('Stewardton');
    expect((await customer(retiredId)).attributes.city).toBe('Stewardton');
    // Undone, the merge gives the retired golden record back with its own pin; the steward's stays where it was made.
    const undone = await unmergeBack(survivorId, movedId);
    expect(undone.unmerged).toMatchObject({ id: retiredId, status: 'ACTIVE', attributes: { city: 'Pinnedville' }, pins: [{ attribute: 'city', value: 'Pinnedville', reason: 'moved' }] });
    expect(undone.golden).toMatchObject({ id: survivorId, attributes: { city: 'Stewardton' }, pins: [{ attribute: 'city', value: 'Stewardton', reason: 'checked' }] });
  });

  it('undoing a merge the matcher made takes the pins it carried off the survivor', async () => {
    const { survivorId, retiredId, movedId } = await matcherMerge({ givenName: 'Nadia', familyName: 'Karimi', email: 'nadia@example.org', phone: '+44 113 496 0111', birthDate: '1987-06-21' }, 'uncarry');
    const undone = await unmergeBack(survivorId, movedId);
    expect(undone.unmerged).toMatchObject({ id: retiredId, status: 'ACTIVE', attributes: { city: 'Pinnedville' }, pins: [{ attribute: 'city', value: 'Pinnedville', reason: 'moved' }] });
    // The pin was the retired golden record's, and it has it back: the survivor's sources decide its city again.
    expect(undone.golden).toMatchObject({ id: survivorId, attributes: { city: 'Leeds' }, pins: [] });
  });

  it('a not-a-match decision closes the review task and the pair is never merged automatically, even when the data agrees', async () => {
    const [first] = await ingest([{ sourceId: 'nam-1', givenName: 'Ines', familyName: 'Duarte', city: 'Porto', country: 'PT', email: 'ines@example.pt' }]);
    const [second] = await ingest([{ sourceId: 'nam-1', givenName: 'Ines', familyName: 'Duarte', city: 'Porto', country: 'PT', phone: '+351 912 345 678' }], 'shop');
    expect(second.goldenId).not.toBe(first.goldenId);
    const task = (await openTasks('POTENTIAL_MATCH')).find((t: any) => t.goldenId === second.goldenId);
    expect(task.candidates.map((c: any) => c.goldenId)).toEqual([first.goldenId]);

    const decided = await mutate('markNotAMatch', { a: first.goldenId, b: second.goldenId, reason: 'cousins' }, 'goldens { id version }');
    expect(decided.userErrors).toEqual([]);
    expect((await openTasks('POTENTIAL_MATCH')).some((t: any) => t.id === task.id)).toBe(false);
    expect((await history(second.goldenId)).at(-1)).toMatchObject({ type: 'NOT_A_MATCH', reason: 'cousins', details: { notAMatch: first.goldenId } });
    // The same decision again changes nothing: no new version, no event for subscribers.
    const again = await mutate('markNotAMatch', { a: first.goldenId, b: second.goldenId, reason: 'cousins' }, 'goldens { id version }');
    expect(again).toMatchObject({ userErrors: [], goldens: decided.goldens });

    // The shop now sends the same email and phone as the CRM: a certain match by the rules, but not for the steward.
    const [resent] = await ingest(
      [{ sourceId: 'nam-1', givenName: 'Ines', familyName: 'Duarte', city: 'Porto', country: 'PT', phone: '+351 912 345 678', email: 'ines@example.pt' }],
      'shop',
    );
    expect(resent.goldenId).toBe(second.goldenId);
    expect((await customer(first.goldenId)).sourceRecords).toHaveLength(1);
    expect((await openTasks('POTENTIAL_MATCH')).some((t: any) => t.goldenId === second.goldenId)).toBe(false);
  });

  it('raises an attribute conflict when equally trusted sources disagree on a birth date; resolving it pins the choice', async () => {
    const [a] = await ingest([{ sourceId: 'cf-1', givenName: 'Nadia', familyName: 'Rahman', birthDate: '1990-03-04', email: 'nadia@example.org' }]);
    const [b] = await ingest([{ sourceId: 'cf-1', givenName: 'Nadia', familyName: 'Rahman', birthDate: '1990-04-03', email: 'nadia.r@example.org' }], 'shop');
    if (a.goldenId !== b.goldenId) {
      const merged = await mutate('mergeGoldenRecords', { survivorId: a.goldenId, mergedIds: [b.goldenId], reason: 'same person' });
      expect(merged.userErrors).toEqual([]);
    }
    const task = (await openTasks('ATTRIBUTE_CONFLICT')).find((t: any) => t.goldenId === a.goldenId);
    expect(task).toMatchObject({ attribute: 'birthDate', status: 'OPEN' });
    expect(task.conflictingValues.map((v: any) => v.value)).toEqual(['1990-03-04', '1990-04-03']);

    const wrong = await mutate('resolveConflict', { taskId: task.id, choice: '2001-01-01' }, 'task { id }');
    expect(wrong.userErrors[0].code).toBe('INVALID_CHOICE');
    const resolved = await mutate('resolveConflict', { taskId: task.id, choice: '1990-04-03', reason: 'passport', expectedVersion: task.version }, 'task { id status }');
    expect(resolved).toEqual({ task: { id: task.id, status: 'RESOLVED' }, userErrors: [] });
    const golden = await customer(a.goldenId);
    expect(golden.attributes.birthDate).toBe('1990-04-03');
    expect((await history(a.goldenId)).at(-1)).toMatchObject({ type: 'CONFLICT_RESOLVED', reason: 'passport' });
    const again = await mutate('resolveConflict', { taskId: task.id, choice: '1990-04-03' }, 'task { id }');
    expect(again.userErrors[0].code).toBe('TASK_CLOSED');
  });

  it('claims, assigns and dismisses review tasks, with version checks; bulk dismissals report per item', async () => {
    const [first] = await ingest([{ sourceId: 'q-1', givenName: 'Lars', familyName: 'Eriksen', city: 'Bergen', country: 'NO', email: 'lars@example.no' }]);
    const [second] = await ingest([{ sourceId: 'q-1', givenName: 'Lars', familyName: 'Eriksen', city: 'Bergen', country: 'NO', phone: '+47 412 34 567' }], 'shop');
    expect(second.goldenId).not.toBe(first.goldenId);
    const task = (await openTasks('POTENTIAL_MATCH')).find((t: any) => t.goldenId === second.goldenId);
    const { reviewTasks } = await hub.data<any>(`{ reviewTasks(kind: POTENTIAL_MATCH, first: 100) { edges { node { id
      comparison { attribute differs values { value goldenId source sourceId trust updatedAt } } } } } }`);
    const rows = Object.fromEntries(reviewTasks.edges.find((e: any) => e.node.id === task.id).node.comparison.map((r: any) => [r.attribute, r]));
    // The task's own golden record first (the shop record), then the candidate (the CRM record).
    expect(rows.email.values).toEqual([
      { value: null, goldenId: second.goldenId, source: 'shop', sourceId: 'q-1', trust: 50, updatedAt: null },
      { value: 'lars@example.no', goldenId: first.goldenId, source: 'crm', sourceId: 'q-1', trust: 50, updatedAt: null },
    ]);
    expect(rows.city).toMatchObject({ differs: false, values: [{ value: 'Bergen' }, { value: 'Bergen' }] });
    expect(rows.phone.values.map((v: any) => v.value)).toEqual(['+4741234567', null]);
    const claim = await hub.data<any>(`mutation($id: ID!, $v: Int) { claimReviewTask(taskId: $id, expectedVersion: $v) { task { assignee version } userErrors { code } } }`, {
      id: task.id,
      v: task.version,
    });
    expect(claim.claimReviewTask).toEqual({ task: { assignee: 'key:bootstrap-admin', version: task.version + 1 }, userErrors: [] });
    const stale = await hub.data<any>(`mutation($id: ID!, $v: Int) { assignReviewTask(taskId: $id, assignee: "key:ana", expectedVersion: $v) { userErrors { code } } }`, {
      id: task.id,
      v: task.version,
    });
    expect(stale.assignReviewTask.userErrors).toEqual([{ code: 'STALE_VERSION' }]);
    const bulk = await hub.data<any>(`mutation($inputs: [ReviewTaskDecisionInput!]!) { dismissReviewTasks(inputs: $inputs) { task { status } userErrors { code } } }`, {
      inputs: [{ taskId: task.id, reason: 'fine as they are' }, { taskId: '00000000-0000-7000-8000-00000000dead' }],
    });
    expect(bulk.dismissReviewTasks).toEqual([
      { task: { status: 'DISMISSED' }, userErrors: [] },
      { task: null, userErrors: [{ code: 'TASK_NOT_FOUND' }] },
    ]);
  });

  it('two stewards merging overlapping records with the same versions: exactly one succeeds, nothing is merged twice', async () => {
    const results = await ingest([
      { sourceId: 'cc-1', givenName: 'Wu', familyName: 'Chen', email: 'wu1@example.cn' },
      { sourceId: 'cc-2', givenName: 'Li', familyName: 'Wang', email: 'li2@example.cn' },
      { sourceId: 'cc-3', givenName: 'Mo', familyName: 'Zhao', email: 'mo3@example.cn' },
    ]);
    const ids = results.map((r) => r.goldenId);
    const versions = await Promise.all(ids.map(async (id) => ({ id, version: (await customer(id)).version })));
    const [one, two] = await Promise.all([
      mutate('mergeGoldenRecords', { survivorId: ids[0], mergedIds: [ids[1]], expectedVersions: versions }, 'golden { id }'),
      mutate('mergeGoldenRecords', { survivorId: ids[2], mergedIds: [ids[1]], expectedVersions: versions }, 'golden { id }'),
    ]);
    const outcomes = [one, two].map((r) => (r.userErrors.length === 0 ? 'ok' : r.userErrors[0].code)).sort();
    expect(outcomes).toEqual(['STALE_VERSION', 'ok']);
    // Each record in exactly one golden record (a retired id redirects to its survivor: counted once).
    const goldens = new Map((await Promise.all(ids.map(customer))).map((g) => [g.id, g]));
    expect(goldens.size).toBe(2);
    expect([...goldens.values()].flatMap((g) => g.sourceRecords.map((r: any) => r.sourceId)).sort()).toEqual(['cc-1', 'cc-2', 'cc-3']);
  });

  it('recomputes the golden records of a source when its trust changes', async () => {
    const [crm] = await ingest([{ sourceId: 'tr-1', givenName: 'Jonas', familyName: 'Becker', email: 'jonas.becker@example.de', city: 'Koeln' }]);
    const [shop] = await ingest([{ sourceId: 'tr-1', givenName: 'Jonas', familyName: 'Becker', email: 'jonas.becker@example.de', city: 'Cologne' }], 'shop');
    expect(shop.goldenId).toBe(crm.goldenId);
    // Equal trust, no dates: the tie-break (source code) picks the CRM's address.
    expect((await customer(crm.goldenId)).attributes.city).toBe('Koeln');
    const update = await hub.data<any>(`mutation { updateSourceSystem(code: "shop", input: { defaultTrust: 90 }) { userErrors { code } } }`);
    expect(update.updateSourceSystem.userErrors).toEqual([]);
    const golden = await customer(crm.goldenId);
    expect(golden.attributes.city).toBe('Cologne');
    expect(golden.provenance.find((p: any) => p.attribute === 'city')).toMatchObject({ source: 'shop', rule: 'source-trust', group: 'address' });
    expect((await history(crm.goldenId)).at(-1)).toMatchObject({ type: 'UPDATED', reason: 'trust of shop changed', actor: 'key:bootstrap-admin' });
    await hub.data<any>(`mutation { updateSourceSystem(code: "shop", input: { defaultTrust: 50 }) { userErrors { code } } }`);
  });

  it('returns a record as it was at a past time, from its history', async () => {
    const [first] = await ingest([{ sourceId: 'tt-1', givenName: 'Emmy', familyName: 'Noether', city: 'Erlangen', email: 'emmy@example.de' }]);
    const created = (await history(first.goldenId))[0].at;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await ingest([{ sourceId: 'tt-1', givenName: 'Emmy', familyName: 'Noether', city: 'Göttingen', email: 'emmy@example.de' }]);
    const past = await hub.data<any>(`query($id: ID!, $at: DateTime) { customer(id: $id, asOf: $at) { version attributes } }`, { id: first.goldenId, at: created });
    expect(past.customer).toMatchObject({ version: 1, attributes: { city: 'Erlangen', familyName: 'Noether' } });
    const now = await hub.data<any>(`query($id: ID!) { customer(id: $id) { version attributes } }`, { id: first.goldenId });
    expect(now.customer).toMatchObject({ version: 2, attributes: { city: 'Göttingen' } });
    const before = await hub.data<any>(`query($id: ID!) { customer(id: $id, asOf: "2001-01-01T00:00:00Z") { id } }`, { id: first.goldenId });
    expect(before.customer).toBeNull();
  });

  // Last: it restarts the hub with other rules.
  it('pins and not-a-match decisions hold when the rules change, and a recompute applies the new rules', async () => {
    const [olga] = await ingest([{ sourceId: 'rc-1', givenName: 'Olga', familyName: 'Petrova', email: 'olga@example.ru', city: 'Kazan', addressLine1: '1 Lenina St' }]);
    const [olga2] = await ingest([{ sourceId: 'rc-1', givenName: 'Olga', familyName: 'Petrova', email: 'olga@example.ru', city: 'Kazan', addressLine1: '1 Lenina Street, building 2' }], 'shop');
    expect(olga2.goldenId).toBe(olga.goldenId);
    expect(await mutate('pinAttribute', { goldenId: olga.goldenId, attribute: 'email', value: 'olga.p@example.ru' })).toMatchObject({ userErrors: [] });
    const [x] = await ingest([{ sourceId: 'rc-2', givenName: 'Ivan', familyName: 'Sokolov', city: 'Omsk', country: 'RU', email: 'ivan@example.ru' }]);
    const [y] = await ingest([{ sourceId: 'rc-2', givenName: 'Ivan', familyName: 'Sokolov', city: 'Omsk', country: 'RU', phone: '+7 3812 00 00 00' }], 'shop');
    expect(y.goldenId).not.toBe(x.goldenId);
    expect(await mutate('markNotAMatch', { a: x.goldenId, b: y.goldenId }, 'goldens { id }')).toMatchObject({ userErrors: [] });

    // Much laxer matching that merges whatever bridges, and the longest address wins.
    const rules = JSON.parse(readFileSync(join(DEFAULT_RULES_DIR, 'customer.rules.json'), 'utf8'));
    rules.thresholds = { match: 0.5, review: 0.3 };
    rules.onMultipleMatches = 'merge';
    rules.survivorship.groups[0].strategy = 'most-complete';
    await hub.restart({ customer: rules });

    const recomputed = await hub.data<any>(`mutation { recomputeGoldenRecords(entityType: CUSTOMER) { examined changed userErrors { code } } }`);
    expect(recomputed.recomputeGoldenRecords.changed).toBeGreaterThan(0);
    const golden = await customer(olga.goldenId);
    expect(golden.attributes).toMatchObject({ addressLine1: '1 Lenina Street, building 2', email: 'olga.p@example.ru' });

    const [resent] = await ingest([{ sourceId: 'rc-2', givenName: 'Ivan', familyName: 'Sokolov', city: 'Omsk', country: 'RU', phone: '+7 3812 00 00 00', email: 'ivan@example.ru' }], 'shop');
    expect(resent.goldenId).toBe(y.goldenId);
    expect((await customer(x.goldenId)).sourceRecords).toHaveLength(1);
  });
});

function inputType(mutation: string): string {
  const types: Record<string, string> = {
    pinAttribute: 'PinAttributeInput',
    unpinAttribute: 'UnpinAttributeInput',
    mergeGoldenRecords: 'MergeGoldenRecordsInput',
    markNotAMatch: 'GoldenPairInput',
    forceMatch: 'GoldenPairInput',
    resolveConflict: 'ResolveConflictInput',
  };
  return types[mutation];
}
