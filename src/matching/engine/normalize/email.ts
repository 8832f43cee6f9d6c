import { isOneTypo } from '../compare/levenshtein';
import { MAIL_PROVIDER_BRANDS, MAIL_PROVIDER_DOMAINS } from '../data/mail-providers';

/** Emails compare case-insensitively in practice (providers ignore case in the local part too). */
export function normalizeEmail(value: string): string | null {
  const email = value.trim().toLowerCase();
  return email === '' ? null : email;
}

// Providers that deliver every sub-address (+tag) to the mailbox; Gmail also ignores dots in the user name.
const DOTLESS_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/** The mailbox an address delivers to: without a +tag, and for Gmail without dots ("j.doe+shop@gmail.com" → "jdoe@gmail.com"). */
export function mailbox(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return email;
  let user = email.slice(0, at);
  let domain = email.slice(at + 1);
  const plus = user.indexOf('+');
  if (plus > 0) user = user.slice(0, plus);
  if (DOTLESS_DOMAINS.has(domain)) {
    user = user.replace(/\./g, '');
    domain = 'gmail.com';
  }
  return `${user}@${domain}`;
}

/** The domain of an address ('' when there is no @). */
export function mailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1);
}

/**
 * Whether a mail domain is one anyone can have an address at (a free-mail provider's or an internet or
 * telephone provider's, `data/mail-providers.ts`), or one a keystroke off such a domain (gmial.com,
 * hotmail.con, outlok.com): a private address. Any other domain is an organisation's (a work address).
 */
export function isPrivateMailDomain(domain: string): boolean {
  let known = privateDomains.get(domain);
  if (known === undefined) {
    known = readPrivate(domain);
    if (privateDomains.size >= MAX_REMEMBERED) privateDomains.clear();
    privateDomains.set(domain, known);
  }
  return known;
}

const BRANDS = new Set(MAIL_PROVIDER_BRANDS);
const DOMAINS = new Set(MAIL_PROVIDER_DOMAINS);
// A brand's domain in any country: one label, then a top-level domain alone or under a second level
// (hotmail.co.uk, bigpond.com.au, yahoo.es, gmail.con).
const COUNTRY_SUFFIX = /^(?:(?:co|com|net|org|ne|or|ac)\.)?[a-z]{2,6}$/;
const MAX_REMEMBERED = 10_000;
const privateDomains = new Map<string, boolean>();

function readPrivate(domain: string): boolean {
  if (DOMAINS.has(domain)) return true;
  const dot = domain.indexOf('.');
  if (dot <= 0) return false;
  const label = domain.slice(0, dot);
  const suffix = domain.slice(dot + 1);
  if (!COUNTRY_SUFFIX.test(suffix)) return false;
  if (BRANDS.has(label)) return true;
  // A keystroke off a provider: a brand's label of five letters or more (hotmial, outlok), or a listed domain.
  for (const brand of BRANDS) if (brand.length >= 5 && isOneTypo(label, brand)) return true;
  for (const known of DOMAINS) if (isOneTypo(domain, known)) return true;
  return false;
}

/**
 * Whether a domain is a provider's own, as listed (gmail.com, gmx.de) or a listed brand under a country
 * suffix (yahoo.fr): not a keystroke-off spelling of one. Two such domains are two providers, so one
 * user name at both is two mailboxes (gmail.com and ymail.com are one keystroke apart).
 */
export function isProviderDomain(domain: string): boolean {
  if (DOMAINS.has(domain)) return true;
  const dot = domain.indexOf('.');
  return dot > 0 && BRANDS.has(domain.slice(0, dot)) && COUNTRY_SUFFIX.test(domain.slice(dot + 1));
}
