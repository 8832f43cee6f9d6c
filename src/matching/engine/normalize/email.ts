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
