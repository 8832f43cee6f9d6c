import type { EntityType } from '../../../common/entity-type';

/**
 * The matching rules of one entity type, as a rules file holds them: plain data, validated at start
 * (`validateRules`) and compiled once (`compileRules`). Probabilities are Fellegi-Sunter parameters:
 * for each comparison level, `m` = P(level | same entity) and `u` = P(level | different entities).
 */
export interface MatchRules {
  readonly entityType: EntityType;
  readonly description?: string;
  /** P(two records compared at random are the same entity): the prior of every pair. */
  readonly prior: number;
  /** Match probability at or above which records link, and at or above which a steward reviews. */
  readonly thresholds: { readonly match: number; readonly review: number };
  /** A blocking key shared by more entities (golden records) than this is generic (a call-centre phone) and finds no candidates. */
  readonly maxKeyFrequency: number;
  /** At most this many candidates are scored per inbound record: those sharing the most blocking keys. */
  readonly maxCandidates: number;
  /** When an inbound record matches several golden records (see MultipleMatchPolicy). */
  readonly onMultipleMatches: MultipleMatchPolicy;
  /** When an inbound record matches, about as strongly, golden records it cannot tell apart (see AmbiguousMatchPolicy); `link-best` when absent. */
  readonly onAmbiguousMatch?: AmbiguousMatchPolicy;
  readonly blocking: readonly BlockingRule[];
  readonly comparisons: readonly ComparisonRule[];
  /** Agreements that together identify the entity as an identifier would, outranking review vetoes. */
  readonly corroborations?: readonly CorroborationRule[];
  /** Disagreements that together veto though neither does alone (a given name one keystroke off, another birth date). */
  readonly conflicts?: readonly ConflictRule[];
  /** What shows two look-alike entities side by side (a father and a son of one name), for conflicts that `needsWitness`. */
  readonly witnesses?: WitnessRule;
  /** Comparisons one event makes disagree together (a move), counted once when `when` holds. */
  readonly countOnce?: readonly CountOnceRule[];
  /** Relative frequencies of values, for term-frequency adjustment (written by `canon rules train`). */
  readonly termFrequencies?: Readonly<Record<string, TermFrequencyTable>>;
  /** What training produced these parameters (written by `canon rules train`). */
  readonly training?: Readonly<Record<string, unknown>>;
  /** How golden values are chosen (read by survivorship, not by the matcher; see src/survivorship). */
  readonly survivorship?: unknown;
}

/**
 * When an inbound record matches several golden records, it links to the best one, and for the others:
 * `review` opens a task asking a steward whether to merge them, unless the record only settles a possible
 * match the matcher already saw (every pair of their records is at least a possible match, and each veto
 * between two of them is on a comparison where the record has a value agreeing with both sides): then they
 * merge, as they would have had the records arrived in another order; `merge-consistent` merges them at once
 * unless two of their records disagree decisively (a level with a veto: twins, two national ids, two
 * GTINs), then it opens the task; `merge` merges them at once whatever they hold (plain transitive
 * clusters); `link-best` leaves them be. Under every policy but `merge`, a record also never joins a
 * golden record only through records that cannot tell it from a member it disagrees with decisively
 * (twins chained by a record without a given name): a steward decides instead.
 */
export type MultipleMatchPolicy = 'review' | 'merge-consistent' | 'merge' | 'link-best';

/**
 * When an inbound record matches two golden records about as strongly (scores within a bit of each other),
 * and a record of one and a record of the other are two entities by a veto on a comparison where the
 * inbound record has no value (laptops told apart by a memory size the listing does not name): `review`
 * links it to neither and asks a steward, since joining the better score is a coin toss; `link-best`
 * links it to the best as any other record (and `onMultipleMatches` handles the other). Products review;
 * customers link the best, because two of one person's records can veto each other on a mistyped given
 * name, and a record without one must still join them whichever arrived first (the regrouping in canonical
 * order puts it on one side in every order, and a steward is asked about the other).
 */
export type AmbiguousMatchPolicy = 'review' | 'link-best';

/** Records sharing the values of all `on` features are compared; multi-valued features give one key per value. */
export interface BlockingRule {
  readonly name: string;
  readonly on: readonly string[];
  /**
   * This rule's own `maxKeyFrequency`: a weak key (a name alone) turns generic with fewer records than a
   * strong one (an email), since in a large hub most records sharing only a name are other people.
   */
  readonly maxFrequency?: number;
  /**
   * Features that refine a key of this rule once it is generic: each record also gets the key with a value
   * of these it does not hold yet (`dob+:1980-01-02|a|b`: the birth date and both initials).
   * Past `maxFrequency` the coarse key finds nothing, as any generic key; the refined one, held to the
   * rules' `maxKeyFrequency` like any selective key, still finds the records that agree on the refining
   * value too. A small hub keeps the coarse key's recall, a large one gets bounded candidates instead of
   * losing the rule.
   */
  readonly refine?: readonly string[];
}

/** How many entities a key of this blocking rule may gather before it is generic: its own limit, else the rules'. */
export function keyFrequencyLimit(rules: MatchRules, rule: BlockingRule): number {
  return rule.maxFrequency ?? rules.maxKeyFrequency;
}

export interface ComparisonRule {
  readonly name: string;
  /** The feature compared (see the entity's feature list). Either side missing → the neutral null level. */
  readonly feature: string;
  /** Adjust the weight of an exact agreement by how common the value is (Smith agrees more often than Zbinden). */
  readonly tf?: boolean;
  /** Tried in order; the first whose condition holds is the level of the pair. The last must be `else`. */
  readonly levels: readonly LevelRule[];
}

export interface LevelRule {
  readonly label: string;
  readonly when: LevelCondition;
  readonly m: number;
  readonly u: number;
  /**
   * A decisive disagreement: at this level the pair may not be linked automatically, whatever the other
   * comparisons say. `none` makes it a non-match; `review` sends it to a steward at most.
   */
  readonly veto?: 'none' | 'review';
  /**
   * Agreement at this level identifies the entity: an identifier issued to one person (the same national
   * id). It outranks the other comparisons' vetoes: `review` ones are lifted, `none` ones become `review`.
   */
  readonly confirms?: true;
  /** The level holds only when the numbers written in both values agree (account numbers in emails, P1 and P3). */
  readonly sameNumbers?: true;
  /** The level holds only when both emails have the same domain, or one a keystroke off (gmial.com): another provider is another mailbox. */
  readonly sameDomain?: true;
}

/**
 * A combination of agreements no two different entities share (the same full name, birth date and street:
 * twins, household members, namesakes and junior/senior each differ on one of them). When every listed
 * comparison reaches one of its listed levels, the pair's `review` vetoes are lifted: a national id that
 * disagrees with all of that is a keying error, not a second person. `none` vetoes stay.
 */
export interface CorroborationRule {
  readonly name: string;
  /** Per comparison name, the labels of the levels that count as agreement. */
  readonly levels: Readonly<Record<string, readonly string[]>>;
}

/**
 * A combination of levels that tells two entities apart though each level alone is a typo's worth:
 * John and Joan Carter at one address, born two years apart, are a couple, not one person mistyped.
 * When every listed comparison is at one of its listed levels, the pair is vetoed as `veto` says,
 * marked on the first listed comparison (an identifier that agrees lifts it as it lifts any veto).
 */
export interface ConflictRule extends CorroborationRule {
  readonly veto: 'none' | 'review';
  /**
   * The conflict holds only where the hub shows two such entities beside the record (see WitnessRule): a
   * record with no birth date cannot tell a father from his son, but only a household whose records show
   * both needs telling. A pair scored on its own (findMatches, training) has no witness: it does not hold.
   */
  readonly needsWitness?: boolean;
}

/**
 * Two records that agree on every `agree` comparison (at one of its listed levels) and reach an `apart`
 * level of any `apart` comparison are two look-alike entities: Anthony MacLeod born 1964 and Anthony
 * MacLeod born 1984, or Tony MacLeod Sr and Anthony MacLeod. When an inbound record and the records
 * sharing a blocking key with it hold such a pair, its conflicts that `needsWitness` hold; otherwise not.
 */
export interface WitnessRule {
  readonly agree: Readonly<Record<string, readonly string[]>>;
  readonly apart: Readonly<Record<string, readonly string[]>>;
}

/**
 * Comparisons that one event makes disagree all at once: a move changes street, town, postcode and
 * region. When every `when` comparison is at one of its listed levels (the same phone), their
 * disagreements count once, the strongest of them, instead of four times over.
 */
export interface CountOnceRule {
  readonly name: string;
  readonly comparisons: readonly string[];
  readonly when: Readonly<Record<string, readonly string[]>>;
  /** Count their agreements once instead: a postcode and the town it lies in say one thing, not two. */
  readonly agreements?: boolean;
}

export type LevelCondition =
  | { readonly exact: true }
  | { readonly jaroWinkler: number }
  | { readonly levenshtein: number }
  /** One keystroke apart: a letter added, dropped or changed, or two neighbours swapped; both values four characters or more, and a word keeps its first letter (Gina, Nina are two names). */
  | { readonly typo: true }
  /** Two neighbouring letters swapped ("Ptera", "Petra"), in names of four letters or more that are not two names the nickname table knows: the commonest slip, and one that rarely turns a name into another. */
  | { readonly transposed: true }
  /** The same letters in another order ("foSia", Sofia), the nickname table's distinct names (Leon, Noel) aside: a garble or a sibling's anagram, so it vetoes to review unless a corroboration says otherwise. */
  | { readonly rearranged: true }
  /** Names for one another (Bob, Robert), by the shipped nickname table. */
  | { readonly nickname: true }
  /** Names for one another where each stands for that one name only (Matt, Matthew; not Chris, which is Christopher, Christian and Christine): no twin is named so. */
  | { readonly nicknameOfOneName: true }
  /** The same first name, and the middle names agree where both have one, an initial agreeing with its name ("Anna L." and "Anna Lena", "Robert" and "Robert Lee"). */
  | { readonly middleNames: true }
  /** One of the two names is a lone initial, and it is the other's first letter ("A." and "Ann"). */
  | { readonly initial: true }
  /** The masculine and the feminine form of one given name (Andreas and Andrea, Antonio and Antonia, Paul and Pauline): two people, never a typo. */
  | { readonly genderedForms: true }
  /** Same day and month, years ten apart and one digit different (1966, 1976): a slip in the decade, not another generation. */
  | { readonly decadeSlip: true }
  | { readonly tokenSet: number }
  | { readonly containment: number }
  | { readonly sharedValue: true }
  /** Some value of one record is this similar (Jaro-Winkler) to some value of the other: a code variant (TR72B, TR72BX). */
  | { readonly similarValue: number }
  /** Model codes naming other variants of one model: a shared base, suffixes differing from their first letter (CLI8C, CLI8Y). */
  | { readonly differentVariants: true }
  /** Model codes this alike (Jaro-Winkler) that carry other numbers: other models of one line (LX2000, LX2001). */
  | { readonly otherModelNumbers: number }
  /** One code under other letter prefixes, neither record naming the other's full code: two products of a line (WH1000XM4, WF1000XM4). */
  | { readonly otherPrefix: true }
  /** Tokens `+word` / `-word`: one record claims what the other denies ("With Bits" / "No Bits"). */
  | { readonly contradicts: true }
  /** Shades (`colourShades`): one list is the other with finer shades of the same colours ("Midnight Black" / "Black"). */
  | { readonly finerShade: true }
  /** Shades: two finishes of several tones sharing one, the others neighbours (silver and grey). */
  | { readonly neighbourTone: true }
  /** Name words that agree but for numbers or codes, each side its own ("surface laptop 5" / "surface laptop 6"). */
  | { readonly numbersReplaced: true }
  /** A code of one record is a code of the other with a letter prefix or a tail holding a digit (TV24734 and 24734, 961464-0403 and 961464). */
  | { readonly extendedCode: true }
  /** A short code of one record is the series code inside the other's full code (U64 in 43U64, S90B in QN50S90BAFXZA). */
  | { readonly containedCode: true }
  /** One record fits ("for …", "works with …") a code the other names as its own: an accessory and its device (`codeRoles`). */
  | { readonly fitsOwnCode: true }
  /** A code one record's description opens with, its title naming none, is a code the other names as its own (`codeRoles`). */
  | { readonly openingCode: true }
  /** Two lists of words sharing two or more, each with one to this many the other lacks: siblings' names ("Duo Style" / "Duo Prestige"). */
  | { readonly wordsReplaced: number }
  /** One list of words is the other (two words or more) with one to this many more: a tier or edition word ("Duo Elite" / "Duo Pro Elite"). */
  | { readonly wordsAdded: number }
  /** Two lists of words that are one but for a first word only one has (a brand given in one title only). */
  | { readonly sameButFirstWord: true }
  /** One list of words is the other with one more, and that word one of these: a tier word ("Duo Elite" / "Duo Pro Elite"). */
  | { readonly wordAddedFrom: readonly string[] }
  /**
   * Two lists of words sharing two or more, each with one word the other lacks, and that word one record's
   * own value of one of these features (its size, "l", "42", "standard"): the other names another value
   * where this one names its own ("Tee L" / "TEE XL", "Ink Cartridge Standard" / "INK CARTRIDGE XL").
   */
  | { readonly ownWordReplaced: readonly string[] }
  | { readonly fuse: number }
  | { readonly dateTransposed: true }
  | { readonly yearsApart: number }
  /** The years are this many apart or more: 1950 and 1960 differ by one digit, and are two people. */
  | { readonly yearsApartAtLeast: number }
  | { readonly relativeDifference: number }
  /**
   * The two records have this feature and `swappedWith` the other way round (given and family name
   * swapped), either half a keystroke off; `exactly`: both halves agree exactly.
   */
  | { readonly swappedWith: string; readonly exactly?: true }
  /**
   * A record with one name only, filed in the other field: one record lacks `inOtherField` and its value
   * here is the other record's `inOtherField` ("Oscar" as given name against "Moore, Oscar" swapped; a
   * family name "Thomas" against a given name "Thomas"). One name agreeing, the other missing.
   */
  | { readonly inOtherField: string }
  /**
   * Family names: one record holds only the leading part of the other's double family name ("Iglesias"
   * and "Iglesias Ramírez", "Hoffmann" and "Hoffmann-Günther"): a second surname or a married name one
   * system dropped. Read from the `familyNames` feature (the names in order); never a trailing part, which
   * a mother's surname passes on as a child's second one ("García" and "Pérez García").
   */
  | { readonly leadingFamilyName: true }
  /**
   * Emails: the same mailbox, and its user name is made of the name of one of the two records (a given
   * name, alone or with the family name or its initial; a given name's initial with the family name or
   * its initial: "ryan.cole7", "rcole", "harleyk", "jc"). One person's mailbox, not a household's
   * ("thesmiths@", "info@", a parent's address on a child's record name nobody or someone else). Its
   * domain keyed with a slip on one record (`mistypedDomain`) leaves it that person's mailbox.
   */
  | { readonly personalMailbox: true }
  /**
   * Emails: the same mailbox, and its user name is a family's, not a person's: one of the two records'
   * family names with only household words around it ("theclarkes", "smithfamily", "familie.devries").
   * Every member of the household may give it, a father and his son of one name included.
   */
  | { readonly householdMailbox: true }
  /**
   * Emails: two addresses, one at an organisation's domain (a work address) and the other at a free-mail
   * or internet provider's (a private one, `data/mail-providers.ts`): two addresses of one person as
   * often as of two. Two private addresses, or two at organisations, are not at this level.
   */
  | { readonly workAndPrivate: true }
  /**
   * Emails: one mailbox with its domain mistyped: the same user name (four characters or more, not a role
   * such as info@) at domains one keystroke apart, or two in domains of eight characters or more, that are
   * not two real providers' (gmail.com, ymail.com).
   */
  | { readonly mistypedDomain: true }
  /**
   * Emails: one address keyed with a slip or two anywhere (user name, domain, the "@"): one keystroke
   * under twelve characters, two from twelve on; not two real providers' domains, not a role mailbox.
   */
  | { readonly mistypedAddress: true }
  /**
   * Phones: the same number on a line other people answer too, so it says "same household" or "same
   * company", not "same person": a fixed line without extensions (a home's landline), or a switchboard
   * that one record gives with an extension and the other without. A mobile, or a number whose plan does
   * not tell (the US), is the person's own: `exact`.
   */
  | { readonly sharedLine: true }
  /**
   * Phones: the same number (no extension), valid alike as a fixed line and as a mobile on a plan that
   * does not tell them apart (the US and Canada): as strong as `exact`, but rules can tell it from a number known to be a mobile, the only
   * personal one (`countOnce` of household evidence).
   */
  | { readonly unknownLine: true }
  /**
   * Phones: two different numbers, one a fixed line and the other a mobile (as the numbering plan tells;
   * never in the US or Canada, whose plans do not): a home's landline in one system and the person's
   * mobile in another, two numbers of one person rather than a disagreement. Two mobiles or two landlines
   * are not at this level.
   */
  | { readonly landlineAndMobile: true }
  | { readonly else: true };

export interface TermFrequencyTable {
  /** Frequency of a value among records, for the values seen most often. */
  readonly values: Readonly<Record<string, number>>;
  /** Frequency assumed for any value not in `values`. */
  readonly rest: number;
}
