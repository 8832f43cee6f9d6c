/** Emails compare case-insensitively in practice (providers ignore case in the local part too). */
export function normalizeEmail(value: string): string | null {
  const email = value.trim().toLowerCase();
  return email === '' ? null : email;
}
