/** What a key may do: admin everything; steward reads and resolves; reader reads; source ingests as one source system. */
export const ROLES = ['admin', 'steward', 'reader', 'source'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The caller behind an API key, attached to each authenticated request. */
export interface Principal {
  readonly keyId: string;
  readonly name: string;
  readonly role: Role;
  /** For role `source`: the only source system this key may write as. */
  readonly source: string | null;
  /** Created with PII access: sees personal data in clear even as a reader or source key. */
  readonly pii: boolean;
}

/** Admins and stewards work with the real values; other keys see personal data masked unless granted it. */
export function seesPii(principal: Principal): boolean {
  return principal.role === 'admin' || principal.role === 'steward' || principal.pii;
}

/** How a principal is named on golden events and in the audit trail. */
export function actorOf(principal: Principal): string {
  return `key:${principal.name}`;
}
