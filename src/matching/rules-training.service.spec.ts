import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../common/database/database';
import type { CanonConfig } from '../config/canon-config';
import { loadRulesFile } from './match-rules.loader';
import { MatchingService } from './matching.service';
import { MIN_TRAINING_RECORDS, RulesTrainingService, TooFewTrainingRecordsError } from './rules-training.service';

// The service over a stand-in database that holds `count` live customer records (26 people, repeated).
const rulesDir = mkdtempSync(join(tmpdir(), 'canon-training-')); // empty: the shipped rules apply
afterAll(() => rmSync(rulesDir, { recursive: true, force: true }));

function serviceWith(count: number) {
  const rows = Array.from({ length: count }, (_, i) => ({
    id: `r${i}`,
    content_hash: `h${i}`,
    normalized: JSON.stringify({ givenName: `given${i % 26}`, familyName: `family${i % 13}`, birthDate: `1980-01-${String((i % 26) + 1).padStart(2, '0')}`, country: 'GB' }),
  }));
  const database = { query: vi.fn(async () => rows) } as unknown as Database;
  const matching = new MatchingService({ rulesDir } as CanonConfig);
  const featuresOf = vi.spyOn(matching, 'featuresOf');
  return { service: new RulesTrainingService(database, matching), featuresOf };
}

describe('RulesTrainingService minimum sample', () => {
  it('refuses, before any work, a sample smaller than minRecords, saying how many records there are', async () => {
    const { service, featuresOf } = serviceWith(26);
    const training = service.train('customer', { minRecords: MIN_TRAINING_RECORDS, randomPairs: 1000 });
    await expect(training).rejects.toThrow(TooFewTrainingRecordsError);
    await expect(training).rejects.toMatchObject({ records: 26, minimum: 1000, message: expect.stringMatching(/^only 26 live customer records to train on, fewer than 1000: .*unreliable/) });
    expect(featuresOf).not.toHaveBeenCalled();
  });

  it('trains on a sample of at least minRecords, and on a small one when no minimum is asked for', async () => {
    const enough = await serviceWith(1000).service.train('customer', { minRecords: 1000, randomPairs: 1000 });
    expect(enough.report.records).toBe(1000);
    const forced = await serviceWith(26).service.train('customer', { randomPairs: 1000 });
    expect(forced.report.records).toBe(26);
  });
});

describe('RulesTrainingService on a sample from one country', () => {
  it('keeps the shipped m and u of a level no pair reached (another country), and trains the one they all reach', async () => {
    const { rules } = await serviceWith(1000).service.train('customer', { randomPairs: 2000 });
    const country = rules.comparisons.find((c) => c.name === 'country')!;
    const [same, other] = country.levels;
    expect(other).toMatchObject({ m: 0.02, u: 0.5 });
    expect(same).toMatchObject({ m: 0.98, u: 0.5 });
    // And the trained rules are valid rules: every comparison's levels still sum to 1.
    const written = join(rulesDir, 'trained.rules.json');
    writeFileSync(written, JSON.stringify(rules));
    expect(() => loadRulesFile(written, 'customer')).not.toThrow();
  });
});
