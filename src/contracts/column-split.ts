import type { MappingWarning } from './record-mapping';

/**
 * One source column split into several contract fields: a full name ("Doe, John"), an address on one line
 * ("Via Roma 12, 20121 Milano"). Patterns are regular expressions whose named groups are field names,
 * tried in order; the first that matches fills its groups. A value no pattern matches goes whole to
 * `else`, or, without it, is left out with a warning: nothing is guessed.
 */
export interface ColumnSplit {
  readonly patterns: readonly string[];
  readonly else?: string;
}

export const SPLIT_NO_MATCH = 'SPLIT_NO_MATCH';

// Compiled once per rule, not per row (the mapping is plain data, handed to a worker thread).
const COMPILED = new WeakMap<ColumnSplit, RegExp[]>();

function compiled(rule: ColumnSplit): RegExp[] {
  let patterns = COMPILED.get(rule);
  if (!patterns) COMPILED.set(rule, (patterns = rule.patterns.map((p) => new RegExp(p, 'u'))));
  return patterns;
}

/** The fields a split writes: its patterns' named groups and its `else`. */
export function splitTargets(rule: ColumnSplit): string[] {
  const groups = rule.patterns.flatMap((p) => [...p.matchAll(/\(\?<([A-Za-z_$][\w$]*)>/g)].map((m) => m[1]));
  return [...new Set([...groups, ...(rule.else ? [rule.else] : [])])];
}

/** What is wrong with a split's patterns (not a regular expression, no named group), or null. */
export function splitProblem(column: string, rule: ColumnSplit): string | null {
  for (const [i, pattern] of rule.patterns.entries()) {
    try {
      new RegExp(pattern, 'u');
    } catch (error) {
      return `split."${column}" pattern ${i + 1} is not a regular expression: ${(error as Error).message}`;
    }
    if (!/\(\?<[A-Za-z_$][\w$]*>/.test(pattern)) return `split."${column}" pattern ${i + 1} names no field: write one as (?<familyName>…)`;
  }
  return null;
}

/** Splits `value` of `column` into `out`; a value no pattern matches is noted in `warnings`. */
export function applySplit(column: string, value: unknown, rule: ColumnSplit, out: Record<string, unknown>, warnings: MappingWarning[]): void {
  if (typeof value !== 'string' || value.trim() === '') return;
  const text = value.trim();
  for (const pattern of compiled(rule)) {
    const groups = pattern.exec(text)?.groups;
    if (!groups) continue;
    for (const [field, part] of Object.entries(groups)) if (part !== undefined && part.trim() !== '') out[field] = part.trim();
    return;
  }
  if (rule.else) out[rule.else] = text;
  else warnings.push({ field: column, code: SPLIT_NO_MATCH, message: `"${text}" matches no pattern of split."${column}": left out` });
}
