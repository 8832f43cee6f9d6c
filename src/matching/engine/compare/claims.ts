/**
 * Whether one list of claims (`+word`: the title says the product has it, "With Bits"; `-word`: it denies
 * it, "No Bits", "sugar-free") claims a word the other denies: two recipes or builds of one line.
 */
export function contradicts(a: readonly string[], b: readonly string[]): boolean {
  const denies = (claims: readonly string[], claim: string) => claim.startsWith('+') && claims.includes(`-${claim.slice(1)}`);
  return a.some((claim) => denies(b, claim)) || b.some((claim) => denies(a, claim));
}
