import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../src/common/database/database';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_RULES_DIR } from '../src/matching/match-rules.loader';
import { STORED_KEYS } from '../src/matching/recent-keys';
import { addSource, DIALECTS, INGEST_CUSTOMERS, INGEST_PRODUCTS, startTestHub, type TestHub } from './support/hub';

// Matching decisions through GraphQL on a real hub with the shipped default rules: link, review
// task or new golden record as the thresholds and vetoes say; explanations, findMatches and search.
describe.each(DIALECTS)('matching over GraphQL (%s)', (dialect) => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub(dialect);
    await addSource(hub, 'crm');
    await addSource(hub, 'shop');
  });
  afterAll(() => hub?.close());

  type Ingested = { sourceId: string; outcome: string; goldenId: string; errors: unknown[] };
  const ingest = async (records: unknown[], entity: 'customer' | 'product' = 'customer', source = 'crm'): Promise<Ingested[]> => {
    const data = await hub.data<any>(entity === 'customer' ? INGEST_CUSTOMERS : INGEST_PRODUCTS, { source, records });
    const payload = data.ingestCustomers ?? data.ingestProducts;
    expect(payload.userErrors).toEqual([]);
    for (const result of payload.results) expect(result.errors).toEqual([]);
    return payload.results;
  };
  const openTasksFor = async (goldenId: string) => {
    const data = await hub.data<any>(
      `{ reviewTasks(entityType: CUSTOMER, kind: POTENTIAL_MATCH, first: 100) { totalCount edges { node {
          id kind status goldenId sourceRecordId score
          candidates { goldenId score sourceRecordId golden { id } }
          explanation { decision score vetoed comparisons { comparison level weight veto } } } } } }`,
    );
    return data.reviewTasks.edges.map((e: any) => e.node).filter((t: any) => t.goldenId === goldenId);
  };
  const sourceRecordIds = async (goldenId: string) =>
    (await hub.data<any>(`query($id: ID!) { customer(id: $id) { sourceRecords { id sourceId } } }`, { id: goldenId })).customer.sourceRecords;
  const rowCount = async (table: string) => {
    const rows = await hub.server.app.get(Database).query<{ n: string | number }>(`SELECT count(*) AS n FROM ${table}`);
    return Number(rows[0].n);
  };

  it('links a near-duplicate above the match threshold and stores the waterfall that explains it', async () => {
    const [first, second] = await ingest([
      { sourceId: 'link-1', givenName: 'Katherine', familyName: 'Okafor', email: 'k.okafor@example.org', city: 'Leeds', country: 'GB' },
      { sourceId: 'link-2', givenName: 'Kate', familyName: 'Okafor', email: 'K.Okafor@Example.org ', city: 'Leeds' },
    ]);
    expect(second.goldenId).toBe(first.goldenId);
    expect(await openTasksFor(first.goldenId)).toEqual([]);

    const [, linked] = await sourceRecordIds(first.goldenId);
    const { matchExplanation } = await hub.data<any>(
      `query($g: ID!, $s: ID!) { matchExplanation(goldenId: $g, sourceRecordId: $s) {
          stored decision score priorWeight totalWeight vetoed engine comparisons { comparison level weight veto } } }`,
      { g: first.goldenId, s: linked.id },
    );
    expect(matchExplanation).toMatchObject({ stored: true, decision: 'MATCH', vetoed: null });
    expect(matchExplanation.score).toBeGreaterThanOrEqual(0.99);
    const byName = Object.fromEntries(matchExplanation.comparisons.map((c: any) => [c.comparison, c]));
    expect(byName.email.level).toBe("one person's mailbox"); // k.okafor: an initial and the family name
    expect(byName.givenName.level).toBe('nickname'); // Kate is a short form of Katherine
    expect(byName.familyName.level).toBe('exact');
    // The waterfall adds up: prior + every comparison's weight = total, and the score follows from it.
    const sum = matchExplanation.comparisons.reduce((total: number, c: any) => total + c.weight, matchExplanation.priorWeight);
    expect(sum).toBeCloseTo(matchExplanation.totalWeight, 1); // weights are stored to two decimals
    expect(matchExplanation.score).toBeCloseTo(1 / (1 + 2 ** -matchExplanation.totalWeight), 6);
  });

  it('compares two stored source records with each other now, either way round, and says when it cannot', async () => {
    const [a, b, c] = await ingest([
      { sourceId: 'pair-1', givenName: 'Theodora', familyName: 'Lindqvist', email: 'theodora.lindqvist@example.org', city: 'Uppsala', country: 'SE' },
      { sourceId: 'pair-2', givenName: 'Theodora', familyName: 'Lindquist', email: 'theodora.lindqvist@example.org', city: 'Uppsala' },
      { sourceId: 'pair-3', givenName: 'Ingmar', familyName: 'Holmberg', email: 'ingmar.holmberg@example.net', city: 'Malmö', country: 'SE' },
    ]);
    expect(b.goldenId).toBe(a.goldenId);
    const [first, second] = await sourceRecordIds(a.goldenId);
    const [other] = await sourceRecordIds(c.goldenId);
    const compare = async (x: string, y: string) =>
      (await hub.data<any>(`query($a: ID!, $b: ID!) { compareSourceRecords(a: $a, b: $b) { stored decision score comparisons { comparison level weight } } }`, { a: x, b: y })).compareSourceRecords;

    const same = await compare(first.id, second.id);
    expect(same).toMatchObject({ stored: false, decision: 'MATCH' });
    expect(Object.fromEntries(same.comparisons.map((c: any) => [c.comparison, c.level])).email).not.toBe('else');
    expect((await compare(second.id, first.id)).score).toBeCloseTo(same.score, 9);
    expect((await compare(first.id, other.id)).decision).toBe('NONE');
    expect(await compare(first.id, '00000000-0000-7000-8000-00000000dead')).toBeNull();

    const [product] = await ingest([{ sourceId: 'pair-p', gtin: '8712345678906', name: 'Fineliner pen 0.4 mm' }], 'product');
    const productRecord = (await hub.data<any>(`query($id: ID!) { product(id: $id) { sourceRecords { id } } }`, { id: product.goldenId })).product.sourceRecords[0];
    const mixed = await hub.gql(`query($a: ID!, $b: ID!) { compareSourceRecords(a: $a, b: $b) { score } }`, { a: first.id, b: productRecord.id });
    expect(mixed.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(mixed.body.errors?.[0].message).toMatch(/is a customer and .* a product/);
  });

  it('merges two golden records held apart as a possible match once a record settles it, and answers the open task', async () => {
    // Kaitlyn and a mistyped national id veto each other; the third record agrees with both, Kaitlyn by her id.
    const person = { familyName: 'Colegate', birthDate: '1928-08-28', city: 'Londonderry', postalCode: '2195', region: 'NSW', country: 'AU' };
    const [kaitlyn] = await ingest([{ sourceId: 'settle-1', ...person, givenName: 'Kaitlyn', nationalId: '4406021' }]);
    const [typo] = await ingest([{ sourceId: 'settle-2', ...person, givenName: 'Katelyn', nationalId: '4406201' }]);
    expect(typo.goldenId).not.toBe(kaitlyn.goldenId);
    const [task] = await openTasksFor(typo.goldenId);
    expect(task.candidates.map((c: any) => c.goldenId)).toEqual([kaitlyn.goldenId]);

    const [bridge] = await ingest([{ sourceId: 'settle-3', ...person, givenName: 'Katelyn', nationalId: '4406021' }]);
    const members = (await sourceRecordIds(bridge.goldenId)).map((r: any) => r.sourceId).sort();
    expect(members).toEqual(['settle-1', 'settle-2', 'settle-3']);
    expect([kaitlyn.goldenId, typo.goldenId]).toContain(bridge.goldenId);
    const resolved = await hub.data<any>(`{ reviewTasks(entityType: CUSTOMER, kind: POTENTIAL_MATCH, status: RESOLVED, first: 100) { edges { node { id status } } } }`);
    expect(resolved.reviewTasks.edges.map((e: any) => e.node.id)).toContain(task.id);
    expect(await openTasksFor(kaitlyn.goldenId)).toEqual([]);
    expect(await openTasksFor(typo.goldenId)).toEqual([]);
    const [row] = await hub.server.app.get(Database).query<{ decided_by: string }>('SELECT decided_by FROM review_task WHERE id = ?', [task.id]);
    expect(row.decided_by).toBe('matcher');

    // A steward undoes the matcher's merge; the bridging record, sent again with a change, does not redo it.
    const moved = (await sourceRecordIds(bridge.goldenId)).find((r: any) => r.sourceId === (bridge.goldenId === typo.goldenId ? 'settle-1' : 'settle-2'));
    const { unmergeSourceRecord } = await hub.data<any>(
      `mutation($input: UnmergeSourceRecordInput!) { unmergeSourceRecord(input: $input) { unmerged { id sourceRecords { sourceId } } userErrors { code message } } }`,
      { input: { goldenId: bridge.goldenId, sourceRecordId: moved.id, reason: 'two people after all' } },
    );
    expect(unmergeSourceRecord.userErrors).toEqual([]);
    expect(unmergeSourceRecord.unmerged.sourceRecords.map((r: any) => r.sourceId)).toEqual([moved.sourceId]);
    const [again] = await ingest([{ sourceId: 'settle-3', ...person, givenName: 'Katelyn', nationalId: '4406021', email: 'k.colegate@example.com.au' }]);
    expect(again.outcome).toBe('UPDATED');
    expect((await sourceRecordIds(again.goldenId)).map((r: any) => r.sourceId)).not.toContain(moved.sourceId);
    expect((await sourceRecordIds(unmergeSourceRecord.unmerged.id)).map((r: any) => r.sourceId)).toEqual([moved.sourceId]);
  });

  it('opens a review task for a possible match between the thresholds and keeps the records apart', async () => {
    // Same name in the same city, nothing else to go on: worth a look, not an automatic merge.
    const [first, second] = await ingest([
      { sourceId: 'rev-1', givenName: 'Tomasz', familyName: 'Wieczorek', city: 'Gdansk', country: 'PL', email: 'tw@example.pl' },
      { sourceId: 'rev-2', givenName: 'Tomasz', familyName: 'Wieczorek', city: 'Gdansk', country: 'PL', phone: '+48 601 234 567' },
    ]);
    expect(second.goldenId).not.toBe(first.goldenId);
    const [task] = await openTasksFor(second.goldenId);
    expect(task).toMatchObject({ kind: 'POTENTIAL_MATCH', status: 'OPEN' });
    expect(task.score).toBeGreaterThanOrEqual(0.5);
    expect(task.score).toBeLessThan(0.99);
    expect(task.candidates.map((c: any) => c.goldenId)).toEqual([first.goldenId]);
    expect(task.explanation.decision).toBe('POSSIBLE');
    const [inbound] = await sourceRecordIds(second.goldenId);
    expect(task.sourceRecordId).toBe(inbound.id);
  });

  it('creates a new golden record with no task for a record below the review threshold', async () => {
    const before = await rowCount('review_task');
    const [first, second] = await ingest([
      { sourceId: 'new-1', givenName: 'Ingrid', familyName: 'Solberg', city: 'Bergen', email: 'ingrid@example.no' },
      { sourceId: 'new-2', givenName: 'Ingrid', familyName: 'Solberg', city: 'Tromso', email: 'isolberg@example.com' },
    ]);
    expect(second.goldenId).not.toBe(first.goldenId);
    expect(await rowCount('review_task')).toBe(before);
  });

  it('never merges twins: same birth date and address, different given names', async () => {
    const home = { familyName: 'Haddad', birthDate: '1994-03-17', addressLine1: '12 Harbour Street', city: 'Portsmouth', postalCode: 'PO1 3AB', country: 'GB' };
    const [amira, samir] = await ingest([
      { sourceId: 'twin-1', givenName: 'Amira', ...home },
      { sourceId: 'twin-2', givenName: 'Samir', ...home },
    ]);
    expect(samir.goldenId).not.toBe(amira.goldenId);
    const [task] = await openTasksFor(samir.goldenId);
    expect(task.explanation.vetoed).toBe('review');
    expect(task.explanation.comparisons.find((c: any) => c.comparison === 'givenName')).toMatchObject({ level: 'jw>=0.80', veto: 'review' });
  });

  it('never merges junior and senior: same name and address, birth years decades apart', async () => {
    const before = await rowCount('review_task');
    const same = { givenName: 'Marcus', familyName: 'Whitfield', addressLine1: '4 Elm Road', city: 'Dayton', postalCode: '45402', country: 'US' };
    const [senior, junior] = await ingest([
      { sourceId: 'sr-1', birthDate: '1958-06-02', ...same },
      { sourceId: 'jr-1', birthDate: '1989-11-23', ...same },
    ]);
    expect(junior.goldenId).not.toBe(senior.goldenId);
    expect(await rowCount('review_task')).toBe(before); // the veto says "different people", not "ask a steward"
  });

  it('never merges products that differ only in storage size', async () => {
    const [small, large] = await ingest(
      [
        { sourceId: 'ph-128', brand: 'Pixelon', name: 'Pixelon Nova 8 Smartphone 128GB Black', price: 699 },
        { sourceId: 'ph-256', brand: 'Pixelon', name: 'Pixelon Nova 8 Smartphone 256 GB Black', price: 799 },
      ],
      'product',
      'shop',
    );
    expect(large.goldenId).not.toBe(small.goldenId);
    const [same] = await ingest([{ sourceId: 'ph-128b', brand: 'PIXELON', name: 'PIXELON Nova 8 smartphone, 128 GB, black', price: 689.99 }], 'product', 'shop');
    expect(same.goldenId).toBe(small.goldenId);
  });

  it('never merges two records of a source that holds each entity once, but links other sources to them', async () => {
    await addSource(hub, 'catalog', { uniqueRecords: true });
    const variant = { brand: 'Fjordline', name: 'Fjordline Trekking Backpack 45 L Moss Green', category: 'Outdoor' };
    const [first, second] = await ingest(
      [
        { sourceId: 'bp-45', ...variant },
        { sourceId: 'bp-45-old', ...variant },
      ],
      'product',
      'catalog',
    );
    expect(second.goldenId).not.toBe(first.goldenId); // the catalogue says these are two articles
    const [fromShop] = await ingest([{ sourceId: 'shop-bp', ...variant }], 'product', 'shop');
    expect([first.goldenId, second.goldenId]).toContain(fromShop.goldenId);
  });

  it('opens a review task instead of a silent transitive merge when a record matches two golden records', async () => {
    const [byEmail, byPhone] = await ingest([
      { sourceId: 'br-1', givenName: 'Lucia', familyName: 'Ferreira', email: 'lucia.ferreira@example.pt', city: 'Porto' },
      { sourceId: 'br-2', givenName: 'Lucia', familyName: 'Ferreira', phone: '+351 912 345 678', city: 'Lisboa' },
    ]);
    expect(byPhone.goldenId).not.toBe(byEmail.goldenId);
    const [bridge] = await ingest([
      { sourceId: 'br-3', givenName: 'Lucia', familyName: 'Ferreira', email: 'lucia.ferreira@example.pt', phone: '+351912345678' },
    ]);
    expect([byEmail.goldenId, byPhone.goldenId]).toContain(bridge.goldenId);
    const goldens = await hub.data<any>(`{ customers(first: 100, filter: { familyName: "Ferreira" }) { totalCount } }`);
    expect(goldens.customers.totalCount).toBe(2); // nothing merged behind the steward's back
    const [task] = await openTasksFor(bridge.goldenId);
    const other = bridge.goldenId === byEmail.goldenId ? byPhone.goldenId : byEmail.goldenId;
    expect(task.candidates.map((c: any) => c.goldenId)).toContain(other);
  });

  it('never puts twins together through a third record, whichever arrives last', async () => {
    const home = { familyName: 'Okonkwo', birthDate: '1990-05-14', addressLine1: '8 Mill Lane', city: 'Bristol', postalCode: 'BS1 4DJ', country: 'GB' };
    // A record without a given name matches both twins; one twin links to it, then the other arrives.
    const [sparse] = await ingest([{ sourceId: 'tw-x', ...home }]);
    const [chidi] = await ingest([{ sourceId: 'tw-1', givenName: 'Chidi', ...home }]);
    expect(chidi.goldenId).toBe(sparse.goldenId);
    const [adaeze] = await ingest([{ sourceId: 'tw-2', givenName: 'Adaeze', ...home }]);
    expect(adaeze.goldenId).not.toBe(sparse.goldenId);
    const [task] = await openTasksFor(adaeze.goldenId);
    expect(task.candidates.map((c: any) => c.goldenId)).toContain(sparse.goldenId);
  });

  it('findMatches scores a record against the hub without saving it', async () => {
    const [stored] = await ingest([
      { sourceId: 'fm-1', givenName: 'Priya', familyName: 'Raghunathan', email: 'priya.r@example.in', phone: '+91 98765 43210', country: 'IN' },
    ]);
    const counts = [await rowCount('source_record'), await rowCount('golden_record'), await rowCount(STORED_KEYS)];
    const { findMatches } = await hub.data<any>(
      `query($record: JSON!) { findMatches(entityType: CUSTOMER, record: $record, first: 3) {
          errors { field code message }
          matches { score decision golden { id } explanation { stored decision comparisons { comparison level } } } } }`,
      { record: { givenName: 'Priya', familyName: 'Raghunathan', phone: '098765 43210', country: 'IN' } },
    );
    expect(findMatches.errors).toEqual([]);
    expect(findMatches.matches[0]).toMatchObject({ golden: { id: stored.goldenId }, decision: 'MATCH', explanation: { stored: false } });
    expect(findMatches.matches[0].explanation.comparisons.find((c: any) => c.comparison === 'phone').level).toBe('exact');
    expect([await rowCount('source_record'), await rowCount('golden_record'), await rowCount(STORED_KEYS)]).toEqual(counts);

    const invalid = await hub.data<any>(
      `query($record: JSON!) { findMatches(entityType: CUSTOMER, record: $record) { errors { field code } matches { score } } }`,
      { record: { givenName: 'Priya', shoeSize: 7 } },
    );
    expect(invalid.findMatches.matches).toEqual([]);
    expect(invalid.findMatches.errors.map((e: any) => e.field)).toContain('shoeSize');
  });

  it('a name shared by more records than its blocking rule allows finds no candidates; an email shared as often still does', async () => {
    const findByName = async () =>
      (
        await hub.data<any>(`query($record: JSON!) { findMatches(entityType: CUSTOMER, record: $record, first: 50) { matches { golden { id } } } }`, {
          record: { givenName: 'Noor', familyName: 'Haddad', city: 'Nowhere' },
        })
      ).findMatches.matches;
    const namesake = (i: number) => ({ sourceId: `noor-${i}`, givenName: 'Noor', familyName: 'Haddad', email: `noor${i}@example.net`, birthDate: `19${50 + i * 3}-0${1 + (i % 9)}-1${i % 10}`, city: `Town ${i}` });
    await ingest(Array.from({ length: 10 }, (_, i) => namesake(i)));
    expect(await findByName()).toHaveLength(10); // the shipped names rule allows 10
    await ingest([namesake(10)]);
    expect(await findByName()).toEqual([]);

    const office = (i: number) => ({ sourceId: `office-${i}`, givenName: `Staff${String.fromCharCode(97 + i)}`, familyName: `Member${String.fromCharCode(97 + i)}`, email: 'office@haddad.example', birthDate: `19${50 + i * 3}-02-0${1 + (i % 9)}` });
    await ingest(Array.from({ length: 11 }, (_, i) => office(i)));
    const byEmail = await hub.data<any>(`query($record: JSON!) { findMatches(entityType: CUSTOMER, record: $record, first: 50) { matches { golden { id } } } }`, {
      record: { email: 'office@haddad.example' },
    });
    expect(byEmail.findMatches.matches.length).toBeGreaterThan(0);
  });

  it('counts a key’s holders in people, and past 4 people a birth date key gives way to its refined form', async () => {
    const findGoldens = async (record: Record<string, string>) => {
      const { findMatches } = await hub.data<any>(
        `query($record: JSON!) { findMatches(entityType: CUSTOMER, record: $record, first: 50) { errors { field code } matches { golden { id } } } }`,
        { record },
      );
      expect(findMatches.errors).toEqual([]);
      return findMatches.matches.map((m: any) => m.golden.id);
    };
    // One person known to six systems holds the birth date with her initial six times: still one holder.
    const ines = await ingest(Array.from({ length: 6 }, (_, i) => ({ sourceId: `ines-${i}`, givenName: 'Ines', familyName: 'Vogt', phone: '+49 30 5550101', birthDate: '1971-05-06' })));
    expect(new Set(ines.map((r) => r.goldenId)).size).toBe(1);
    // Her married name shares nothing else with them.
    expect(await findGoldens({ givenName: 'Ines', familyName: 'Keller', birthDate: '1971-05-06' })).toEqual([ines[0].goldenId]);
    // Five people under one birth date and initial: the coarse key is generic, the refined one (both initials) is not.
    const families = ['Zander', 'Ahrens', 'Brandt', 'Claussen', 'Dietz'];
    const people = await ingest(families.map((familyName, i) => ({ sourceId: `olaf-${i}`, givenName: 'Olaf', familyName, phone: `+49 30 555020${i}`, birthDate: '1972-07-08' })));
    expect(new Set(people.map((r) => r.goldenId)).size).toBe(5);
    expect(await findGoldens({ givenName: 'Olaf', familyName: 'Yilmaz', birthDate: '1972-07-08' })).toEqual([]);
    expect(await findGoldens({ givenName: 'Oskar', familyName: 'Zander', birthDate: '1972-07-08' })).toEqual([people[0].goldenId]);
  });

  it('finds golden records by fuzzy search, typos included', async () => {
    const [target] = await ingest([
      { sourceId: 'srch-1', givenName: 'Bartholomew', familyName: 'Kowalczyk', email: 'bart@example.com', city: 'Krakow', postalCode: '30-001' },
      { sourceId: 'srch-2', givenName: 'Barbara', familyName: 'Kowalski', city: 'Warsaw' },
    ]);
    const { searchCustomers } = await hub.data<any>(`{ searchCustomers(query: "Bartholomew Kowalcyk", first: 5) { score golden { id } } }`);
    expect(searchCustomers[0].golden.id).toBe(target.goldenId);
    expect(searchCustomers[0].score).toBeGreaterThan(0);
    expect(searchCustomers[0].score).toBeLessThanOrEqual(1);
    const [insured] = await ingest([{ sourceId: 'srch-3', givenName: 'Halina', familyName: 'Nowak', nationalId: '880512-04417' }]);
    const byId = await hub.data<any>(`{ searchCustomers(query: "88051204417", first: 5) { golden { id } } }`);
    expect(byId.searchCustomers.map((h: any) => h.golden.id)).toEqual([insured.goldenId]);
    const byGroups = await hub.data<any>(`{ searchCustomers(query: "880512 04417", first: 5) { golden { id } } }`);
    expect(byGroups.searchCustomers.map((h: any) => h.golden.id)).toContain(insured.goldenId);

    const [camera] = await ingest(
      [
        { sourceId: 'cam-1', brand: 'Lumetra', name: 'Lumetra ZX-450 Mirrorless Camera Body', gtin: '4006381333931' },
        { sourceId: 'cam-2', brand: 'Lumetra', name: 'Lumetra Tripod Carbon' },
      ],
      'product',
      'shop',
    );
    const byModel = await hub.data<any>(`{ searchProducts(query: "lumetra zx450", first: 5) { golden { id } } }`);
    expect(byModel.searchProducts[0].golden.id).toBe(camera.goldenId);
    const byGtin = await hub.data<any>(`{ searchProducts(query: "4006381333931") { golden { id } } }`);
    expect(byGtin.searchProducts.map((r: any) => r.golden.id)).toEqual([camera.goldenId]);
  });

  it('matches against records stored before a restart, whose features the new process reads from the database', async () => {
    const [stored] = await ingest([{ sourceId: 'cold-1', givenName: 'Ilse', familyName: 'Vandermeulen', email: 'ilse.vdm@example.be', city: 'Gent' }]);
    await hub.restart();
    const [duplicate] = await ingest([{ sourceId: 'cold-2', givenName: 'ILSE', familyName: 'Vandermeulen', email: 'Ilse.VDM@example.be', city: 'Gent' }]);
    expect(duplicate.goldenId).toBe(stored.goldenId);
  });

  describe('with onMultipleMatches: merge-consistent', () => {
    beforeAll(async () => {
      const rules = JSON.parse(readFileSync(join(DEFAULT_RULES_DIR, 'customer.rules.json'), 'utf8'));
      await hub.restart({ customer: { ...rules, onMultipleMatches: 'merge-consistent' } });
    });

    it('merges the golden records a record bridges when nothing decisive keeps them apart', async () => {
      const [porto, lisboa] = await ingest([
        { sourceId: 'mc-1', givenName: 'Marta', familyName: 'Quintela', email: 'marta.quintela@example.pt', city: 'Porto' },
        { sourceId: 'mc-2', givenName: 'Marta', familyName: 'Quintela', phone: '+351 913 222 333', city: 'Lisboa' },
      ]);
      expect(lisboa.goldenId).not.toBe(porto.goldenId);
      const [bridge] = await ingest([{ sourceId: 'mc-3', givenName: 'Marta', familyName: 'Quintela', email: 'marta.quintela@example.pt', phone: '+351913222333' }]);
      const goldens = await hub.data<any>(`{ customers(first: 10, filter: { familyName: "Quintela" }) { totalCount edges { node { id } } } }`);
      expect(goldens.customers.totalCount).toBe(1);
      expect(goldens.customers.edges[0].node.id).toBe(bridge.goldenId);
      expect(await sourceRecordIds(bridge.goldenId)).toHaveLength(3);
      expect(await openTasksFor(bridge.goldenId)).toEqual([]);
    });

    it('asks a steward instead when the two golden records hold twins', async () => {
      const home = { familyName: 'Adeyemi', birthDate: '1987-11-02', addressLine1: '3 Quay Street', city: 'Cork', postalCode: 'T12 X1Y', country: 'IE' };
      const [tobi, kemi] = await ingest([
        { sourceId: 'mc-t1', givenName: 'Tobi', ...home },
        { sourceId: 'mc-t2', givenName: 'Kemi', ...home },
      ]);
      expect(kemi.goldenId).not.toBe(tobi.goldenId);
      const [sparse] = await ingest([{ sourceId: 'mc-tx', ...home }]);
      expect([tobi.goldenId, kemi.goldenId]).toContain(sparse.goldenId);
      const goldens = await hub.data<any>(`{ customers(first: 10, filter: { familyName: "Adeyemi" }) { totalCount } }`);
      expect(goldens.customers.totalCount).toBe(2);
      const [task] = await openTasksFor(sparse.goldenId);
      expect(task.candidates.map((c: any) => c.goldenId)).toContain(sparse.goldenId === tobi.goldenId ? kemi.goldenId : tobi.goldenId);
      // each candidate's golden record, loaded when the query asks for it
      for (const candidate of task.candidates) expect(candidate.golden.id).toBe(candidate.goldenId);
    });
  });
});
