import type { EntityType } from '../../common/entity-type';
import type { Attributes, MatchEngine } from './types';

export interface SearchKeys {
  /** Whole blocking keys the query could share with a stored record. */
  readonly exact: string[];
  /** Starts of multi-part keys (`family-city:SM0|`): every stored key with that first part. */
  readonly prefixes: string[];
}

const MAX_WORDS = 8;

/**
 * The blocking keys a free-text query could share with stored records. The query's words are tried in
 * every role a record field could give them (a word as a family name, a city, an email…), and the
 * engine's own normaliser, features and blocking rules turn those probe records into keys, so search
 * follows whatever the rules file blocks on.
 */
export function searchKeys(
  engine: MatchEngine,
  blocking: readonly { name: string; on: readonly string[] }[],
  query: string,
  personalData = true,
): SearchKeys {
  const exact = new Set<string>();
  const prefixes = new Set<string>();
  for (const probe of probeRecords(engine.entityType, query, personalData)) {
    const { cleansed } = engine.normalize(probe);
    if (!cleansed) continue;
    const features = engine.features(cleansed);
    for (const key of engine.blockingKeys(features)) exact.add(key);
    for (const rule of blocking) {
      if (rule.on.length < 2) continue;
      const first = features[rule.on[0]];
      for (const value of Array.isArray(first) ? first : first ? [String(first)] : []) prefixes.add(`${rule.name}:${value}|`);
    }
  }
  return { exact: [...exact], prefixes: [...prefixes] };
}

/** A word with digits and at least five letters or digits, no @: it may be a national id. */
function looksLikeId(word: string): boolean {
  return !word.includes('@') && /\d/.test(word) && word.replace(/[^\p{L}\p{N}]/gu, '').length >= 5;
}

/** Records made of the query's words, one role at a time; as email, phone, birth date or id only when `personalData`. */
function probeRecords(entityType: EntityType, query: string, personalData: boolean): Attributes[] {
  const words = query.split(/[\s,;]+/).filter(Boolean).slice(0, MAX_WORDS);
  if (entityType === 'product') {
    // The whole query as a title (model codes, brand guess, key tokens), and any number in it as a GTIN.
    return [{ name: query }, ...words.filter((w) => /^\d{8,14}$/.test(w)).map((gtin) => ({ gtin }))];
  }
  const probes: Attributes[] = [];
  // An id written in groups ("078 05 1120") is one word to the normaliser.
  if (personalData && words.length > 1 && words.every((w) => /^[\p{L}\p{N}-]+$/u.test(w)) && looksLikeId(query)) probes.push({ nationalId: query });
  for (const word of words) {
    const personal = word.includes('@') || /^\+?[\d()\-.]{6,}$/.test(word) || /^\d{4}-\d{2}-\d{2}$/.test(word) || looksLikeId(word);
    if (personal && !personalData) continue;
    // A national id can look like a phone number or a postcode: it is tried as an id too.
    if (looksLikeId(word)) probes.push({ nationalId: word });
    if (word.includes('@')) probes.push({ email: word });
    else if (/^\+?[\d()\-.]{6,}$/.test(word)) probes.push({ phone: word.startsWith('+') ? word : `+${word.replace(/\D/g, '')}` });
    else if (/^\d{4}-\d{2}-\d{2}$/.test(word)) probes.push({ birthDate: word });
    else probes.push({ familyName: word, city: word });
  }
  // Two words may be a given and a family name, in either order.
  const names = words.filter((w) => /^\p{L}[\p{L}'.-]*$/u.test(w));
  for (const given of names) for (const family of names) if (given !== family) probes.push({ givenName: given, familyName: family });
  return probes;
}
