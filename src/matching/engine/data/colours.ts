/**
 * Colour words as product titles write them (English, German, French, Spanish, Italian, Dutch and the
 * usual catalogue abbreviations), each to one canonical name, so that "Schwarz", "noir" and "blk" agree.
 * Shades that sell as different variants (navy and blue, silver and grey, the cyan and magenta of inks)
 * stay apart; words that are more often something else (coffee, cherry, chrome, mint) are left out.
 */
const COLOUR_WORDS: Readonly<Record<string, readonly string[]>> = {
  black: ['black', 'blk', 'bk', 'schwarz', 'noir', 'noire', 'negro', 'negra', 'nero', 'nera', 'zwart', 'midnight', 'onyx', 'ebony', 'graphite', 'graphit', 'obsidian'],
  white: ['white', 'wht', 'weiss', 'blanc', 'blanche', 'blanco', 'blanca', 'bianco', 'bianca', 'ivory', 'porcelain', 'alabaster'],
  grey: ['grey', 'gray', 'gry', 'grau', 'gris', 'grigio', 'grijs', 'charcoal', 'slate', 'titanium', 'gunmetal', 'anthracite', 'anthrazit'],
  silver: ['silver', 'slv', 'silber', 'argent', 'plata', 'argento', 'zilver', 'platinum', 'starlight'],
  gold: ['gold', 'gld', 'golden', 'oro', 'goud', 'champagne'],
  blue: ['blue', 'blu', 'blau', 'bleu', 'azul', 'blauw', 'azure', 'cobalt', 'sapphire', 'indigo'],
  // Between blue and green, sold as a colourway of its own ("Ocean Teal" beside "Ice Blue").
  teal: ['teal', 'turquoise', 'turkis', 'turquesa', 'turchese'],
  navy: ['navy', 'nvy', 'marino', 'dunkelblau', 'marineblau'],
  red: ['red', 'rd', 'rot', 'rouge', 'rojo', 'roja', 'rosso', 'rossa', 'rood', 'crimson', 'scarlet', 'ruby', 'burgundy', 'maroon', 'bordeaux'],
  green: ['green', 'grn', 'grun', 'gruen', 'vert', 'verte', 'verde', 'groen', 'olive', 'emerald', 'khaki', 'sage', 'lime', 'pistachio', 'jade'],
  yellow: ['yellow', 'ylw', 'yel', 'gelb', 'jaune', 'amarillo', 'amarilla', 'giallo', 'geel', 'mustard'],
  orange: ['orange', 'orng', 'naranja', 'arancione', 'oranje', 'tangerine', 'coral', 'apricot'],
  pink: ['pink', 'pnk', 'rosa', 'rosado', 'roze', 'fuchsia', 'blush', 'rose'],
  purple: ['purple', 'prpl', 'pur', 'lila', 'violett', 'violet', 'morado', 'paars', 'lavender', 'lilac', 'plum', 'mauve', 'aubergine'],
  brown: ['brown', 'brn', 'braun', 'marron', 'brun', 'bruin', 'marrone', 'mocha', 'walnut', 'tan', 'chestnut', 'cognac', 'hazel'],
  beige: ['beige', 'cream', 'creme', 'crema', 'taupe', 'ecru', 'nude', 'camel', 'oatmeal'],
  bronze: ['bronze', 'copper', 'kupfer', 'cuivre', 'cobre', 'rame'],
  cyan: ['cyan'],
  magenta: ['magenta'],
  clear: ['clear', 'transparent', 'translucent'],
  // An ink of three colours in one cartridge, another product than the black one of its number.
  tricolour: ['tricolor', 'tricolour', 'dreifarbig', 'trichromatic'],
};

// The words of each family that only spell its name (another language, an abbreviation): "Schwarz" and "Blk"
// are the shade black, while "Midnight" and "Onyx" are shades of their own (another colourway of one phone).
const SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  black: ['blk', 'bk', 'schwarz', 'noir', 'noire', 'negro', 'negra', 'nero', 'nera', 'zwart'],
  white: ['wht', 'weiss', 'blanc', 'blanche', 'blanco', 'blanca', 'bianco', 'bianca'],
  grey: ['gray', 'gry', 'grau', 'gris', 'grigio', 'grijs'],
  silver: ['slv', 'silber', 'argent', 'plata', 'argento', 'zilver'],
  gold: ['gld', 'golden', 'oro', 'goud'],
  blue: ['blu', 'blau', 'bleu', 'azul', 'blauw'],
  navy: ['nvy', 'marino', 'dunkelblau', 'marineblau'],
  red: ['rd', 'rot', 'rouge', 'rojo', 'roja', 'rosso', 'rossa', 'rood'],
  green: ['grn', 'grun', 'gruen', 'vert', 'verte', 'verde', 'groen'],
  yellow: ['ylw', 'yel', 'gelb', 'jaune', 'amarillo', 'amarilla', 'giallo', 'geel'],
  orange: ['orng', 'naranja', 'arancione', 'oranje'],
  pink: ['pnk', 'rosa', 'rosado', 'roze'],
  purple: ['prpl', 'pur', 'lila', 'violett', 'morado', 'paars'],
  brown: ['brn', 'braun', 'marron', 'brun', 'bruin', 'marrone'],
  bronze: ['kupfer', 'cuivre', 'cobre', 'rame'],
  tricolour: ['tricolor', 'dreifarbig', 'trichromatic'],
  clear: ['transparent'],
};
const SHADE_OF_SPELLING = new Map<string, string>();
for (const [colour, words] of Object.entries(SPELLINGS)) for (const word of words) SHADE_OF_SPELLING.set(word, colour);
SHADE_OF_SPELLING.set('graphit', 'graphite').set('anthrazit', 'anthracite');
// Short abbreviations that are colours only beside another colour word ("Ti Blk": titanium black; "RTX 4070 Ti" is no colour).
const ONLY_BESIDE_A_COLOUR: ReadonlyMap<string, string> = new Map([
  ['ti', 'titanium'],
  ['bk', 'black'],
  ['rd', 'red'],
  ['pur', 'purple'],
  ['yel', 'yellow'],
]);
// Words that make another shade of the colour they qualify ("Dark Indigo" and "Light Indigo" are two washes).
const SHADE_MODIFIERS = new Set(['dark', 'light', 'deep', 'pale', 'bright', 'dunkel', 'hell', 'fonce', 'clair']);

const CANONICAL = new Map<string, string>();
for (const [colour, words] of Object.entries(COLOUR_WORDS)) for (const word of words) if (!ONLY_BESIDE_A_COLOUR.has(word)) CANONICAL.set(word, colour);

// German writes a shade as one word ending in its colour: "Mitternachtsblau", "Anthrazitgrau", "Tiefschwarz".
// Such a word is a shade of its own in that colour's family. Three letters at least before the colour, and
// not "rot" (Vollkornbrot is bread).
const COMPOUND_ENDINGS = ['schwarz', 'weiss', 'grau', 'silber', 'gold', 'blau', 'gruen', 'grun', 'gelb', 'braun', 'lila'];
const COMPOUND = new RegExp(`^[a-z]{3,}(${COMPOUND_ENDINGS.join('|')})$`);

/** The colour family a colour word or a German compound shade names, or undefined. */
function familyWord(word: string): string | undefined {
  const known = CANONICAL.get(word);
  if (known !== undefined) return known;
  const ending = COMPOUND.exec(word)?.[1];
  return ending === undefined ? undefined : CANONICAL.get(ending);
}

// A colour word followed by these words names a feature, not the product's colour: a Blu-ray player is
// not blue, a camera with red-eye correction not red.
const NOT_A_COLOUR_BEFORE: Readonly<Record<string, ReadonlySet<string>>> = {
  blu: new Set(['ray']),
  red: new Set(['eye']),
  // Charcoal before a grill or a filter is its fuel or its medium, not its colour.
  charcoal: new Set(['grill', 'grills', 'barbecue', 'bbq', 'smoker', 'briquettes', 'filter', 'filters']),
};

// A colour word after these words is part of a name: Earl Grey and Lady Grey are teas, not grey ones.
const NOT_A_COLOUR_AFTER: Readonly<Record<string, ReadonlySet<string>>> = {
  grey: new Set(['earl', 'lady']),
};

/** The canonical colours named among folded title tokens, distinct and sorted ("Jet Black / Noir" → ["black"]). */
export function coloursIn(tokens: readonly string[]): string[] {
  const found = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    // "Tri-Color" is read as two words.
    const colour = tokens[i] === 'tri' && /^colou?r$/.test(tokens[i + 1] ?? '') ? 'tricolour' : colourAt(tokens, i);
    if (colour !== undefined) found.add(familyWord(colour) ?? colour);
  }
  return [...found].sort();
}

/**
 * The colours of a colourway written with slashes, in the order written: "Core Black / Cloud White" is
 * black/white, "Cloud White / Core Black" white/black (a maker names the main colour first, and the two are
 * two colourways of one shoe). Null without a slash or with fewer than two colours.
 */
export function colourwayOf(tokens: readonly string[], written: string): string | null {
  if (!written.includes('/')) return null;
  const order: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const colour = colourAt(tokens, i);
    const family = colour === undefined ? undefined : (familyWord(colour) ?? colour);
    if (family !== undefined && !order.includes(family)) order.push(family);
  }
  return order.length >= 2 ? order.join('/') : null;
}

/**
 * The colour a record names, phrase by phrase, as shades: a family name in any spelling is that name
 * ("Schwarz", "Blk": black; "Gray": grey), a shade word stays itself ("Midnight", "Titanium"), and a
 * modifier before it makes another shade ("Dark Indigo"). Sorted and distinct: "Titanium Gray" is
 * [grey, titanium], "White/University Red" [red, white]. Two colourways of one model often share a word
 * ("Titanium Gray" / "Titanium Yellow", "White/Black" / "White/Red"): compared as whole sets, they differ.
 */
export function colourShadesIn(tokens: readonly string[]): string[] {
  const found = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === 'tri' && /^colou?r$/.test(tokens[i + 1] ?? '')) found.add('tricolour');
    const word = colourAt(tokens, i);
    if (word === undefined) continue;
    const shade = SHADE_OF_SPELLING.get(word) ?? word;
    found.add(SHADE_MODIFIERS.has(tokens[i - 1] ?? '') ? `${tokens[i - 1]} ${shade}` : shade);
  }
  return [...found].sort();
}

/** The colour word at position i (a short abbreviation only beside another colour), or undefined. */
function colourAt(tokens: readonly string[], i: number): string | undefined {
  const token = tokens[i];
  const abbreviated = ONLY_BESIDE_A_COLOUR.get(token);
  if (abbreviated !== undefined) return [tokens[i - 1], tokens[i + 1]].some((t) => t !== undefined && CANONICAL.has(t)) ? abbreviated : undefined;
  if (familyWord(token) === undefined || NOT_A_COLOUR_BEFORE[token]?.has(tokens[i + 1]) || NOT_A_COLOUR_AFTER[token]?.has(tokens[i - 1])) return undefined;
  return token;
}

/**
 * Whether one list of shades (`colourShadesIn`) is the other with finer shades of the same colours:
 * "Midnight Black" and "Black", "Dark Blue" and "Blue" (a plain colour name stands for any of its shades).
 * "White/Black" and "Black" (a colour more), "Dark Indigo" and "Light Indigo" or "Navy Blue" and "Blue"
 * (navy is its own colour) are not.
 */
export function finerShade(a: readonly string[], b: readonly string[]): boolean {
  return finer(a, b) || finer(b, a);
}

// Tones that listings of one finish name either way: a two-tone "Orange & Silver" is another's "Grey/Orange".
const NEIGHBOUR_TONES: ReadonlyMap<string, string> = new Map([
  ['silver', 'grey'],
  ['grey', 'silver'],
]);

/**
 * Whether two finishes of several tones are one written two ways: they share a tone, and each other
 * tone of one has its neighbour among the other's ("Orange & Silver" / "Grey/Orange"). A single colour
 * never is: Silver and Space Gray are two MacBooks, and "White/Black" and "White/Red" two colourways.
 */
export function neighbourTone(a: readonly string[], b: readonly string[]): boolean {
  if (a.length < 2 || a.length !== b.length || !a.some((shade) => b.includes(shade))) return false;
  const [onlyA, onlyB] = [a.filter((shade) => !b.includes(shade)), b.filter((shade) => !a.includes(shade))];
  return onlyA.length > 0 && onlyA.every((shade) => onlyB.includes(NEIGHBOUR_TONES.get(shade) ?? ''));
}

function finer(small: readonly string[], large: readonly string[]): boolean {
  if (small.length === 0 || small.length > large.length) return false;
  const families = new Set(small.map(familyOf));
  if (!large.every((shade) => families.has(familyOf(shade))) || !families.size || new Set(large.map(familyOf)).size !== families.size) return false;
  // A colour's plain name is any of its shades ("Blue" and "Dark Blue"); a shade is itself ("Midnight").
  return small.every((shade) => large.includes(shade) || COLOUR_WORDS[shade]?.[0] === shade);
}

// Navy is a colour of its own against blue (a navy and a blue shirt), but "Navy Blue" is a blue: among shades, its family.
const SHADE_FAMILY = new Map([['navy', 'blue']]);

function familyOf(shade: string): string {
  const word = shade.slice(shade.lastIndexOf(' ') + 1);
  const family = familyWord(word) ?? word;
  return SHADE_FAMILY.get(family) ?? family;
}
