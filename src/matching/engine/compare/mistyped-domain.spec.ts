import { describe, expect, it } from 'vitest';
import { isMistypedAddress, isMistypedDomain, keystrokes } from './mistyped-domain';

describe('isMistypedDomain', () => {
  it('reads the same user name at a domain a slip off as one mailbox keyed wrong', () => {
    expect(isMistypedDomain('gabriel.t54@nichols.info', 'gabriel.t54@nlchois.info')).toBe(true);
    expect(isMistypedDomain('e.rogers3@hopkins.org', 'e.rogers3@honkips.org')).toBe(true);
    expect(isMistypedDomain('charles.diaz@gmail.com', 'charles.diaz@gmial.com')).toBe(true);
    expect(isMistypedDomain('anna.berg@telia.se', 'anna.berg@tela.se')).toBe(true);
  });

  it('two real providers are two mailboxes, however close their names (a father and a son can hold both)', () => {
    expect(isMistypedDomain('charles.diaz@gmail.com', 'charles.diaz@icloud.com')).toBe(false);
    expect(isMistypedDomain('charles.diaz@gmail.com', 'charles.diaz@ymail.com')).toBe(false);
    expect(isMistypedDomain('charles.diaz@gmx.de', 'charles.diaz@gmx.at')).toBe(false);
  });

  it('needs the same user name, one a person chose: not another user, a role mailbox or a short one', () => {
    expect(isMistypedDomain('emma.jones@jones-family.net', 'ella.jones@jnoes-family.net')).toBe(false);
    expect(isMistypedDomain('info@acme-tools.com', 'info@acme-tool.com')).toBe(false);
    expect(isMistypedDomain('jc@example.com', 'jc@exmaple.com')).toBe(false);
    expect(isMistypedDomain('robert@example.com', 'robert@example.com')).toBe(false); // the exact level's
  });

  it('allows two keystrokes only in a domain of eight characters or more', () => {
    expect(isMistypedDomain('r.cole1@abcd.io', 'r.cole1@bacd.ie')).toBe(false);
    expect(isMistypedDomain('r.cole1@abcd.io', 'r.cole1@abdc.io')).toBe(true);
    expect(isMistypedDomain('r.cole1@ramirez.com', 'r.cole1@ramtrez.cm')).toBe(true);
    expect(isMistypedDomain('r.cole1@ramirez.com', 'r.cole1@rmtrez.cm')).toBe(false);
  });
});

describe('isMistypedAddress', () => {
  it('reads an address with a slip or two anywhere in it as one address keyed wrong', () => {
    expect(isMistypedAddress('e.page13@dyer-williams.com', 'e.page1i3@dyer-wiliams.com')).toBe(true); // user and domain
    expect(isMistypedAddress('ajones6@cortez-wilcox.com', 'ajones-@cortez6wilcox.com')).toBe(true);
    expect(isMistypedAddress('hn@martinz-reynolds.com', 'hn@martin-ez-reynolds.com')).toBe(true);
    expect(isMistypedAddress('lucas@harrington.com', 'lucas.harrington@com')).toBe(true); // "@" and a dot swapped
    expect(isMistypedAddress('m.b@bell-brown.com', 'm.b-bell@brown.com')).toBe(true); // "@" and a hyphen swapped
    expect(isMistypedAddress('m.b@bell-brown.com', 'mb-bell@brown.co')).toBe(false); // four
    expect(isMistypedAddress('lucas@harrington.com', 'lucasharrington.com')).toBe(true); // "@" dropped
  });

  it('allows one keystroke under twelve characters, two from twelve on', () => {
    expect(isMistypedAddress('ee@day.com', 'e.e@day.com')).toBe(true);
    expect(isMistypedAddress('ee@day.com', 'e.e@ay.com')).toBe(false);
    expect(isMistypedAddress('harleyk@houston.net', 'haoleyk@hruston.net')).toBe(true);
    expect(isMistypedAddress('harleyk@houston.net', 'haoleyk@hrustonnet')).toBe(false);
  });

  it('two real providers are two mailboxes; a role mailbox is nobody; an exact address is the exact level', () => {
    expect(isMistypedAddress('charles.diaz@gmail.com', 'charles.diaz@ymail.com')).toBe(false);
    expect(isMistypedAddress('charles.diaz@gmx.de', 'charles.diaz1@gmx.at')).toBe(false);
    expect(isMistypedAddress('info@acme-tools.com', 'info@acme-tool.co')).toBe(false);
    expect(isMistypedAddress('robert@example.com', 'robert@example.com')).toBe(false);
    expect(isMistypedAddress('robert@example.com', '')).toBe(false);
  });
});

describe('keystrokes', () => {
  it('counts a swap of neighbours as one edit and stops past the limit', () => {
    expect(keystrokes('hopkins', 'honkips', 2)).toBe(2);
    expect(keystrokes('nichols', 'nlchois', 2)).toBe(2);
    expect(keystrokes('abcd', 'abdc', 1)).toBe(1);
    expect(keystrokes('kitten', 'sitting', 1)).toBe(2);
    expect(keystrokes('', 'abc', 5)).toBe(3);
  });
});
