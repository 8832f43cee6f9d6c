import { isProviderDomain } from '../normalize/email';

// Shared mailboxes of a role, not a person: the same one at two near domains is two organisations'.
const ROLE_USERS = new Set(['info', 'mail', 'admin', 'office', 'contact', 'sales', 'hello', 'support', 'service', 'team', 'billing', 'accounts', 'noreply', 'post', 'enquiries', 'kontakt']);

/**
 * One mailbox with its domain mistyped: the same user name, at domains a slip apart (one keystroke, or
 * two in a domain of eight characters or more: "hopkins.org" and "honkips.org", "gmial.com"). A user
 * name is chosen by a person (digits, dots and all) and a domain is retyped by whoever keys the record,
 * so the same user name at a near domain is that person's address keyed wrong. Not when the two domains
 * are two real providers' (gmail.com and ymail.com: two mailboxes, as charles.diaz@ at gmail.com and
 * icloud.com can be a father's and a son's), nor for a role mailbox (info@) or a user name under four
 * characters, which many people and organisations share.
 */
export function isMistypedDomain(a: string, b: string): boolean {
  const [atA, atB] = [a.lastIndexOf('@'), b.lastIndexOf('@')];
  if (atA <= 0 || atB <= 0) return false;
  const user = a.slice(0, atA);
  if (user !== b.slice(0, atB) || user.replace(/[^\p{L}\p{N}]/gu, '').length < 4 || ROLE_USERS.has(user)) return false;
  const [x, y] = [a.slice(atA + 1), b.slice(atB + 1)];
  if (x === y || x === '' || y === '' || (isProviderDomain(x) && isProviderDomain(y))) return false;
  const allowed = Math.min(x.length, y.length) >= 8 ? 2 : 1;
  return keystrokes(x, y, allowed) <= allowed;
}

/**
 * One address keyed with a slip or two anywhere in it (the user name, the domain, the "@" itself:
 * "e.page13@dyer-williams.com" and "e.page1i3@dyer-wiliams.com", "m.b@bell-brown.com" and
 * "m.b-bell@brown.com"): at most one keystroke in addresses under twelve characters, two from twelve
 * on. Not two real providers' domains (charles.diaz@gmail.com and charles.diaz@ymail.com may be a
 * father's and a son's), and not a role mailbox. Twins' own mailboxes at one domain differ as their
 * names do (kristen@, kirsten@): the rules keep this level beside `else` in the conflicts that read a
 * given name a little off, so it adds weight only where the given names themselves agree.
 */
export function isMistypedAddress(a: string, b: string): boolean {
  if (a === b || a === '' || b === '') return false;
  const [atA, atB] = [a.lastIndexOf('@'), b.lastIndexOf('@')];
  if (ROLE_USERS.has(a.slice(0, atA)) || ROLE_USERS.has(b.slice(0, atB))) return false;
  const [x, y] = [a.slice(atA + 1), b.slice(atB + 1)];
  if (x !== y && isProviderDomain(x) && isProviderDomain(y)) return false;
  const allowed = Math.min(a.length, b.length) >= 12 ? 2 : 1;
  return keystrokes(a, b, allowed) <= allowed;
}

/**
 * Edits between two strings, a swap of neighbours counting as one (optimal string alignment), or
 * `limit + 1` as soon as more than `limit` are needed.
 */
export function keystrokes(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length], limit + 1);
}
