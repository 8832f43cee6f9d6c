// Model codes as product listings write them: a base (letters and digits up to the last digit) and often a
// variant suffix of one to three letters after it: the colour, finish or region (CLI-8C cyan, CLI-8Y
// yellow; DC50W white, DC50B black; YSP-4000BK / YSP-4000BL, both black).

const SUFFIX = /[A-Z]{1,3}$/;

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
      if (suffixX === '' || suffixY === '' || suffixX[0] === suffixY[0]) return false;
    }
  }
  return sameBase;
}
