import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RecordMapping } from '../../contracts/record-mapping';
import { DEFAULT_RULES_DIR, loadRulesFile } from '../../matching/match-rules.loader';
import { prepareFile, type PreparedFileBatch } from './prepare-file';

describe(prepareFile.name, () => {
  const dir = mkdtempSync(join(tmpdir(), 'canon-prepare-file-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const rules = loadRulesFile(join(DEFAULT_RULES_DIR, 'customer.rules.json'), 'customer');
  const mapping: RecordMapping = { columns: { id: 'sourceId', 'customer.last': 'familyName', 'customer.emial': 'email', 'customer.email': null } };

  async function prepared(name: string, content: string, batchSize: number): Promise<PreparedFileBatch[]> {
    const file = join(dir, name);
    writeFileSync(file, content);
    const batches: PreparedFileBatch[] = [];
    for await (const batch of prepareFile({ file, entityType: 'customer', mapping, batchSize, rules })) batches.push(batch);
    return batches;
  }

  const records = (n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ id: `c${i}`, customer: { last: `Lee${i}`, email: `c${i}@example.com` } })).join('\n');

  it('maps nested records, and notes on the last batch a mapped path no record had', async () => {
    const batches = await prepared('three.ndjson', records(3), 2);
    expect(batches.map((b) => b.prepared.map((r) => r.sourceId))).toEqual([['c0', 'c1'], ['c2']]);
    expect(batches.map((b) => b.fileWarnings?.map((w) => w.field))).toEqual([undefined, ['customer.emial']]);
    expect(batches[1].fileWarnings?.[0].message).toMatch(/did you mean customer\.email\?/);
  });

  it('sends the note in a batch of its own when the records filled the last one', async () => {
    const batches = await prepared('four.ndjson', records(4), 2);
    expect(batches.map((b) => b.prepared.length)).toEqual([2, 2, 0]);
    expect(batches[2]).toMatchObject({ rejected: [], fileWarnings: [expect.objectContaining({ code: 'MAPPED_KEY_ABSENT', field: 'customer.emial' })] });
  });

  it('rejects a line of JSON that is no object as NOT_AN_OBJECT instead of failing the mapping', async () => {
    const batches = await prepared('odd.ndjson', `${records(1)}\nnull\n[1]\n"x"\n`, 10);
    expect(batches[0].prepared.map((r) => r.sourceId)).toEqual(['c0']);
    expect(batches[0].rejected.map((r) => [r.index, r.errors.map((e) => e.code)])).toEqual([
      [2, ['NOT_AN_OBJECT']],
      [3, ['NOT_AN_OBJECT']],
      [4, ['NOT_AN_OBJECT']],
    ]);
  });

  it('has nothing to note on a file of no readable record, nor on a CSV (its header is checked before)', async () => {
    expect((await prepared('broken.ndjson', '{not json\n', 2)).flatMap((b) => b.fileWarnings ?? [])).toEqual([]);
    expect((await prepared('people.csv', 'id,customer.last\nc1,Lee\n', 2)).flatMap((b) => b.fileWarnings ?? [])).toEqual([]);
  });
});
