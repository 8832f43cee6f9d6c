import Fuse from 'fuse.js';
import { areNicknames, foldLatin } from '../normalize/name';

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
 *
 * Each query word (`wordsOf`: by default folded letters and digits) is scored against every word of the
 * candidate's fields (fuse.js's bitap similarity,
 * less for a word much longer or shorter, 1 when equal, 0.8 for a nickname) and keeps its best; a
 * candidate's score is the mean over the query's words. So "Robert Smith" puts the Robert Smith who
 * has both words first, whatever the other candidates hold. (Fuse's own token search weighs words by
 * TF-IDF over the candidates, and the candidates were fetched because they share the query's words:
 * the words that matched weighed least.)
 */
export function rankWithFuse<T>(
  query: string,
  items: readonly T[],
  keys: readonly string[],
  limit: number,
  wordsOf: (text: string) => readonly string[] = searchWords,
): RankedItem<T>[] {
  const words = wordsOf(query);
  if (words.length === 0 || items.length === 0 || keys.length === 0 || limit <= 0) return [];
  const memo = new Map<string, number>();
  const similarity = (word: string, other: string) => {
    const key = `${word}\u0000${other}`;
    let score = memo.get(key);
    if (score === undefined) memo.set(key, (score = wordSimilarity(word, other)));
    return score;
  };
  const ranked: (RankedItem<T> & { index: number })[] = [];
  items.forEach((item, index) => {
    const fieldWords = new Set(keys.flatMap((key) => wordsOf(textAt(item, key))));
    let total = 0;
    let matched = false;
    for (const word of words) {
      let best = 0;
      for (const other of fieldWords) if (best < 1) best = Math.max(best, similarity(word, other));
      total += best;
      matched ||= best >= MIN_WORD_SIMILARITY;
    }
    if (matched) ranked.push({ item, similarity: total / words.length, index });
  });
  ranked.sort((a, b) => b.similarity - a.similarity || a.index - b.index);
  return ranked.slice(0, limit).map(({ item, similarity: score }) => ({ item, similarity: score }));
}

// A word counts as found at this similarity: one error in five letters, not "london" for "hoper".
const MIN_WORD_SIMILARITY = 0.6;
const WORD = /[\p{L}\p{N}]+/gu;

/** A text's words for search: folded (case, accents), letters and digits only. */
export function searchWords(text: string): string[] {
  return foldLatin(text).match(WORD) ?? [];
}

function wordSimilarity(word: string, other: string): number {
  if (word === other) return 1;
  // A measure (storage:1000gb) is the same or another size: 2 TB is not nearly 1 TB.
  if (word.includes(':') || other.includes(':')) return 0;
  if (areNicknames(word, other)) return 0.8;
  const lengthFactor = 1 - Math.abs(word.length - other.length) / Math.max(word.length, other.length) / 2;
  // Twice as long or more, or nearly: too far apart to count, and not worth a bitap run (most pairs are).
  if (lengthFactor <= 0.75) return 0;
  return fuseSimilarity(word, other) * lengthFactor;
}

function textAt(item: unknown, path: string): string {
  let value: unknown = item;
  for (const part of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}
