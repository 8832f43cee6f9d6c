import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, foldForMatch } from './text';

const anyText = fc.string({ unit: 'binary', maxLength: 40 });
/** Text that is mostly whitespace and control characters, where collapsing matters. */
const spacedText = fc.string({ unit: fc.constantFrom('a', 'B', 'é', ' ', '  ', '\t', '\n', '\r', '\u0000', '\u001f', '\u007f', '\u00a0', '\u2003', '\ufeff'), maxLength: 30 });

describe('cleanText', () => {
  it.each([
    ['  Ada  ', 'Ada'],
    ['New   York', 'New York'],
    ['\t12  Main St\r\n', '12 Main St'],
    ['a\u0000b\u001fc\u007fd', 'a b c d'],
    ['a \u00a0\u2003\ufeff b', 'a b'], // no-break, em and zero-width no-break spaces are whitespace too
    ['Müller', 'Müller'], // case and diacritics are kept
  ])('cleans %j to %j', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it.each(['', '   ', '\t\n', '\u0000\u0007'])('returns null for %j, empty after cleaning', (input) => {
    expect(cleanText(input)).toBeNull();
  });

  it.each([42, true, null, undefined, { a: 1 }, ['a']])('returns null for the non-string %j', (input) => {
    expect(cleanText(input)).toBeNull();
  });

  it('leaves no surrounding whitespace and no run of whitespace or control characters', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, spacedText), (input) => {
        const cleaned = cleanText(input);
        if (cleaned === null) {
          expect(input.replace(/[\s\u0000-\u001f\u007f]/g, '')).toBe('');
        } else {
          expect(cleaned).toBe(cleaned.trim());
          expect(cleaned).not.toMatch(/[\s\u0000-\u001f\u007f]{2}|[^\S ]|[\u0000-\u001f\u007f]/);
        }
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, spacedText), (input) => {
        const once = cleanText(input);
        expect(once === null ? null : cleanText(once)).toBe(once);
      }),
    );
  });
});

describe('foldForMatch', () => {
  it.each([
    ['Müller', 'muller'],
    ['José', 'jose'],
    ['JOSÉ', 'jose'],
    ['Jose\u0301', 'jose'], // decomposed accent
    ["O'Brien-Smith", 'obriensmith'],
    ['  Anne Marie ', 'annemarie'],
    ['Ｊｏｓé２', 'jose2'], // full-width forms fold by compatibility
    ['Łukasz', 'łukasz'], // Ł has no decomposition: only lower-cased
    ['Straße', 'straße'],
    ['Ñoño', 'nono'],
    ['---', ''],
  ])('folds %j to %j', (input, expected) => {
    expect(foldForMatch(input)).toBe(expected);
  });

  it('makes two spellings of one name agree', () => {
    expect(foldForMatch('François')).toBe(foldForMatch('FRANCOIS'));
    expect(foldForMatch('Zoë')).toBe(foldForMatch('zoe'));
  });

  it('keeps lower-case letters and digits only', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        const folded = foldForMatch(input);
        expect(folded).toMatch(/^[\p{L}\p{N}]*$/u);
        expect(folded).toBe(folded.toLowerCase());
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.string({ unit: 'grapheme', maxLength: 20 })), (input) => {
        const once = foldForMatch(input);
        expect(foldForMatch(once)).toBe(once);
      }),
    );
  });
});
