import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Attributes, MatchCandidate } from '../types';
import { CustomerEngineV1 } from './customer-engine-v1';

const engine = new CustomerEngineV1();

/** Cleansed customers drawn from small pools, so that pairs often share an email, a phone or a name. */
const customer: fc.Arbitrary<Attributes> = fc
  .record(
    {
      email: fc.constantFrom('ada@example.com', 'grace@example.com'),
      phone: fc.constantFrom('+61298765432', '+12015550123', '0298765432'),
      familyName: fc.constantFrom('Lovelace', 'LOVELACE', 'Hopper', 'Müller', 'Muller', '---'),
      givenName: fc.constantFrom('Ada', 'a.', 'Grace', 'Ágnes', ''),
    },
    { requiredKeys: [] },
  )
  .map((record) => record as Attributes);

/** Candidates with distinct source record ids (as stored), spread over a few golden records. */
const candidates: fc.Arbitrary<MatchCandidate[]> = fc.uniqueArray(
  fc.record({ sourceRecordId: fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'), goldenId: fc.constantFrom('g1', 'g2', 'g3'), attributes: customer }),
  { selector: (c) => c.sourceRecordId, maxLength: 8 },
);

const permutationOf = <T>(items: readonly T[]) => fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });

describe('CustomerEngineV1', () => {
  describe('blockingKeys', () => {
    it('blocks on the email and on an E.164 phone', () => {
      expect(engine.blockingKeys({ email: 'ada@example.com', phone: '+61298765432', familyName: 'Lovelace' })).toEqual(['email:ada@example.com', 'phone:+61298765432']);
    });

    it('does not block on a phone that is not E.164', () => {
      expect(engine.blockingKeys({ email: 'ada@example.com', phone: '0298765432' })).toEqual(['email:ada@example.com']);
      expect(engine.blockingKeys({ phone: '+0298765432' })).toEqual([]);
    });

    it('has no keys for a record without email and phone', () => {
      expect(engine.blockingKeys({ givenName: 'Ada', familyName: 'Lovelace' })).toEqual([]);
    });
  });

  describe('compare', () => {
    it('matches two records with the same email', () => {
      const pair = engine.compare({ email: 'ada@example.com', familyName: 'Lovelace' }, { email: 'ada@example.com', familyName: 'King' });
      expect(pair).toMatchObject({ score: 1, decision: 'match', explanation: { engine: 'customer-rules-v1: same email', score: 1, decision: 'match' } });
      expect(pair.explanation.comparisons).toEqual([
        { comparison: 'email', level: 'exact', weight: 1 },
        { comparison: 'phone', level: 'else', weight: 0 },
        { comparison: 'familyName', level: 'else', weight: 0 },
        { comparison: 'givenNameInitial', level: 'else', weight: 0 },
      ]);
    });

    it('matches the same E.164 phone with the same family name and given-name initial, across spellings', () => {
      const pair = engine.compare(
        { phone: '+61298765432', familyName: 'Müller', givenName: 'Ágnes' },
        { phone: '+61298765432', familyName: 'MULLER', givenName: 'a.', email: 'other@example.com' },
      );
      expect(pair.decision).toBe('match');
      expect(pair.score).toBe(1);
      expect(pair.explanation.engine).toBe('customer-rules-v1: same phone, family name and given-name initial');
      expect(pair.explanation.comparisons.map((c) => [c.comparison, c.level, c.weight])).toEqual([
        ['email', 'else', 0],
        ['phone', 'exact', 1],
        ['familyName', 'exact', 0],
        ['givenNameInitial', 'exact', 0],
      ]);
    });

    it.each([
      ['a different family name', { familyName: 'Hopper', givenName: 'Ada' }],
      ['a different given-name initial', { familyName: 'Lovelace', givenName: 'Grace' }],
      ['no given name', { familyName: 'Lovelace' }],
    ])('does not match the same phone with %s', (_case, other) => {
      const pair = engine.compare({ phone: '+61298765432', familyName: 'Lovelace', givenName: 'Ada' }, { phone: '+61298765432', ...other });
      expect(pair).toMatchObject({ score: 0, decision: 'none', explanation: { engine: 'customer-rules-v1: no rule' } });
      expect(pair.explanation.comparisons[1]).toEqual({ comparison: 'phone', level: 'exact', weight: 0 });
    });

    it('does not use a phone that is not E.164', () => {
      const same = { phone: '0298765432', familyName: 'Lovelace', givenName: 'Ada' };
      expect(engine.compare(same, { ...same }).decision).toBe('none');
    });

    it('does not match on absent values or names that fold to nothing', () => {
      expect(engine.compare({}, {}).decision).toBe('none');
      expect(engine.compare({ phone: '+61298765432', familyName: '---', givenName: '-' }, { phone: '+61298765432', familyName: '...', givenName: '.' }).decision).toBe('none');
    });

    it('does not match different emails', () => {
      expect(engine.compare({ email: 'ada@example.com' }, { email: 'grace@example.com' }).decision).toBe('none');
    });

    it('is symmetric', () => {
      fc.assert(
        fc.property(customer, customer, (a, b) => {
          expect(engine.compare(a, b)).toEqual(engine.compare(b, a));
        }),
      );
    });
  });

  describe('match', () => {
    it("returns action 'new' when there are no candidates", () => {
      expect(engine.match({ email: 'ada@example.com' }, [])).toEqual({ action: 'new', goldenId: null, score: 0, explanation: null, ranked: [] });
    });

    it("returns action 'new' when no candidate matches", () => {
      const outcome = engine.match({ email: 'ada@example.com' }, [{ sourceRecordId: 's1', goldenId: 'g1', attributes: { email: 'grace@example.com' } }]);
      expect(outcome).toMatchObject({ action: 'new', goldenId: null, ranked: [] });
    });

    it('links to the smallest golden id among equally good matches, ranking each golden record once', () => {
      const inbound = { email: 'ada@example.com' };
      const outcome = engine.match(inbound, [
        { sourceRecordId: 's3', goldenId: 'g2', attributes: { email: 'ada@example.com' } },
        { sourceRecordId: 's2', goldenId: 'g1', attributes: { email: 'ada@example.com' } },
        { sourceRecordId: 's1', goldenId: 'g1', attributes: { email: 'ada@example.com', familyName: 'Lovelace' } },
        { sourceRecordId: 's4', goldenId: 'g3', attributes: { email: 'grace@example.com' } },
      ]);
      expect(outcome.action).toBe('link');
      expect(outcome.goldenId).toBe('g1');
      expect(outcome.score).toBe(1);
      expect(outcome.explanation?.engine).toBe('customer-rules-v1: same email');
      expect(outcome.ranked.map((r) => [r.goldenId, r.sourceRecordId])).toEqual([
        ['g1', 's1'],
        ['g2', 's3'],
      ]);
    });

    it('decides the same whatever order the candidates come in', () => {
      fc.assert(
        fc.property(
          customer,
          candidates.chain((cs) => fc.tuple(fc.constant(cs), permutationOf(cs))),
          (inbound, [original, shuffled]) => {
            expect(engine.match(inbound, shuffled)).toEqual(engine.match(inbound, original));
          },
        ),
      );
    });

    it('links exactly when some candidate matches, to the smallest matching golden id', () => {
      fc.assert(
        fc.property(customer, candidates, (inbound, cs) => {
          const matching = cs.filter((c) => engine.compare(inbound, c.attributes).decision === 'match').map((c) => c.goldenId).sort();
          const outcome = engine.match(inbound, cs);
          expect(outcome.action).toBe(matching.length > 0 ? 'link' : 'new');
          expect(outcome.goldenId).toBe(matching[0] ?? null);
          expect(outcome.ranked.map((r) => r.goldenId)).toEqual([...new Set(matching)]);
        }),
      );
    });
  });
});
