/**
 * Blocking keys for a product whose brand does not help: missing, an alias ("P&G", "Procter & Gamble"),
 * or a guess from a title that starts with seller noise ("Fast Shipping Apple iPhone …"). Two of a
 * title's distinctive words together, the brand's words aside, name a product family and one of its
 * variants ("iphone|titanium", "nuptse|yellow") whichever way the title is written, ordered or cased.
 */

/** The words paired: four give six pairs, within a record's keys per rule. */
const PAIRED_WORDS = 4;

/**
 * Every pair (sorted, `a|b`) of the title's most distinctive tokens: model-like words first (letters and
 * digits: "r6", "ux3405"), then the longest words and measures ("storage:512gb"), then numbers of two
 * digits or more ("574", "90"). Words of the brand, shorter than three letters or all digits below 10
 * are left out. Which words are rare is not known here: a pair many products share turns generic
 * (frequency-aware blocking) and stops giving candidates.
 */
export function titleWordPairs(tokens: readonly string[], brandWords: ReadonlySet<string>): readonly string[] | null {
  const words = distinctiveWords(tokens, brandWords).slice(0, PAIRED_WORDS).sort();
  const pairs: string[] = [];
  for (let i = 0; i < words.length; i++) for (let j = i + 1; j < words.length; j++) pairs.push(`${words[i]}|${words[j]}`);
  return pairs.length > 0 ? pairs : null;
}

function distinctiveWords(tokens: readonly string[], brandWords: ReadonlySet<string>): string[] {
  const words = [...new Set(tokens)].filter((t) => !brandWords.has(t) && (/^\d{2,}$/.test(t) || (t.length >= 3 && !/^\d+$/.test(t)) || isModelLike(t)));
  return words.sort((a, b) => rank(a) - rank(b) || b.length - a.length || (a < b ? -1 : 1));
}

function rank(word: string): number {
  if (isModelLike(word)) return 0;
  return /^\d+$/.test(word) ? 2 : 1;
}

/** Letters and digits in one word, not a measure (`vol:500ml`): a model or line name ("r6", "xm5"). */
function isModelLike(word: string): boolean {
  return !word.includes(':') && /\p{L}/u.test(word) && /\d/.test(word);
}
