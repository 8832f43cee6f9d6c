/**
 * Colour words as product titles write them (English, German, French, Spanish, Italian, Dutch and the
 * usual catalogue abbreviations), each to one canonical name, so that "Schwarz", "noir" and "blk" agree.
 * Shades that sell as different variants (navy and blue, silver and grey, the cyan and magenta of inks)
 * stay apart; words that are more often something else (coffee, cherry, chrome, mint) are left out.
 */
const COLOUR_WORDS: Readonly<Record<string, readonly string[]>> = {
  black: ['black', 'blk', 'schwarz', 'noir', 'noire', 'negro', 'negra', 'nero', 'nera', 'zwart', 'midnight', 'onyx', 'ebony', 'graphite', 'graphit'],
  white: ['white', 'wht', 'weiss', 'blanc', 'blanche', 'blanco', 'blanca', 'bianco', 'bianca', 'ivory'],
  grey: ['grey', 'gray', 'gry', 'grau', 'gris', 'grigio', 'grijs', 'charcoal', 'slate', 'titanium', 'gunmetal'],
  silver: ['silver', 'slv', 'silber', 'argent', 'plata', 'argento', 'zilver', 'platinum'],
  gold: ['gold', 'gld', 'golden', 'oro', 'goud', 'champagne'],
  blue: ['blue', 'blu', 'blau', 'bleu', 'azul', 'blauw', 'azure', 'cobalt', 'sapphire', 'turquoise', 'teal'],
  navy: ['navy', 'marino', 'dunkelblau'],
  red: ['red', 'rot', 'rouge', 'rojo', 'roja', 'rosso', 'rossa', 'rood', 'crimson', 'scarlet', 'ruby', 'burgundy', 'maroon', 'bordeaux'],
  green: ['green', 'grn', 'grun', 'gruen', 'vert', 'verte', 'verde', 'groen', 'olive', 'emerald', 'khaki', 'sage'],
  yellow: ['yellow', 'ylw', 'gelb', 'jaune', 'amarillo', 'amarilla', 'giallo', 'geel', 'mustard'],
  orange: ['orange', 'orng', 'naranja', 'arancione', 'oranje', 'tangerine', 'coral', 'apricot'],
  pink: ['pink', 'pnk', 'rosa', 'rosado', 'roze', 'fuchsia', 'blush'],
  purple: ['purple', 'prpl', 'lila', 'violett', 'violet', 'morado', 'paars', 'lavender', 'lilac', 'plum', 'mauve', 'aubergine'],
  brown: ['brown', 'brn', 'braun', 'marron', 'brun', 'bruin', 'marrone', 'mocha', 'walnut', 'tan', 'chestnut', 'cognac'],
  beige: ['beige', 'cream', 'creme', 'crema', 'taupe', 'ecru', 'nude', 'camel', 'oatmeal'],
  bronze: ['bronze', 'copper', 'kupfer', 'cuivre', 'cobre', 'rame'],
  cyan: ['cyan'],
  magenta: ['magenta'],
  clear: ['clear', 'transparent', 'translucent'],
  // An ink of three colours in one cartridge, another product than the black one of its number.
  tricolour: ['tricolor', 'tricolour', 'dreifarbig', 'trichromatic'],
};

const CANONICAL = new Map<string, string>();
for (const [colour, words] of Object.entries(COLOUR_WORDS)) for (const word of words) CANONICAL.set(word, colour);

// A colour word followed by these words names a feature, not the product's colour: a Blu-ray player is
// not blue, a camera with red-eye correction not red.
const NOT_A_COLOUR_BEFORE: Readonly<Record<string, ReadonlySet<string>>> = {
  blu: new Set(['ray']),
  red: new Set(['eye']),
};

/** The canonical colours named among folded title tokens, distinct and sorted ("Jet Black / Noir" → ["black"]). */
export function coloursIn(tokens: readonly string[]): string[] {
  const found = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    // "Tri-Color" is read as two words.
    const colour = tokens[i] === 'tri' && /^colou?r$/.test(tokens[i + 1] ?? '') ? 'tricolour' : CANONICAL.get(tokens[i]);
    if (colour !== undefined && !NOT_A_COLOUR_BEFORE[tokens[i]]?.has(tokens[i + 1])) found.add(colour);
  }
  return [...found].sort();
}
