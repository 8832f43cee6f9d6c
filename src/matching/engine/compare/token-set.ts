/** Jaccard similarity of the distinct tokens: |A ∩ B| / |A ∪ B|, 0 when either side has none. */
export function tokenSetSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const setA = new Set(a);
  const setB = new Set(b);
  const shared = countShared(setA, setB);
  return shared / (setA.size + setB.size - shared);
}

/**
 * The share of the smaller token set found in the other: |A ∩ B| / min(|A|, |B|), distinct tokens, 0 when
 * either side has none. 1 when one title's tokens are all in the other, however much longer it is.
 */
export function tokenContainment(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const setA = new Set(a);
  const setB = new Set(b);
  return countShared(setA, setB) / Math.min(setA.size, setB.size);
}

/**
 * Whether, of two word lists sharing at least two words, each has one to `n` words the other lacks
 * ("duo style" / "duo prestige" at n = 1): one product line's siblings named by words. One word against
 * one is no line shared ("kettle" / "toaster").
 */
export function wordsReplaced(a: readonly string[], b: readonly string[], n: number): boolean {
  const [onlyA, onlyB, shared] = differences(a, b);
  return shared >= 2 && onlyA >= 1 && onlyB >= 1 && onlyA <= n && onlyB <= n;
}

/**
 * Whether one word list is the other, sharing at least two words, with one to `n` more ("duo pro elite" /
 * "duo elite"): a sibling's tier or edition word, or a descriptor one shop adds (less telling). A first
 * word only one side has is the brand one source did not give ("sony cyber shot" / "cyber shot"): not counted.
 */
export function wordsAdded(a: readonly string[], b: readonly string[], n: number): boolean {
  const [onlyA, onlyB, shared] = differences(a, b);
  if (shared < 2 || Math.min(onlyA, onlyB) > 0 || Math.max(onlyA, onlyB) === 0 || Math.max(onlyA, onlyB) > n) return false;
  return !(onlyA + onlyB === 1 && (onlyA === 1 ? !b.includes(a[0]) : !a.includes(b[0])));
}

/**
 * Whether two word lists sharing at least two words each have one word the other lacks, and that word is
 * its record's own value of an attribute (`ownA`, `ownB`: its size, "l", "42", "standard"): where one names
 * its own size the other names something else, another size however it writes it ("Housemark Tee L" with
 * size L against "HOUSEMARK TEE XL"; "305 Ink Cartridge Standard" against "305 INK CARTRIDGE XL").
 */
export function ownWordReplaced(a: readonly string[], b: readonly string[], ownA: readonly string[], ownB: readonly string[]): boolean {
  const [setA, setB] = [new Set(a), new Set(b)];
  const onlyA = [...setA].filter((w) => !setB.has(w));
  const onlyB = [...setB].filter((w) => !setA.has(w));
  if (onlyA.length !== 1 || onlyB.length !== 1 || countShared(setA, setB) < 2) return false;
  return ownA.includes(onlyA[0]) || ownB.includes(onlyB[0]);
}

/**
 * Whether one word list is the other (two words or more) with one more word, and that word one of `words`:
 * "duo pro elite" / "duo elite", "redmi note 56 pro" / "redmi note 56". A tier word added to a name that
 * agrees otherwise is a sibling, wherever the word stands; a shop's descriptor ("wireless") is not one.
 */
export function wordAddedFrom(a: readonly string[], b: readonly string[], words: ReadonlySet<string>): boolean {
  if (!wordsAdded(a, b, 1)) return false;
  const [longer, shorter] = a.length > b.length ? [new Set(a), new Set(b)] : [new Set(b), new Set(a)];
  return [...longer].some((word) => !shorter.has(word) && words.has(word));
}

/**
 * Whether two names agree on their words (one of three letters or more at least) but for numbers or codes,
 * each side having its own: "surface laptop 5" / "surface laptop 6", "macbook air m2" / "macbook air m3",
 * "xps 13 9340" / "xps 15 9530". One line's models or generations, named by their number.
 */
export function numbersReplaced(a: readonly string[], b: readonly string[]): boolean {
  const [setA, setB] = [new Set(a), new Set(b)];
  const onlyA = [...setA].filter((w) => !setB.has(w));
  const onlyB = [...setB].filter((w) => !setA.has(w));
  const shared = [...setA].filter((w) => setB.has(w));
  // Numbers against numbers, codes against codes: "2.1" (channels) against "Z2300", or "14.7" (megapixels)
  // against "G10", is a specification one title gives and the other's code, not two models.
  const kind = (word: string) => (/^\d+$/.test(word) ? 'number' : /^(?:[a-z]+\d+[a-z]*|\d+[a-z]+)$/.test(word) ? 'code' : 'other');
  const kinds = new Set([...onlyA, ...onlyB].map(kind));
  return onlyA.length > 0 && onlyB.length > 0 && kinds.size === 1 && !kinds.has('other') && shared.some((w) => /^[a-z]{3,}$/.test(w));
}

/**
 * Whether two word lists are one name but for a first word only one has: the brand, which one source gave
 * in its brand field and the other only in its title ("cuisinart food style processor" / "food style processor").
 */
export function sameButFirstWord(a: readonly string[], b: readonly string[]): boolean {
  // Codes count here: "lc77 ink" and "brother lc771 ink" are not one name.
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  const rest = new Set(longer.slice(1));
  const words = new Set(shorter);
  return words.size >= 2 && !words.has(longer[0]) && rest.size === words.size && [...words].every((word) => rest.has(word));
}

/**
 * Distinct words only in a, only in b, and shared. A code (letters and digits: TR72B) only one side has is
 * left out: codes are compared as codes, and one shop writes it in the name where another puts it after.
 */
function differences(a: readonly string[], b: readonly string[]): [number, number, number] {
  const setA = new Set(a);
  const setB = new Set(b);
  const shared = countShared(setA, setB);
  const only = (set: ReadonlySet<string>, other: ReadonlySet<string>) => [...set].filter((w) => !other.has(w) && !CODE_WORD.test(w)).length;
  return [only(setA, setB), only(setB, setA), shared];
}

const CODE_WORD = /^(?=.*\d)(?=.*[a-z])/;

function countShared(setA: ReadonlySet<string>, setB: ReadonlySet<string>): number {
  const small = setA.size <= setB.size ? setA : setB;
  const large = small === setA ? setB : setA;
  let shared = 0;
  for (const token of small) if (large.has(token)) shared++;
  return shared;
}
