import Fuse from 'fuse.js';

// One value against another: where the match sits in the text does not matter, and any number of errors
// is scored (under a lower threshold fuse reports "no match", score 1, and the grading is lost).
const PAIR_OPTIONS: Fuse.IFuseOptions<string> = { ignoreLocation: true, threshold: 1 };

/**
 * Fuse's bitap score turned into a similarity (1 - score), the better of both directions so it is
 * symmetric; case-insensitive. A string found whole inside the other scores 0.999, an identical one 1, and
 * an empty one 0.
 */
export function fuseSimilarity(query: string, target: string): number {
  if (query.length === 0 || target.length === 0) return 0;
  const forward = Fuse.match(query, target, PAIR_OPTIONS).score;
  const backward = Fuse.match(target, query, PAIR_OPTIONS).score;
  return 1 - Math.min(forward, backward);
}

export interface RankedItem<T> {
  readonly item: T;
  readonly similarity: number;
}

/**
 * Orders a small candidate list by how well `keys` (dotted paths, e.g. "attributes.familyName") match
 * the query, best first, at most `limit` of them; candidates matching no query word are left out.
 */
export function rankWithFuse<T>(query: string, items: readonly T[], keys: readonly string[], limit: number): RankedItem<T>[] {
  if (query.trim() === '' || items.length === 0 || keys.length === 0 || limit <= 0) return [];
  const fuse = new Fuse<T>(items, {
    keys: [...keys],
    // Each query word is matched against every key (token search), so "lovlace london" finds a record with
    // family name Lovelace and city London; one whole-query pattern would match no single field.
    useTokenSearch: true,
    // A word may differ from a field's by 40% of its characters: typos, without matching everything.
    threshold: 0.4,
    ignoreLocation: true,
    includeScore: true,
  });
  return fuse.search(query, { limit }).map((result) => ({ item: result.item, similarity: 1 - (result.score ?? 1) }));
}
