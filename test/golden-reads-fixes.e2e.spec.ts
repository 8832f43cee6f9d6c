import { Logger } from '@nestjs/common';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from './support/cli';
import { addSource, DIALECTS, INGEST_CUSTOMERS, INGEST_PRODUCTS, startTestHub, type TestHub } from './support/hub';

// Regression tests for golden-record reads: time travel, the golden export, the startup log, and pins.
describe.each(DIALECTS)('golden reads and pins (%s)', (dialect) => {
  let hub: TestHub;
  let dir: string;

  beforeAll(async () => {
    hub = await startTestHub(dialect);
    await addSource(hub, 'crm');
    dir = mkdtempSync(join(tmpdir(), 'canon-golden-reads-'));
  });
  afterAll(async () => {
    await hub?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const ingest = async (query: string, records: unknown[]): Promise<{ goldenId: string }[]> => {
    const data = await hub.data<any>(query, { source: 'crm', records });
    const results = data.ingestCustomers?.results ?? data.ingestProducts.results;
    for (const result of results) expect(result.errors).toEqual([]);
    return results;
  };
  const history = async (id: string) =>
    (await hub.data<any>(`query($id: ID!) { customer(id: $id) { history(first: 100) { edges { node { type version at } } } } }`, { id })).customer.history.edges.map(
      (e: any) => e.node,
    );
  const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
  const CUSTOMER = 'id version status mergedInto redirectedFrom updatedAt givenName familyName email phone city region attributes pins { attribute value }';

  it('customer(asOf) returns every field as of that time, the typed fields included', async () => {
    const [first] = await ingest(INGEST_CUSTOMERS, [
      { sourceId: 'asof-1', givenName: 'Emmy', familyName: 'Noether', city: 'Erlangen', email: 'emmy@example.de', phone: '+49 9131 850' },
    ]);
    const created = (await history(first.goldenId))[0].at;
    await pause();
    await ingest(INGEST_CUSTOMERS, [
      { sourceId: 'asof-1', givenName: 'Amalie', familyName: 'Noether', city: 'Göttingen', region: 'Niedersachsen', phone: '+49 551 390' },
    ]);
    const now = (await hub.data<any>(`query($id: ID!) { customer(id: $id) { ${CUSTOMER} } }`, { id: first.goldenId })).customer;
    expect(now).toMatchObject({ version: 2, givenName: 'Amalie', city: 'Göttingen', region: 'Niedersachsen', email: null });

    const past = (await hub.data<any>(`query($id: ID!, $at: DateTime) { customer(id: $id, asOf: $at) { ${CUSTOMER} } }`, { id: first.goldenId, at: created }))
      .customer;
    expect(past).toEqual({
      id: first.goldenId,
      version: 1,
      status: 'ACTIVE',
      mergedInto: null,
      redirectedFrom: null,
      updatedAt: created,
      givenName: 'Emmy',
      familyName: 'Noether',
      email: 'emmy@example.de',
      phone: past.attributes.phone,
      city: 'Erlangen',
      region: null,
      attributes: expect.objectContaining({ givenName: 'Emmy', city: 'Erlangen', email: 'emmy@example.de' }),
      pins: [],
    });
    expect(past.attributes.region).toBeUndefined();
    expect(past.phone).toMatch(/^\+499131/);
  });

  it('customer(asOf) before a merge shows the record active, and at a time after its last change the record as it is now', async () => {
    const [a, b] = await ingest(INGEST_CUSTOMERS, [
      { sourceId: 'asof-m1', givenName: 'Lise', familyName: 'Meitner', city: 'Vienna' },
      { sourceId: 'asof-m2', givenName: 'Otto', familyName: 'Frisch', city: 'Birmingham' },
    ]);
    expect(a.goldenId).not.toBe(b.goldenId);
    const created = (await history(b.goldenId))[0].at;
    await pause();
    const merged = await hub.data<any>(
      `mutation($input: MergeGoldenRecordsInput!) { mergeGoldenRecords(input: $input) { userErrors { code message } } }`,
      { input: { survivorId: a.goldenId, mergedIds: [b.goldenId] } },
    );
    expect(merged.mergeGoldenRecords.userErrors).toEqual([]);
    const pinned = await hub.data<any>(
      `mutation($g: ID!) { pinAttribute(input: { goldenId: $g, attribute: "city", value: "Stockholm" }) { userErrors { code } } }`,
      { g: a.goldenId },
    );
    expect(pinned.pinAttribute.userErrors).toEqual([]);
    const asOf = (id: string, at: string) =>
      hub.data<any>(`query($id: ID!, $at: DateTime) { customer(id: $id, asOf: $at) { ${CUSTOMER} } }`, { id, at }).then((d) => d.customer);

    const before = await asOf(b.goldenId, created);
    expect(before).toMatchObject({ id: b.goldenId, version: 1, status: 'ACTIVE', mergedInto: null, givenName: 'Otto', city: 'Birmingham' });

    const later = new Date(Date.now() + 60_000).toISOString();
    const retired = await asOf(b.goldenId, later);
    expect(retired).toMatchObject({ id: b.goldenId, status: 'MERGED', mergedInto: a.goldenId, redirectedFrom: null });
    const survivor = await asOf(a.goldenId, later);
    const current = (await hub.data<any>(`query($id: ID!) { customer(id: $id) { ${CUSTOMER} } }`, { id: a.goldenId })).customer;
    expect(survivor).toEqual(current);
    expect(survivor).toMatchObject({ city: 'Stockholm', pins: [{ attribute: 'city', value: 'Stockholm' }] });
  });

  it('product(asOf) returns the typed fields as of that time', async () => {
    const [first] = await ingest(INGEST_PRODUCTS, [{ sourceId: 'asof-p1', name: 'Widget', brand: 'Acme', price: 10, currency: 'EUR' }]);
    const created = (
      await hub.data<any>(`query($id: ID!) { product(id: $id) { history(first: 10) { edges { node { at } } } } }`, { id: first.goldenId })
    ).product.history.edges[0].node.at;
    await pause();
    await ingest(INGEST_PRODUCTS, [{ sourceId: 'asof-p1', name: 'Widget Pro', brand: 'Acme', price: 12, currency: 'EUR', color: 'red' }]);
    const past = (
      await hub.data<any>(`query($id: ID!, $at: DateTime) { product(id: $id, asOf: $at) { version updatedAt name price color attributes } }`, {
        id: first.goldenId,
        at: created,
      })
    ).product;
    expect(past).toMatchObject({ version: 1, updatedAt: created, name: 'Widget', price: 10, color: null, attributes: { name: 'Widget', price: 10 } });
  });

  it('export golden names the survivor of a merged record (mergedInto) and leaves the other lines as they were', async () => {
    const [a, b] = await ingest(INGEST_CUSTOMERS, [
      { sourceId: 'exp-1', givenName: 'Marie', familyName: 'Curie', city: 'Paris' },
      { sourceId: 'exp-2', givenName: 'Pierre', familyName: 'Sklodowski', city: 'Lyon' },
    ]);
    const merged = await hub.data<any>(
      `mutation($input: MergeGoldenRecordsInput!) { mergeGoldenRecords(input: $input) { userErrors { code message } } }`,
      { input: { survivorId: a.goldenId, mergedIds: [b.goldenId] } },
    );
    expect(merged.mergeGoldenRecords.userErrors).toEqual([]);
    const out = join(dir, 'golden.ndjson');
    const result = await runCli(['export', 'golden', '--entity', 'customer', '--out', out], hub.scratch.url);
    expect(result.code, result.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    const retired = lines.find((l) => l.id === b.goldenId);
    expect(retired).toMatchObject({ id: b.goldenId, entityType: 'customer', status: 'merged', mergedInto: a.goldenId });
    expect(Object.keys(retired)).toEqual(['id', 'entityType', 'version', 'status', 'mergedInto', 'attributes']);
    const survivor = lines.find((l) => l.id === a.goldenId);
    expect(Object.keys(survivor)).toEqual(['id', 'entityType', 'version', 'status', 'attributes']);
    for (const line of lines.filter((l) => l.status !== 'merged')) expect(line).not.toHaveProperty('mergedInto');
  });

  it('export golden --since lists only the golden records changed at or after that time (a delta)', async () => {
    const [early] = await ingest(INGEST_CUSTOMERS, [{ sourceId: 'delta-1', givenName: 'Early', familyName: 'Bird', city: 'Oslo' }]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const since = new Date().toISOString();
    const [late] = await ingest(INGEST_CUSTOMERS, [{ sourceId: 'delta-2', givenName: 'Late', familyName: 'Comer', city: 'Bergen' }]);
    const exported = async () => {
      const out = join(dir, 'delta.ndjson');
      const result = await runCli(['export', 'golden', '--entity', 'customer', '--since', since, '--out', out], hub.scratch.url);
      expect(result.code, result.stderr).toBe(0);
      return readFileSync(out, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line).id as string);
    };
    expect(await exported()).toEqual([late.goldenId]);
    // A change to the early record brings its golden record into the delta.
    await ingest(INGEST_CUSTOMERS, [{ sourceId: 'delta-1', givenName: 'Early', familyName: 'Bird', city: 'Tromsø' }]);
    expect((await exported()).sort()).toEqual([early.goldenId, late.goldenId].sort());
    const refused = await runCli(['export', 'golden', '--entity', 'customer', '--since', 'yesterday'], hub.scratch.url);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/--since/);
  });

  it('refuses to pin a masked value with MASKED_VALUE, as ingest does', async () => {
    const [first] = await ingest(INGEST_CUSTOMERS, [{ sourceId: 'mask-1', givenName: 'Ada', familyName: 'King', email: 'ada@example.org', phone: '+44 20 7946 0011' }]);
    const pin = (attribute: string, value: string) =>
      hub
        .data<any>(`mutation($g: ID!, $a: String!, $v: JSON!) { pinAttribute(input: { goldenId: $g, attribute: $a, value: $v }) { golden { version } userErrors { code field message } } }`, {
          g: first.goldenId,
          a: attribute,
          v: value,
        })
        .then((d) => d.pinAttribute);
    const ingested = await hub.data<any>(INGEST_CUSTOMERS, { source: 'crm', records: [{ sourceId: 'mask-2', givenName: 'Ada', familyName: 'King', email: 'a***@example.org' }] });
    const ingestError = ingested.ingestCustomers.results[0].errors[0];
    expect(ingestError).toMatchObject({ field: 'email', code: 'MASKED_VALUE' });

    const email = await pin('email', 'a***@example.org');
    expect(email.golden).toBeNull();
    expect(email.userErrors).toEqual([{ code: 'MASKED_VALUE', field: ['value'], message: `email: ${ingestError.message}` }]);
    const phone = await pin('phone', '+44********0011');
    expect(phone.userErrors).toEqual([expect.objectContaining({ code: 'MASKED_VALUE', field: ['value'] })]);
    expect(phone.userErrors[0].message).toContain('masked by Canon');
    expect((await history(first.goldenId)).map((e: any) => e.type)).toEqual(['CREATED']);
  });

  it('pinning the value already pinned changes nothing: no new version, no event', async () => {
    const [first] = await ingest(INGEST_CUSTOMERS, [{ sourceId: 'repin-1', givenName: 'Alan', familyName: 'Turing', phone: '+44 20 7946 0100', country: 'GB' }]);
    const pin = (value: string, expectedVersion?: number) =>
      hub
        .data<any>(`mutation($input: PinAttributeInput!) { pinAttribute(input: $input) { golden { version attributes } userErrors { code message } } }`, {
          input: { goldenId: first.goldenId, attribute: 'phone', value, reason: 'checked', ...(expectedVersion ? { expectedVersion } : {}) },
        })
        .then((d) => d.pinAttribute);
    const pinned = await pin('020 7946 0999');
    expect(pinned.userErrors).toEqual([]);
    expect(pinned.golden).toMatchObject({ version: 2, attributes: { phone: '+442079460999' } });
    // The same value, written differently (it is cleansed first), at the version the steward saw.
    const again = await pin('+44 20 7946 0999', 2);
    expect(again.userErrors).toEqual([]);
    expect(again.golden).toEqual(pinned.golden);
    expect((await history(first.goldenId)).map((e: any) => e.type)).toEqual(['CREATED', 'PINNED']);
    // A stale version is still refused, and another value is still a change.
    expect((await pin('+44 20 7946 0999', 1)).userErrors).toEqual([expect.objectContaining({ code: 'STALE_VERSION' })]);
    expect((await pin('020 7946 0998')).golden).toMatchObject({ version: 3, attributes: { phone: '+442079460998' } });
  });
});

describe('startup log', () => {
  it('names the address the hub is bound to: all interfaces for 0.0.0.0', async () => {
    const log = vi.spyOn(Logger.prototype, 'log');
    const hub = await startTestHub('sqlite', { host: '0.0.0.0', logLevel: 'info' });
    try {
      const lines = log.mock.calls.map((call) => String(call[0])).filter((line) => line.includes('listening on'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^listening on http:\/\/0\.0\.0\.0:\d+\/graphql \(all interfaces; sqlite\)$/);
      expect(lines[0]).toContain(`:${new URL(hub.url).port}/`);
      // The URL tests and tools connect to stays a local one.
      expect(new URL(hub.url).hostname).toBe('127.0.0.1');
    } finally {
      log.mockRestore();
      await hub.close();
    }
  });

  it('names a specific host as it is', async () => {
    const log = vi.spyOn(Logger.prototype, 'log');
    const hub = await startTestHub('sqlite', { host: '127.0.0.1', logLevel: 'info' });
    try {
      const line = log.mock.calls.map((call) => String(call[0])).find((l) => l.includes('listening on'));
      expect(line).toBe(`listening on ${hub.url}/graphql (sqlite)`);
    } finally {
      log.mockRestore();
      await hub.close();
    }
  });
});
