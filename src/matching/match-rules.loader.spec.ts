import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RulesError } from './engine/rules/validate-rules';
import { DEFAULT_RULES_DIR, loadAllRules, loadRulesFile, rulesPath } from './match-rules.loader';

const dir = mkdtempSync(join(tmpdir(), 'canon-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const shipped = (entity: string) => JSON.parse(readFileSync(join(DEFAULT_RULES_DIR, `${entity}.rules.json`), 'utf8'));
const write = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const problemsOf = (load: () => unknown): readonly string[] => {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(RulesError);
    return (error as RulesError).problems;
  }
  throw new Error('expected a RulesError');
};

describe('rules files', () => {
  it('loads the shipped defaults for every entity type', () => {
    const rules = loadAllRules(join(dir, 'no-such-folder'));
    expect(rules.customer.entityType).toBe('customer');
    expect(rules.product.blocking.length).toBeGreaterThan(0);
    expect(rulesPath('customer', join(dir, 'no-such-folder'))).toBe(join(DEFAULT_RULES_DIR, 'customer.rules.json'));
  });

  it('names every problem of an invalid file with its path', () => {
    const rules = shipped('customer');
    rules.thresholds = { match: 0.5, review: 0.9 };
    rules.blocking.push({ name: 'shoe', on: ['shoeSize'] });
    rules.comparisons[0].levels[0].m = 0.5; // the m of the levels no longer sum to 1
    rules.comparisons[1].levels.push({ label: 'nick', when: { nickname: true }, m: 0.001, u: 0.001 });
    const problems = problemsOf(() => loadRulesFile(write('bad.rules.json', rules), 'customer'));
    expect(problems).toEqual(
      expect.arrayContaining([
        'thresholds: review must not be above match',
        expect.stringMatching(/^blocking\[\d+\]\.on\[0\]: unknown feature "shoeSize"/),
        expect.stringMatching(/^comparisons\[0\] \(givenName\).*\bm\b/),
        expect.stringMatching(/^comparisons\[1\] \(familyName\).*"nickname" does not apply to a name feature/),
      ]),
    );
  });

  it('names the values a policy allows when a file gives another', () => {
    const rules = { ...shipped('product'), onAmbiguousMatch: 'maybe' };
    const problems = problemsOf(() => loadRulesFile(write('policy.rules.json', rules), 'product'));
    expect(problems).toEqual(['/onAmbiguousMatch: must be equal to one of the allowed values: review, link-best']);
  });

  it('refuses a blocking rule whose own key limit is not a whole number of at least 2', () => {
    const rules = shipped('customer');
    rules.blocking[0].maxFrequency = 1;
    rules.blocking[1].maxFrequency = 'ten';
    const problems = problemsOf(() => loadRulesFile(write('limits.rules.json', rules), 'customer'));
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/blocking\/0\/maxFrequency/), expect.stringMatching(/blocking\/1\/maxFrequency/)]));
  });

  it('checks that a refined rule refines by known features, and that no rule takes its refined keys’ name', () => {
    const rules = shipped('customer');
    rules.blocking.push({ name: 'town', on: ['city'], refine: ['shoeSize'] });
    rules.blocking.push({ name: 'dob+', on: ['birthDate'] });
    const problems = problemsOf(() => loadRulesFile(write('refine.rules.json', rules), 'customer'));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^blocking\[\d+\]\.refine\[0\]: unknown feature "shoeSize"/),
        expect.stringMatching(/\(dob\): its refined keys are named "dob\+", as another rule is/),
      ]),
    );
  });

  it('checks that a corroboration names real comparisons and agreeing levels', () => {
    const rules = shipped('customer');
    rules.corroborations = [{ name: 'loose', levels: { givenName: ['exact', 'else'], shoe: ['exact'], familyName: ['same-ish'], nationalId: ['else'] } }];
    const problems = problemsOf(() => loadRulesFile(write('corroboration.rules.json', rules), 'customer'));
    expect(problems).toEqual([
      'corroborations[0] (loose).levels.givenName: "else" is a disagreement ("else"), not an agreement',
      expect.stringMatching(/^corroborations\[0\] \(loose\)\.levels\.shoe: unknown comparison \(known: givenName, familyName/),
      expect.stringMatching(/^corroborations\[0\] \(loose\)\.levels\.familyName: no level "same-ish" \(levels: exact, /),
      'corroborations[0] (loose).levels.nationalId: "else" is a disagreement ("else"), not an agreement',
    ]);
  });

  it('lets a corroboration name a near agreement that vetoes to review, and a missing value, never a none veto', () => {
    const rules = shipped('customer');
    rules.corroborations = [{ name: 'mailbox', levels: { email: ['exact'], givenName: ['jw>=0.80', 'null'] } }];
    expect(loadRulesFile(write('near.rules.json', rules), 'customer').corroborations).toEqual(rules.corroborations);
    rules.corroborations = [{ name: 'decades', levels: { email: ['exact'], birthDate: ['a generation apart'] } }];
    expect(problemsOf(() => loadRulesFile(write('decades.rules.json', rules), 'customer'))).toEqual([
      'corroborations[0] (decades).levels.birthDate: "a generation apart" is a disagreement (a "none" veto), not an agreement',
    ]);
  });

  it('checks that a conflict names real comparisons and levels', () => {
    const rules = shipped('customer');
    rules.conflicts = [{ name: 'odd', veto: 'review', levels: { givenName: ['one typo'], shoe: ['else'], birthDate: ['a century apart'] } }];
    const problems = problemsOf(() => loadRulesFile(write('conflict.rules.json', rules), 'customer'));
    expect(problems).toEqual([
      expect.stringMatching(/^conflicts\[0\] \(odd\)\.levels\.shoe: unknown comparison/),
      expect.stringMatching(/^conflicts\[0\] \(odd\)\.levels\.birthDate: no level "a century apart"/),
    ]);
  });

  it('checks that a conflict needing a witness has witnesses to read, and that they name real agreeing levels', () => {
    const rules = shipped('customer');
    const { witnesses: _, ...without } = rules;
    expect(problemsOf(() => loadRulesFile(write('witnessless.rules.json', without), 'customer'))).toEqual([
      expect.stringMatching(/^conflicts\[\d+\] \(no birth date to tell father from son, where .*\): needsWitness, but the rules have no "witnesses"$/),
    ]);
    rules.witnesses = { agree: { givenName: ['jw>=0.80'], shoe: ['exact'] }, apart: { birthDate: ['a century apart'] } };
    expect(problemsOf(() => loadRulesFile(write('witnesses.rules.json', rules), 'customer'))).toEqual([
      'witnesses.agree.levels.givenName: "jw>=0.80" is a disagreement (a veto), not an agreement',
      expect.stringMatching(/^witnesses\.agree\.levels\.shoe: unknown comparison/),
      expect.stringMatching(/^witnesses\.apart\.levels\.birthDate: no level "a century apart"/),
    ]);
  });

  it('checks that a count-once rule names real comparisons and levels', () => {
    const rules = shipped('customer');
    rules.countOnce = [{ name: 'move', comparisons: ['city', 'shoe'], when: { phone: ['same-ish'] } }];
    expect(problemsOf(() => loadRulesFile(write('count-once.rules.json', rules), 'customer'))).toEqual([
      expect.stringMatching(/^countOnce\[0\] \(move\)\.when\.levels\.phone: no level "same-ish"/),
      'countOnce[0] (move).comparisons: unknown comparison "shoe"',
    ]);
  });

  it('lets a count-once rule of agreements hinge on disagreeing and missing values, and only such a rule', () => {
    const rules = shipped('customer');
    const place = { name: 'place', comparisons: ['city', 'postalCode'], when: { address: ['else', 'null'] } };
    rules.countOnce = [{ ...place, agreements: true }];
    const loaded = loadRulesFile(write('agreements.rules.json', rules), 'customer');
    expect(loaded.countOnce).toEqual([{ ...place, agreements: true }]);
    rules.countOnce = [place];
    expect(problemsOf(() => loadRulesFile(write('agreements-off.rules.json', rules), 'customer'))).toEqual([
      expect.stringMatching(/^countOnce\[0\] \(place\)\.when\.levels\.address: "else" is a disagreement/),
      expect.stringMatching(/^countOnce\[0\] \(place\)\.when\.levels\.address: no level "null"/),
    ]);
    rules.countOnce = [{ ...place, agreements: 'yes' }];
    expect(problemsOf(() => loadRulesFile(write('agreements-odd.rules.json', rules), 'customer')).join('\n')).toMatch(/agreements/);
  });

  it('checks the survivorship section: strategies, attributes and groups', () => {
    const rules = shipped('customer');
    rules.survivorship = {
      default: 'most-recent',
      attributes: { shoeSize: 'most-frequent', city: 'most-complete' },
      groups: [{ name: 'address', attributes: ['addressLine1', 'city'] }, { name: 'again', attributes: ['city', 'country'] }],
      conflictSensitive: ['birthDay'],
    };
    expect(problemsOf(() => loadRulesFile(write('surv.rules.json', rules), 'customer'))).toEqual([
      expect.stringMatching(/^survivorship\.attributes\.shoeSize: unknown attribute "shoeSize" \(known: givenName, /),
      expect.stringMatching(/^survivorship\.conflictSensitive\[0\]: unknown attribute "birthDay"/),
      'survivorship.groups[0] (address).attributes[1]: "city" also has its own strategy under survivorship.attributes; a group member survives with its group',
      'survivorship.groups[1] (again).attributes[0]: "city" is already in group address',
      'survivorship.groups[1] (again).attributes[0]: "city" also has its own strategy under survivorship.attributes; a group member survives with its group',
    ]);
    rules.survivorship = { default: 'loudest' };
    expect(problemsOf(() => loadRulesFile(write('surv2.rules.json', rules), 'customer'))[0]).toMatch(/survivorship\/default/);
    expect(loadRulesFile(join(DEFAULT_RULES_DIR, 'customer.rules.json'), 'customer').survivorship).toMatchObject({
      groups: [{ name: 'address', attributes: ['addressLine1', 'addressLine2', 'city', 'postalCode', 'region', 'country'] }],
      conflictSensitive: ['birthDate', 'nationalId'],
    });
  });

  it('reports a file that is not JSON, or not rules, or for another entity type', () => {
    expect(problemsOf(() => loadRulesFile(write('broken.json', '{ "prior": '), 'customer'))[0]).toMatch(/JSON/);
    expect(problemsOf(() => loadRulesFile(write('empty.json', {}), 'customer'))).toContain("/: must have required property 'blocking'");
    expect(problemsOf(() => loadRulesFile(join(DEFAULT_RULES_DIR, 'product.rules.json'), 'customer'))).toContain(
      'entityType: expected "customer", got "product"',
    );
  });

  it('resolves a profile that extends a base file and switches some vetoes off', () => {
    const profile = write('profile.rules.json', {
      extends: join(DEFAULT_RULES_DIR, 'customer.rules.json'),
      onMultipleMatches: 'merge',
      withoutVetoes: ['givenName'],
    });
    const rules = loadRulesFile(profile, 'customer');
    const base = shipped('customer');
    expect(rules.onMultipleMatches).toBe('merge');
    expect(rules.comparisons.find((c) => c.name === 'givenName')!.levels.some((l) => l.veto)).toBe(false);
    expect(rules.comparisons.find((c) => c.name === 'birthDate')!.levels.some((l) => l.veto)).toBe(true);
    expect(rules.blocking).toEqual(base.blocking);
    // the household conflict vetoes on givenName: it goes with givenName's vetoes
    expect(base.conflicts.map((c: { levels: object }) => Object.keys(c.levels)[0])).toContain('givenName');
    expect(rules.conflicts?.some((c) => Object.keys(c.levels)[0] === 'givenName')).toBe(false);
    const withoutBirthDate = loadRulesFile(write('keeps.rules.json', { extends: join(DEFAULT_RULES_DIR, 'customer.rules.json'), withoutVetoes: ['birthDate'] }), 'customer');
    expect(withoutBirthDate.conflicts).toEqual(base.conflicts.filter((c: { levels: object }) => Object.keys(c.levels)[0] !== 'birthDate'));
    expect(withoutBirthDate.conflicts?.length).toBeGreaterThan(0);
  });

  it('refuses a profile naming an unknown comparison, or extending itself', () => {
    const unknown = write('unknown.rules.json', { extends: join(DEFAULT_RULES_DIR, 'customer.rules.json'), withoutVetoes: ['shoeSize'] });
    expect(problemsOf(() => loadRulesFile(unknown, 'customer'))).toEqual(['withoutVetoes: no comparison named shoeSize']);
    write('a.rules.json', { extends: './b.rules.json' });
    write('b.rules.json', { extends: './a.rules.json' });
    expect(problemsOf(() => loadRulesFile(join(dir, 'a.rules.json'), 'customer'))[0]).toMatch(/extends itself/);
  });
});
