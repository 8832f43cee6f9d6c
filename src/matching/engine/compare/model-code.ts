// Model codes as product listings write them: a base (letters and digits up to the last digit) and often a
// variant suffix of one to three letters after it: the colour, finish or region (CLI-8C cyan, CLI-8Y
// yellow; DC50W white, DC50B black; YSP-4000BK / YSP-4000BL, both black).

import { jaroWinkler } from './jaro-winkler';

const SUFFIX = /[A-Z]{1,3}$/;
// Suffixes that name an edition, not a colour or market: a high-yield ink (XL), a Bluetooth or
// noise-cancelling version of a headphone (BT, NC).
const EDITION = /^(?:XL|XXL|BT|NC)$/;

/** A model code without its variant suffix (CLI8C → CLI8, YSP4000BK → YSP4000); a code without one stays whole. */
export function baseCode(code: string): string {
  const base = code.replace(SUFFIX, '');
  return base.length >= 4 && /\d$/.test(base) ? base : code;
}

/**
 * Whether two lists of model codes name different variants of one model: they share no code, some pair
 * shares a base, and every pair sharing a base has suffixes that differ from their first letter (CLI8C /
 * CLI8Y, DC50W / DC50B, KXTSC14W / KXTSC14B). A suffix missing on one side (DMCTZ5 / DMCTZ5S) or starting
 * alike (YSP4000BK / YSP4000BL, NNH965WH / NNH965WF) is how two listings write one variant, not another.
 */
export function differentVariants(a: readonly string[], b: readonly string[]): boolean {
  let sameBase = false;
  for (const x of a) {
    const baseX = baseCode(x);
    for (const y of b) {
      if (x === y) return false;
      if (baseCode(y) !== baseX) continue;
      sameBase = true;
      const [suffixX, suffixY] = [x.slice(baseX.length), y.slice(baseX.length)];
      // An edition suffix is another product even when the other code has none (PG545 / PG545XL).
      if (EDITION.test(suffixX) !== EDITION.test(suffixY)) continue;
      if (suffixX === '' || suffixY === '' || suffixX[0] === suffixY[0]) return false;
    }
  }
  return sameBase;
}

/** The numbers of a code, in order (KDL40V4100 → "40-4100"); empty for a code of letters only. */
function numbersOf(code: string): string {
  return (code.match(/\d+/g) ?? []).join('-');
}

/** A code's letters with each run of digits as one mark (XT4 → XT#, DHP485 → DHP#): its shape. */
function shapeOf(code: string): string {
  return code.replace(/\d+/g, '#');
}

/**
 * Whether two lists of model codes name other models of one product line: they share no code, some pair
 * of codes is alike (Jaro-Winkler `similarity` or more: what would pass for a variant or a typo; or of one
 * shape, the same letters around other digits: X-T4 / X-T5, too short for Jaro-Winkler), and
 * every such pair carries other numbers (LX2000 / LX2001, KDL40V4100 / KDL40V4150, DU1055SS / DU1100SS).
 * Numbers that agree (DU1100SS / DU1100XTPS), or where one goes on from the other (U5140 / U5140900),
 * leave the pair to the other levels.
 */
export function otherModelNumbers(a: readonly string[], b: readonly string[], similarity: number): boolean {
  let alike = false;
  for (const x of a) {
    for (const y of b) {
      if (x === y) return false;
      if (jaroWinkler(x, y) < similarity && !(/[A-Z]/.test(x) && shapeOf(x) === shapeOf(y))) continue;
      alike = true;
      const [nx, ny] = [numbersOf(x), numbersOf(y)];
      if (nx.startsWith(ny) || ny.startsWith(nx)) return false;
    }
  }
  return alike;
}

/**
 * Whether two lists hold one code under other letter prefixes, and neither names the other's full code:
 * WH-1000XM4 (headphones) and WF-1000XM4 (earbuds) share the code 1000XM4 after their prefixes, which
 * the title analysis also gives on its own; KDL-40V4100 and XBR-40V4100 are two ranges. A code without
 * a prefix on one side (40V4100) is how a shop shortens it, and is not this.
 */
export function otherPrefix(a: readonly string[], b: readonly string[]): boolean {
  const [setA, setB] = [new Set(a), new Set(b)];
  const tails = new Set<string>();
  for (const x of a) {
    for (const y of b) {
      if (x === y || x.length !== y.length || setB.has(x) || setA.has(y)) continue;
      const prefix = /^[A-Z]{1,3}/.exec(x)?.[0].length ?? 0;
      const tail = x.slice(prefix);
      // Both write the prefix apart ("WH-1000XM4", "WF 1000XM4"), so both lists hold the code alone too;
      // "TV24746" against "GE 24746" is one code, written once with its series and once after the brand.
      if (prefix > 0 && /^\d/.test(tail) && tail.length >= 3 && y.endsWith(tail) && /^[A-Z]+$/.test(y.slice(0, prefix)) && setA.has(tail) && setB.has(tail)) {
        tails.add(tail);
      }
    }
  }
  // Any other code shared (a part number both name) says one product.
  return tails.size > 0 && a.every((code) => !setB.has(code) || tails.has(code));
}

/**
 * Whether a short code of one list is the series code inside a maker's full code in the other: after a
 * prefix holding the size or series number and before a tail of letters only (U64 in 43U64, S90B in
 * QN50S90BAFXZA, NANO754 in 43NANO754PUA): one shop names a TV by its series and screen size, another
 * by the full code. The short code starts with a letter and holds a digit. A tail with digits (RX100 in
 * DSCRX100M3) is another generation, and no prefix (X100 in X100F) another variant.
 */
export function containedCode(a: readonly string[], b: readonly string[]): boolean {
  for (const x of a) {
    for (const y of b) {
      const [short, long] = x.length < y.length ? [x, y] : [y, x];
      if (short.length < 3 || !/^[A-Z]/.test(short) || !/\d/.test(short)) continue;
      const at = long.indexOf(short);
      if (at > 0 && /\d/.test(long.slice(0, at)) && /^[A-Z]*$/.test(long.slice(at + short.length))) return true;
    }
  }
  return false;
}

/**
 * Whether one record names, as the device it fits, a code the other names as its own: "Battery for Sony
 * RX100 IV" (`fits:RX100`) and "Sony RX100 IV Camera" (`own:RX100`), an ink "Works with HP OfficeJet Pro
 * 7415e" and that printer. The accessory and its device, not one product; unless the other fits that code too.
 * The lists hold a record's title codes by role, `own:CODE` and `fits:CODE` (the `codeRoles` feature).
 */
export function fitsOwnCode(a: readonly string[], b: readonly string[]): boolean {
  return fitsOwn(a, b) || fitsOwn(b, a);
}

/**
 * Whether a code one record's description opens with (its title naming none) is a code the other names as
 * its own, in its title or in such an opening: "Garmin Vehicle Suction Cup Mount" described as "Garmin
 * 010-10723-03 - Vehicle Suction Cup Mount" and "Garmin 010-10723-03 Nuvi Suction Cup Mount". The lists
 * hold a record's codes by role (`codeRoles`): `own:CODE`, `fits:CODE` and `opening:CODE`.
 */
export function openingCode(a: readonly string[], b: readonly string[]): boolean {
  return opensWithOwn(a, b) || opensWithOwn(b, a);
}

function opensWithOwn(opening: readonly string[], other: readonly string[]): boolean {
  for (const role of opening) {
    if (!role.startsWith('opening:')) continue;
    const code = role.slice('opening:'.length);
    if (other.includes(`own:${code}`) || other.includes(role)) return true;
  }
  return false;
}

function fitsOwn(fitting: readonly string[], device: readonly string[]): boolean {
  for (const role of fitting) {
    if (!role.startsWith('fits:')) continue;
    const code = role.slice('fits:'.length);
    if (device.includes(`own:${code}`) && !device.includes(role)) return true;
  }
  return false;
}

/**
 * Whether some code of one list is a code of the other written longer: with a short prefix of letters
 * (TV24734 and 24734, RPSDV02GU1A and SDV02GU1A: a maker's or series prefix one shop leaves out) or with a
 * tail of three digits or more (9614640403 and 961464, U5140900 and U5140: a region or packaging number).
 * The shorter code has five characters or more, one of them a digit. A tail with letters is how variants
 * and generations differ (DSCW150B, RX100M3, WF1000XM3, M50XBT2) and is left to the variant levels; one
 * or two digits make another number (RX100, RX1000) or a plug variant.
 */
export function extendedCode(a: readonly string[], b: readonly string[]): boolean {
  for (const x of a) {
    for (const y of b) {
      const [short, long] = x.length < y.length ? [x, y] : [y, x];
      // A code of letters only needs six of them to be one ("USGSRMKB" in "NDSUSGSRMKB").
      if (short.length < 5 || short.length === long.length || (!/\d/.test(short) && short.length < 6)) continue;
      if (long.endsWith(short) && /^[A-Z]{1,3}$/.test(long.slice(0, -short.length))) return true;
      if (long.startsWith(short) && /^\d{3,}$/.test(long.slice(short.length))) return true;
    }
  }
  return false;
}
