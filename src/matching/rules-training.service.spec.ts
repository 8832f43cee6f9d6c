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
  return serviceOver(
    Array.from({ length: count }, (_, i) => ({ givenName: `given${i % 26}`, familyName: `family${i % 13}`, birthDate: `1980-01-${String((i % 26) + 1).padStart(2, '0')}`, country: 'GB' })),
  );
}

function serviceOver(records: readonly Record<string, string>[]) {
  const rows = records.map((attributes, i) => ({ id: `r${i}`, content_hash: `h${i}`, normalized: JSON.stringify(attributes) }));
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

describe('RulesTrainingService on a small, heavily duplicated sample', () => {
  it('takes the matches among its random pairs out of u: an exact birth date keeps its weight', async () => {
    // 250 people, four records each: one random pair in 250 is one person, agreeing on everything.
    const letters = (n: number) => String.fromCharCode(97 + (n % 26), 97 + Math.floor(n / 26));
    const people = Array.from({ length: 250 }, (_, p) => ({
      givenName: `An${letters(p)}`,
      familyName: `Bo${letters(p + 7)}`,
      birthDate: new Date(Date.UTC(1950, 0, 1 + p * 37)).toISOString().slice(0, 10),
      country: 'GB',
    }));
    const { rules, report } = await serviceOver(people.flatMap((person) => [person, person, person, person])).service.train('customer', { randomPairs: 20_000 });
    const exact = rules.comparisons.find((c) => c.name === 'birthDate')!.levels.find((l) => l.label === 'exact')!;
    // Counted as non-matches, the same-person pairs alone would give u ≈ 3/999 ≈ 0.003.
    expect(exact.u).toBeLessThan(0.0005);
    expect(report.prior).toBeGreaterThan(0.001);
  });
});
