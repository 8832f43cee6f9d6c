import { contradicts } from '../compare/claims';
import { compareDates } from '../compare/date-distance';
import { fuseSimilarity } from '../compare/fuse-similarity';
import { jaroWinkler } from '../compare/jaro-winkler';
import { fitsOwnCode, openingCode, containedCode, differentVariants, extendedCode, otherModelNumbers, otherPrefix } from '../compare/model-code';
import { isOneTypo, levenshteinDistance } from '../compare/levenshtein';
import { isMistypedAddress, isMistypedDomain } from '../compare/mistyped-domain';
import { relativeDifference } from '../compare/numeric';
import { finerShade, neighbourTone } from '../data/colours';
import { numbersReplaced, ownWordReplaced, sameButFirstWord, tokenContainment, tokenSetSimilarity, wordAddedFrom, wordsAdded, wordsReplaced } from '../compare/token-set';
import type { FeatureCatalog, FeatureKind, Features, FeatureValue } from '../features/feature.types';
import { isPrivateMailDomain, isProviderDomain, mailDomain } from '../normalize/email';
import { areDistinctKnownNames, areGenderedForms, areNicknames, areNicknamesOfOneName, familyNameForm, isParticleRun } from '../normalize/name';
import { splitExtension } from '../normalize/phone';
import { isFixedOrMobile, lineType } from '../normalize/phone-line';
import type { ConflictRule, CorroborationRule, CountOnceRule, LevelCondition, LevelRule, MatchRules, TermFrequencyTable } from './match-rules';

/** Whether a pair is at a level: the compared values, and the whole features for conditions that look across. */
export type LevelTest = (a: Exclude<FeatureValue, null>, b: Exclude<FeatureValue, null>, fa: Features, fb: Features) => boolean;

export interface CompiledLevel {
  readonly label: string;
  readonly test: LevelTest;
  /** log2(m / u): the evidence this level adds. */
  readonly weight: number;
  readonly m: number;
  readonly veto?: 'none' | 'review';
  /** Agreement at this level identifies the entity (see LevelRule.confirms). */
  readonly confirms: boolean;
  /** True for the exact-agreement level, the one term frequencies adjust. */
  readonly exact: boolean;
}

export interface CompiledComparison {
  readonly name: string;
  readonly feature: string;
  readonly levels: readonly CompiledLevel[];
  readonly termFrequencies?: TermFrequencyTable;
}

export interface CompiledCorroboration {
  readonly name: string;
  /** Per comparison name, the level labels that count as agreement. */
  readonly requires: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface CompiledRules {
  readonly source: MatchRules;
  readonly priorWeight: number;
  readonly comparisons: readonly CompiledComparison[];
  readonly corroborations: readonly CompiledCorroboration[];
  readonly conflicts: readonly CompiledConflict[];
  readonly countOnce: readonly CompiledCountOnce[];
  /** What shows two look-alike entities (see WitnessRule); null when the rules have none. */
  readonly witnesses: CompiledWitnesses | null;
}

export interface CompiledWitnesses {
  readonly agree: ReadonlyMap<string, ReadonlySet<string>>;
  readonly apart: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface CompiledCountOnce {
  readonly name: string;
  readonly agreements: boolean;
  readonly comparisons: ReadonlySet<string>;
  readonly requires: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface CompiledConflict extends CompiledCorroboration {
  readonly veto: 'none' | 'review';
  /** The comparison the veto is marked on: the first listed. */
  readonly markedOn: string;
  readonly needsWitness: boolean;
}

/** Turns validated rules into level tests and weights, once, so scoring a pair is a tight loop. */
export function compileRules(rules: MatchRules, catalog: FeatureCatalog): CompiledRules {
  return {
    source: rules,
    priorWeight: Math.log2(rules.prior / (1 - rules.prior)),
    comparisons: rules.comparisons.map((comparison) => ({
      name: comparison.name,
      feature: comparison.feature,
      termFrequencies: comparison.tf ? rules.termFrequencies?.[comparison.feature] : undefined,
      levels: comparison.levels.map((level) => compileLevel(level, catalog[comparison.feature])),
    })),
    corroborations: (rules.corroborations ?? []).map(compileCorroboration),
    conflicts: (rules.conflicts ?? []).map(compileConflict),
    countOnce: (rules.countOnce ?? []).map(compileCountOnce),
    witnesses: rules.witnesses ? { agree: requirements(rules.witnesses.agree), apart: requirements(rules.witnesses.apart) } : null,
  };
}

function compileCountOnce(rule: CountOnceRule): CompiledCountOnce {
  return { name: rule.name, agreements: rule.agreements === true, comparisons: new Set(rule.comparisons), requires: requirements(rule.when) };
}

function compileConflict(rule: ConflictRule): CompiledConflict {
  return { ...compileCorroboration(rule), veto: rule.veto, markedOn: Object.keys(rule.levels)[0], needsWitness: rule.needsWitness === true };
}

function compileCorroboration(rule: CorroborationRule): CompiledCorroboration {
  return { name: rule.name, requires: requirements(rule.levels) };
}

/** Per comparison name, the level labels that count. */
function requirements(levels: Readonly<Record<string, readonly string[]>>): ReadonlyMap<string, ReadonlySet<string>> {
  return new Map(Object.entries(levels).map(([comparison, labels]) => [comparison, new Set(labels)]));
}

function compileLevel(level: LevelRule, kind: FeatureKind): CompiledLevel {
  return {
    label: level.label,
    test: withModifiers(level, levelTest(level.when, kind)),
    weight: Math.log2(level.m / level.u),
    m: level.m,
    veto: level.veto,
    confirms: level.confirms === true,
    exact: 'exact' in level.when,
  };
}

/** The test for one level condition; `validateRules` has checked that it suits the feature's kind. */
export function levelTest(condition: LevelCondition, kind: FeatureKind): LevelTest {
  if (kind === 'phone') return phoneTest(condition);
  if ('else' in condition) return () => true;
  if ('exact' in condition) return kind === 'tokens' ? (a, b) => sameSet(tokens(a), tokens(b)) : (a, b) => a === b;
  if ('jaroWinkler' in condition) return (a, b) => jaroWinkler(String(a), String(b)) >= condition.jaroWinkler;
  if ('levenshtein' in condition) return (a, b) => levenshteinDistance(String(a), String(b)) <= condition.levenshtein;
  // In a word of two or three letters one keystroke is a different word (Jon, Jan; P1, P3), not a typo;
  // so is a word with another first letter (Gina, Nina: twins are named so; typos rarely start a word).
  // Given names: two names the nickname table knows (John, Joan) are two people, however close.
  if ('typo' in condition) {
    if (kind === 'given-name') return (a, b) => isGivenNameTypo(String(a), String(b)) && !areDistinctKnownNames(String(a), String(b));
    return (a, b) => isTypo(String(a), String(b));
  }
  if ('transposed' in condition) return (a, b) => isTransposition(String(a), String(b)) && !areDistinctKnownNames(String(a), String(b));
  if ('rearranged' in condition) return (a, b) => isRearrangement(String(a), String(b)) && !areDistinctKnownNames(String(a), String(b));
  if ('nickname' in condition) return (a, b) => areNicknames(String(a), String(b));
  if ('nicknameOfOneName' in condition) return (a, b) => areNicknamesOfOneName(String(a), String(b));
  if ('middleNames' in condition) return (a, b) => compatibleMiddleNames(String(a), String(b));
  if ('initial' in condition) return (a, b) => initialAgrees(String(a), String(b));
  if ('genderedForms' in condition) return (a, b) => areGenderedForms(String(a), String(b));
  if ('tokenSet' in condition) return (a, b) => tokenSetSimilarity(tokens(a), tokens(b)) >= condition.tokenSet;
  if ('containment' in condition) return (a, b) => tokenContainment(tokens(a), tokens(b)) >= condition.containment;
  if ('sharedValue' in condition) return (a, b) => shareAny(tokens(a), tokens(b));
  if ('similarValue' in condition) return (a, b) => bestPairSimilarity(tokens(a), tokens(b)) >= condition.similarValue;
  if ('differentVariants' in condition) return (a, b) => differentVariants(tokens(a), tokens(b));
  if ('extendedCode' in condition) return (a, b) => extendedCode(tokens(a), tokens(b));
  if ('finerShade' in condition) return (a, b) => finerShade(tokens(a), tokens(b));
  if ('neighbourTone' in condition) return (a, b) => neighbourTone(tokens(a), tokens(b));
  if ('numbersReplaced' in condition) return (a, b) => numbersReplaced(tokens(a), tokens(b));
  if ('contradicts' in condition) return (a, b) => contradicts(tokens(a), tokens(b));
  if ('otherPrefix' in condition) return (a, b) => otherPrefix(tokens(a), tokens(b));
  if ('fitsOwnCode' in condition) return (a, b) => fitsOwnCode(tokens(a), tokens(b));
  if ('openingCode' in condition) return (a, b) => openingCode(tokens(a), tokens(b));
  if ('containedCode' in condition) return (a, b) => containedCode(tokens(a), tokens(b));
  if ('wordsReplaced' in condition) return (a, b) => wordsReplaced(tokens(a), tokens(b), condition.wordsReplaced);
  if ('ownWordReplaced' in condition) {
    const features = condition.ownWordReplaced;
    const own = (f: Features) => features.map((name) => f[name]).filter((v): v is string => typeof v === 'string');
    return (a, b, fa, fb) => ownWordReplaced(tokens(a), tokens(b), own(fa), own(fb));
  }
  if ('sameButFirstWord' in condition) return (a, b) => sameButFirstWord(tokens(a), tokens(b));
  if ('wordAddedFrom' in condition) {
    const words = new Set(condition.wordAddedFrom);
    return (a, b) => wordAddedFrom(tokens(a), tokens(b), words);
  }
  if ('wordsAdded' in condition) return (a, b) => wordsAdded(tokens(a), tokens(b), condition.wordsAdded);
  if ('otherModelNumbers' in condition) return (a, b) => otherModelNumbers(tokens(a), tokens(b), condition.otherModelNumbers);
  if ('fuse' in condition) return (a, b) => fuseSimilarity(String(a), String(b)) >= condition.fuse;
  if ('swappedWith' in condition) {
    const other = condition.swappedWith;
    if (condition.exactly) return (a, b, fa, fb) => sameName(a, fb[other]) && sameName(fa[other], b);
    // Read loosely, a double family name may stand as its first ("Harding Emma" for Emma Harding-Price).
    const half = (x: FeatureValue | undefined, fx: Features, y: FeatureValue | undefined, fy: Features) =>
      namesOf(x, fx).some((u) => namesOf(y, fy).some((v) => similarName(u, v)));
    return (a, b, fa, fb) => half(a, fa, fb[other], fb) && half(fa[other], fa, b, fb);
  }
  if ('inOtherField' in condition) {
    const other = condition.inOtherField;
    return (a, b, fa, fb) => (isMissing(fa[other]) && similarName(a, fb[other])) || (isMissing(fb[other]) && similarName(fa[other], b));
  }
  if ('leadingFamilyName' in condition) return (_a, _b, fa, fb) => isLeadingPart(fa.familyNames, fb.familyNames);
  // One person's mailbox keyed with a slip in its domain is still that person's mailbox.
  if ('personalMailbox' in condition) return (a, b, fa, fb) => (a === b || isMistypedDomain(String(a), String(b))) && namesPerson(String(a), fa, fb);
  if ('householdMailbox' in condition) return (a, b, fa, fb) => (a === b || isMistypedDomain(String(a), String(b))) && namesHousehold(String(a), fa, fb);
  if ('workAndPrivate' in condition) return (a, b) => isWorkAndPrivate(String(a), String(b));
  if ('mistypedDomain' in condition) return (a, b) => isMistypedDomain(String(a), String(b));
  if ('mistypedAddress' in condition) return (a, b) => isMistypedAddress(String(a), String(b));
  if ('dateTransposed' in condition) return (a, b) => compareDates(String(a), String(b))?.transposedDayMonth ?? false;
  if ('yearsApart' in condition) return (a, b) => (compareDates(String(a), String(b))?.yearsApart ?? Infinity) <= condition.yearsApart;
  if ('decadeSlip' in condition) return (a, b) => compareDates(String(a), String(b))?.decadeSlip ?? false;
  if ('yearsApartAtLeast' in condition) return (a, b) => (compareDates(String(a), String(b))?.yearsApart ?? 0) >= condition.yearsApartAtLeast;
  if ('sharedLine' in condition || 'unknownLine' in condition || 'landlineAndMobile' in condition) return () => false; // validateRules allows them on phones only
  return (a, b) => relativeDifference(Number(a), Number(b)) <= condition.relativeDifference;
}

// A phone is a number and an extension (`+493023456700;ext=280`). Two extensions of one number are two
// desks, so a level that forgives a slip in the number (one digit off) needs the same extension too.
function phoneTest(condition: LevelCondition): LevelTest {
  if ('sharedLine' in condition) return (a, b) => isSharedLine(String(a), String(b));
  if ('unknownLine' in condition) return (a, b) => a === b && !String(a).includes(';') && isFixedOrMobile(String(a));
  if ('landlineAndMobile' in condition) return (a, b) => isLandlineAndMobile(String(a), String(b));
  const test = levelTest(condition, 'text');
  if ('exact' in condition || 'else' in condition) return test;
  return (a, b, fa, fb) => {
    const [x, y] = [splitExtension(String(a)), splitExtension(String(b))];
    return x.ext === y.ext && test(x.number, y.number, fa, fb);
  };
}

// One number that others answer too: a switchboard given with an extension on one side only (normalizePhone
// drops an extension after a mobile), or a landline (a household's). The type is read only when the numbers
// agree, a regular expression test or two (lineType), so it costs nothing per record and little per pair.
function isSharedLine(a: string, b: string): boolean {
  const [x, y] = [splitExtension(a), splitExtension(b)];
  if (x.number !== y.number) return false;
  if (x.ext !== y.ext) return x.ext === '' || y.ext === '';
  return x.ext === '' && lineType(x.number) === 'fixed';
}

// A home's landline in one system and the person's mobile in another are two numbers of one person (or of
// one household), not a disagreement. Two mobiles, or two landlines, are two people's as often as not. The
// kinds are read only for pairs whose numbers differ, a regular expression test or two each.
function isLandlineAndMobile(a: string, b: string): boolean {
  const [x, y] = [splitExtension(a).number, splitExtension(b).number];
  if (x === y) return false;
  const [kindX, kindY] = [lineType(x), lineType(y)];
  return kindX !== null && kindY !== null && kindX !== kindY;
}

const NUMBERS = /\d+/g;
const LETTER = /\p{L}/u;

function isTypo(a: string, b: string): boolean {
  if (a.length < 4 || b.length < 4) return false;
  if (a[0] !== b[0] && LETTER.test(a[0]) && LETTER.test(b[0])) return false;
  return isOneTypo(a, b);
}

/**
 * Two neighbouring letters swapped and nothing else, in values of four characters or more, the last letter
 * not among them: a name's ending swapped is often another name (Daan, Dana; Carol, Carlo; Elias, Elisa).
 */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length || a.length < 4) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i < a.length - 2 && a[i] === b[i + 1] && a[i + 1] === b[i] && a[i] !== a[i + 1] && a.slice(i + 2) === b.slice(i + 2);
}

/** The same letters in another order, spaces and hyphens aside ("foSia" for Sofia): a garbled name, or an anagram of a sibling's. */
function isRearrangement(a: string, b: string): boolean {
  const [x, y] = [a.replace(NAME_SEPARATORS, ''), b.replace(NAME_SEPARATORS, '')];
  if (x === y || x.length !== y.length || x.length < 3) return false;
  return [...x].sort().join('') === [...y].sort().join('');
}

// A space or hyphen keyed into a given name, or lost from it, is one keystroke too ("Katel Byn", "Mary-Ann").
function isGivenNameTypo(a: string, b: string): boolean {
  if (isTypo(a, b)) return true;
  const [x, y] = [a.replace(NAME_SEPARATORS, ''), b.replace(NAME_SEPARATORS, '')];
  if (x === a && y === b) return false;
  return x === y || isTypo(x, y);
}

const NAME_SEPARATORS = /[ -]/g;

function withModifiers(level: LevelRule, test: LevelTest): LevelTest {
  const numbered = level.sameNumbers ? withSameNumbers(test) : test;
  return level.sameDomain ? withSameDomain(numbered) : numbered;
}

// charles.diaz@gmail.com and charles.diaz@icloud.com are two mailboxes (maybe father and son), not one mistyped;
// so are gmail.com and ymail.com, one keystroke apart but two providers.
// At one domain the user names are what is compared: at a large provider dupont.helene@ and helene.dupont@
// are alike as whole addresses, and two people.
function withSameDomain(test: LevelTest): LevelTest {
  const split = (value: unknown) => {
    const text = String(value);
    const at = text.lastIndexOf('@');
    return [text.slice(0, at), text.slice(at + 1)];
  };
  return (a, b, fa, fb) => {
    const [[userA, x], [userB, y]] = [split(a), split(b)];
    return (x === y || (isOneTypo(x, y) && !(isProviderDomain(x) && isProviderDomain(y)))) && test(userA, userB, fa, fb);
  };
}

function withSameNumbers(test: LevelTest): LevelTest {
  return (a, b, fa, fb) => String(String(a).match(NUMBERS)) === String(String(b).match(NUMBERS)) && test(a, b, fa, fb);
}

// A name read across the two name fields, both in the family-name form ("de Wit" keyed as a given name
// meets the family name "wit"). Swapped values still carry their typos: one keystroke counts, as it does
// for a given name in place, but never between two given names (Louise and Louis, Stephanie and Stephen:
// twins), swapped or not.
function sameName(a: FeatureValue | undefined, b: FeatureValue | undefined): boolean {
  return typeof a === 'string' && typeof b === 'string' && a !== '' && familyNameForm(a) === familyNameForm(b);
}

// A given name is read as it is in place, a nickname too (Merche for Mercedes).
function similarName(a: FeatureValue | undefined, b: FeatureValue | undefined): boolean {
  if (typeof a !== 'string' || typeof b !== 'string' || a === '' || b === '') return false;
  const [x, y] = [familyNameForm(a), familyNameForm(b)];
  return x === y || (isGivenNameTypo(x, y) && !areDistinctKnownNames(a, b)) || areNicknames(a, b);
}

/** A name field's value, and for a double family name its first name as well. */
function namesOf(value: FeatureValue | undefined, features: Features): (FeatureValue | undefined)[] {
  const names = features.familyNames;
  return value === features.familyName && Array.isArray(names) && names.length > 1 ? [value, familyNameForm(names[0])] : [value];
}

// One list of names is the start of the other, longer one: ["iglesias"] and ["iglesias", "ramirez"].
function isLeadingPart(a: FeatureValue | undefined, b: FeatureValue | undefined): boolean {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length === b.length || a.length === 0 || b.length === 0) return false;
  const [shorter, longer] = a.length < b.length ? [a, b] : [b, a];
  return shorter.every((name, i) => name === longer[i]);
}

// A mailbox's user name made of a name of one of the two records: given name (G) or its initial (g) with
// nothing, the family name (F) or its initial (f), either order: "ryan", "ryancole", "ryanc", "rcole",
// "coler", "rc". Digits and separators are left out ("r.cole1"). Names are taken across the two records, as
// one of them may lack a given or family name ("|Cole" and "Ryan|" with r.cole1@).
function namesPerson(email: string, fa: Features, fb: Features): boolean {
  const user = userLetters(email);
  if (user.length < 2) return false;
  const givens = [firstName(fa.givenName), firstName(fb.givenName)].filter((g) => g.length >= 2);
  const families = [fa.familyName, fb.familyName].filter((f): f is string => typeof f === 'string' && f.length >= 2);
  for (const given of givens) {
    if (user === given) return true;
    for (const family of families) {
      for (const g of [given, given[0]]) {
        for (const f of [family, family[0]]) {
          if (user === g + f || user === f + g) return true;
        }
        // The family name's particles, which its feature leaves out: "corneliavanleeuwen", "vandermeerlotte".
        if (user.startsWith(g) && user.endsWith(family) && isParticleRun(user.slice(g.length, user.length - family.length))) return true;
        if (user.endsWith(family + g) && isParticleRun(user.slice(0, user.length - family.length - g.length))) return true;
      }
    }
  }
  return false;
}

const NOT_LETTERS = /[^a-z]/g;

/** The letters of an address's user name: "r.cole1@…" → "rcole". */
function userLetters(email: string): string {
  return email.slice(0, email.lastIndexOf('@')).replace(NOT_LETTERS, '');
}

// What a household's mailbox puts around the family name, in the languages of the name tables: "the…s",
// "…family", "familie…", "famille…", "casa…", "…home".
const HOUSEHOLD_WORDS = /^(?:the|les|los|las|die|het|de|la|familys?|families|familie|famille|familia|famiglia|household|home|haus|casa|maison|and|s|es)*$/;

/** The user name is one of the records' family names with household words around it (and no person's name: see namesPerson). */
function namesHousehold(email: string, fa: Features, fb: Features): boolean {
  const user = userLetters(email);
  for (const family of [fa.familyName, fb.familyName]) {
    if (typeof family !== 'string' || family.length < 3) continue;
    const at = user.indexOf(family);
    // The family name alone ("miller@" at a firm) may be one person's: a household's says so around it.
    const [before, after] = [user.slice(0, at), user.slice(at + family.length)];
    if (at !== -1 && before + after !== '' && HOUSEHOLD_WORDS.test(before) && HOUSEHOLD_WORDS.test(after)) return true;
  }
  return false;
}

// Two addresses, one at an organisation's domain (an employer's) and the other at a provider anyone can
// have an address at: a work address and a private one, both the person's. Two private addresses, or two
// at organisations, are not. A domain one record lacks (no @) is neither.
function isWorkAndPrivate(a: string, b: string): boolean {
  if (a === b) return false;
  const [x, y] = [mailDomain(a), mailDomain(b)];
  if (x === '' || y === '' || x === y) return false;
  return isPrivateMailDomain(x) !== isPrivateMailDomain(y);
}

function firstName(value: FeatureValue | undefined): string {
  if (typeof value !== 'string') return '';
  const space = value.indexOf(' ');
  return space === -1 ? value : value.slice(0, space);
}

function isMissing(value: FeatureValue | undefined): boolean {
  return value === null || value === undefined || value === '';
}

// "Anna L." and "Anna Lena", "Robert" and "Robert Lee": one person, written with more or fewer of her names.
// "Anna Maria" and "Anna Lena" are two (sisters are named so).
function compatibleMiddleNames(a: string, b: string): boolean {
  if (a === b) return false; // the exact level's
  const [x, y] = [a.split(' '), b.split(' ')];
  if (x[0] !== y[0] || x[0].length < 2) return false;
  for (let i = 1; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i] && !initialAgrees(x[i], y[i])) return false;
  return true;
}

function initialAgrees(a: string, b: string): boolean {
  return (a.length === 1 || b.length === 1) && a[0] === b[0];
}

function tokens(value: Exclude<FeatureValue, null>): readonly string[] {
  return Array.isArray(value) ? value : String(value).split(' ');
}

function shareAny(a: readonly string[], b: readonly string[]): boolean {
  for (const x of a) if (b.includes(x)) return true;
  return false;
}

function bestPairSimilarity(a: readonly string[], b: readonly string[]): number {
  let best = 0;
  for (const x of a) for (const y of b) best = Math.max(best, jaroWinkler(x, y));
  return best;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (const x of a) if (!b.includes(x)) return false;
  return true;
}
