import { describe, expect, it } from 'vitest';
import { blockingKeys, refinedRuleName, refinements } from './blocking-keys';

describe('blockingKeys', () => {
  const features = { birthDate: '1980-01-02', nameInitials: ['a', 'b'], email: 'ann@example.com', phone: null };

  it('gives one key per combination of a rule’s values, none when a feature has no value', () => {
    expect(blockingKeys([{ name: 'dob', on: ['birthDate', 'nameInitials'] }], features)).toEqual(['dob:1980-01-02|a', 'dob:1980-01-02|b']);
    expect(blockingKeys([{ name: 'phone', on: ['phone'] }], features)).toEqual([]);
  });

  it('a refined rule also keys its values with a value of the refining features they do not hold yet, once', () => {
    const keys = blockingKeys([{ name: 'dob', on: ['birthDate', 'nameInitials'], refine: ['nameInitials'] }], features);
    expect(keys).toEqual(['dob:1980-01-02|a', 'dob:1980-01-02|b', 'dob+:1980-01-02|a|b']);
  });

  it('names swapped or not, the refined key is the same; one initial alone is refined by nothing', () => {
    const rule = [{ name: 'dob', on: ['birthDate', 'nameInitials'], refine: ['nameInitials'] }];
    expect(blockingKeys(rule, { ...features, nameInitials: ['b', 'a'] }).sort()).toEqual(blockingKeys(rule, features).sort());
    expect(blockingKeys(rule, { ...features, nameInitials: ['a'] })).toEqual(['dob:1980-01-02|a', 'dob+:1980-01-02|a']);
  });

  it('a refining feature of its own is added as a part of its own, empty when the record has none', () => {
    const rule = [{ name: 'dob', on: ['birthDate'], refine: ['email'] }];
    expect(blockingKeys(rule, features)).toEqual(['dob:1980-01-02', 'dob+:1980-01-02|ann@example.com']);
    expect(blockingKeys(rule, { ...features, email: null })).toEqual(['dob:1980-01-02', 'dob+:1980-01-02|']);
  });

  it('a record without the coarse key has no refined key either', () => {
    expect(blockingKeys([{ name: 'dob', on: ['birthDate', 'nameInitials'], refine: ['email'] }], { ...features, birthDate: null })).toEqual([]);
  });

  it('keeps a long key within the column, readable and unique', () => {
    const long = 'x'.repeat(300);
    const [key] = blockingKeys([{ name: 'email', on: ['email'] }], { email: long });
    expect(key.length).toBeLessThanOrEqual(180);
    expect(key.startsWith('email:xxx')).toBe(true);
    expect(blockingKeys([{ name: 'email', on: ['email'] }], { email: `${long}y` })[0]).not.toBe(key);
  });
});

describe('refinements', () => {
  it('per refining feature, the values the key does not hold, else an empty part', () => {
    expect(refinements([['a', 'b']], ['1980-01-02', 'a'])).toEqual([['b']]);
    expect(refinements([['a']], ['1980-01-02', 'a'])).toEqual([['']]);
    expect(refinements([['x', 'y'], []], ['k'])).toEqual([['x', ''], ['y', '']]);
  });
});

describe('refinedRuleName', () => {
  it('is the rule’s name and a plus', () => {
    expect(refinedRuleName({ name: 'dob' })).toBe('dob+');
  });
});
