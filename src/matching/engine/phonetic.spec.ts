import { doubleMetaphone } from 'double-metaphone';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeName } from './normalize/name';
import { phoneticKeys } from './phonetic';

const latinName = fc.string({ unit: fc.constantFrom(...'aBcDeFgHkLmNoPrsTuWxYzéüßø\'- '), maxLength: 16 });

describe(phoneticKeys.name, () => {
  it.each([
    ['Smith', ['SM0', 'XMT']],
    ['Schmidt', ['XMT', 'SMT']],
    ['Müller', ['MLR']],
    ['Jose', ['HS']],
    ['Thompson', ['TMPSN']],
  ])('encodes %j as %j', (input, expected) => {
    expect(phoneticKeys(input)).toEqual(expected);
  });

  it('gives spellings that sound alike a shared key', () => {
    const shareKey = (a: string, b: string) => phoneticKeys(a).some((key) => phoneticKeys(b).includes(key));
    expect(shareKey('Smith', 'Smyth')).toBe(true);
    expect(shareKey('Catherine', 'Katherine')).toBe(true);
    expect(shareKey('Meyer', 'Maier')).toBe(true);
    expect(shareKey("O'Brien", 'OBrien')).toBe(true);
    expect(shareKey('Smith', 'Jones')).toBe(false);
  });

  it('reads a letter keyed three times as a double one: "Milller" is Miller', () => {
    expect(phoneticKeys('Milller')).toEqual(phoneticKeys('Miller'));
    expect(phoneticKeys('Annna Hallll')).toEqual(phoneticKeys('Anna Hall'));
  });

  it('encodes a name of several words without its spaces', () => {
    expect(phoneticKeys('van der Berg')).toEqual(phoneticKeys('Vanderberg'));
    expect(phoneticKeys('Anne-Marie')).toEqual(phoneticKeys('annemarie'));
  });

  it.each(['', '   ', '-', '123', 'Иван'])('returns [] for %j, which has nothing to encode', (input) => {
    expect(phoneticKeys(input)).toEqual([]);
  });

  it('returns one or two distinct codes, the primary first, depending only on the normalised name', () => {
    fc.assert(
      fc.property(latinName, (input) => {
        const keys = phoneticKeys(input);
        expect(keys.length).toBeLessThanOrEqual(2);
        expect(new Set(keys).size).toBe(keys.length);
        for (const key of keys) expect(key).toMatch(/^[A-Z0]+$/);
        expect(phoneticKeys(input.toUpperCase())).toEqual(phoneticKeys(input.toLowerCase()));
        expect(phoneticKeys(normalizeName(input))).toEqual(keys);
        // A run of three letters or more is encoded as two.
        const folded = normalizeName(input).replace(/ /g, '').replace(/(.)\1\1+/g, '$1$1');
        if (keys.length > 0) expect(doubleMetaphone(folded)).toContain(keys[0]);
      }),
    );
  });
});
