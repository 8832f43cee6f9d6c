import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mailbox, normalizeEmail } from './email';

describe('normalizeEmail', () => {
  it.each([
    ['Ada@Example.COM', 'ada@example.com'],
    ['  ada.lovelace+news@example.org\t', 'ada.lovelace+news@example.org'],
    ['ADA@EXAMPLE.COM', 'ada@example.com'],
    ['Zoë@Exämple.de', 'zoë@exämple.de'], // lower-cased, not folded
  ])('writes %j as %j', (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });

  it.each(['', '   ', '\n\t'])('returns null for %j, empty after trimming', (input) => {
    expect(normalizeEmail(input)).toBeNull();
  });

  it('makes emails that differ only in case and surrounding space equal', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.string({ unit: fc.constantFrom(' ', '\t'), maxLength: 3 }), (email, pad) => {
        expect(normalizeEmail(pad + email.toUpperCase() + pad)).toBe(normalizeEmail(email));
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.emailAddress(), fc.string({ unit: 'binary', maxLength: 30 })), (input) => {
        const once = normalizeEmail(input);
        expect(once === null ? null : normalizeEmail(once)).toBe(once);
      }),
    );
  });
});

describe('mailbox', () => {
  it.each([
    ['j.doe+shop@gmail.com', 'jdoe@gmail.com'],
    ['jdoe@googlemail.com', 'jdoe@gmail.com'],
    ['j.doe+news@example.com', 'j.doe@example.com'], // dots are part of the name elsewhere
    ['+tag@example.com', '+tag@example.com'], // nothing before the + : not a sub-address
    ['no-at-sign', 'no-at-sign'],
  ])('%s reaches %s', (address, reached) => {
    expect(mailbox(address)).toBe(reached);
    expect(mailbox(reached)).toBe(reached);
  });
});
