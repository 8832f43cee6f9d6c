import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPrivateMailDomain, mailbox, mailDomain, normalizeEmail } from './email';

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

describe('isPrivateMailDomain', () => {
  it.each([
    'gmail.com', 'hotmail.co.uk', 'hotmail.fr', 'outlook.es', 'live.nl', 'yahoo.es', 'icloud.com', 'me.com', 'gmx.de', 'gmx.at', 'web.de', 't-online.de',
    'orange.fr', 'wanadoo.fr', 'laposte.net', 'libero.it', 'virgilio.it', 'telefonica.net', 'telia.com', 'ziggo.nl', 'kpnmail.nl', 'bigpond.com', 'comcast.net',
  ])('%s is a provider anyone can have an address at', (domain) => expect(isPrivateMailDomain(domain)).toBe(true));

  it.each(['gmial.com', 'gmail.con', 'gmail.co', 'hotmial.com', 'outlok.com', 'sky.co', 'yahooo.es'])('%s is a provider mistyped', (domain) => {
    expect(isPrivateMailDomain(domain)).toBe(true);
  });

  it.each(['volvo.com', 'renault.com', 'telefonica.com', 'bnpparibas.com', 'nhs.net', 'wellsfargo.com', 'uni-heidelberg.de', 'example.com', 'acme.co.uk'])(
    '%s is an organisation\'s',
    (domain) => expect(isPrivateMailDomain(domain)).toBe(false),
  );

  it('reads the domain of an address', () => {
    expect(mailDomain('anna.berg@volvo.com')).toBe('volvo.com');
    expect(mailDomain('no-at-sign')).toBe('');
  });
});
