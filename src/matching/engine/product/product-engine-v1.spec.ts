import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Attributes, MatchCandidate } from '../types';
import { ProductEngineV1 } from './product-engine-v1';

const engine = new ProductEngineV1();
const PENCIL = '04006381333931';
const COLA = '00036000291452';

const product: fc.Arbitrary<Attributes> = fc
  .record({ gtin: fc.constantFrom(PENCIL, COLA), name: fc.constantFrom('Pencil', 'Cola') }, { requiredKeys: ['name'] })
  .map((record) => record as Attributes);

const candidates: fc.Arbitrary<MatchCandidate[]> = fc.uniqueArray(
  fc.record({ sourceRecordId: fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6'), goldenId: fc.constantFrom('g1', 'g2', 'g3'), attributes: product }),
  { selector: (c) => c.sourceRecordId, maxLength: 6 },
);

describe('ProductEngineV1', () => {
  describe('blockingKeys', () => {
    it('blocks on the GTIN', () => {
      expect(engine.blockingKeys({ gtin: PENCIL, name: 'Pencil' })).toEqual([`gtin:${PENCIL}`]);
    });

    it('has no keys without a GTIN', () => {
      expect(engine.blockingKeys({ name: 'Pencil' })).toEqual([]);
    });
  });

  describe('normalize', () => {
    it('delegates to the product normaliser', () => {
      expect(engine.normalize({ gtin: '4006381333931', name: ' Pencil ' })).toEqual({ cleansed: { gtin: PENCIL, name: 'Pencil' }, errors: [] });
    });
  });

  describe('compare', () => {
    it('matches the same GTIN', () => {
      expect(engine.compare({ gtin: PENCIL, name: 'Pencil HB' }, { gtin: PENCIL, name: 'Bleistift' })).toEqual({
        score: 1,
        decision: 'match',
        explanation: { engine: 'product-rules-v1: same GTIN', score: 1, decision: 'match', comparisons: [{ comparison: 'gtin', level: 'exact', weight: 1 }] },
      });
    });

    it('does not match different GTINs, even with the same name', () => {
      const pair = engine.compare({ gtin: PENCIL, name: 'Pencil' }, { gtin: COLA, name: 'Pencil' });
      expect(pair).toMatchObject({ score: 0, decision: 'none', explanation: { engine: 'product-rules-v1: no rule' } });
      expect(pair.explanation.comparisons).toEqual([{ comparison: 'gtin', level: 'different', weight: 0 }]);
    });

    it('does not match when a GTIN is missing', () => {
      expect(engine.compare({ name: 'Pencil' }, { name: 'Pencil' }).explanation.comparisons).toEqual([{ comparison: 'gtin', level: 'null', weight: 0 }]);
      expect(engine.compare({ gtin: PENCIL }, { name: 'Pencil' }).decision).toBe('none');
    });

    it('is symmetric', () => {
      fc.assert(
        fc.property(product, product, (a, b) => {
          expect(engine.compare(a, b)).toEqual(engine.compare(b, a));
        }),
      );
    });
  });

  describe('match', () => {
    it("returns action 'new' when there are no candidates", () => {
      expect(engine.match({ gtin: PENCIL }, [])).toEqual({ action: 'new', goldenId: null, score: 0, explanation: null, ranked: [] });
    });

    it('links to the smallest golden id with the same GTIN', () => {
      const outcome = engine.match({ gtin: PENCIL }, [
        { sourceRecordId: 's1', goldenId: 'g2', attributes: { gtin: PENCIL } },
        { sourceRecordId: 's2', goldenId: 'g3', attributes: { gtin: COLA } },
        { sourceRecordId: 's3', goldenId: 'g1', attributes: { gtin: PENCIL } },
      ]);
      expect(outcome).toMatchObject({ action: 'link', goldenId: 'g1', score: 1 });
      expect(outcome.ranked.map((r) => r.goldenId)).toEqual(['g1', 'g2']);
    });

    it('decides the same whatever order the candidates come in', () => {
      fc.assert(
        fc.property(
          product,
          candidates.chain((cs) => fc.tuple(fc.constant(cs), fc.shuffledSubarray(cs, { minLength: cs.length, maxLength: cs.length }))),
          (inbound, [original, shuffled]) => {
            expect(engine.match(inbound, shuffled)).toEqual(engine.match(inbound, original));
          },
        ),
      );
    });
  });
});
