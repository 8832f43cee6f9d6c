import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContractRegistry } from '../contracts/contract-registry';
import { createEngines } from '../matching/engine';
import { DEFAULT_RULES_DIR, loadRulesFile } from '../matching/match-rules.loader';
import type { PreparedRecord, RecordResult } from './ingest.types';
import { isPrepared, prepareRecord } from './prepare-record';

const registry = new ContractRegistry();
const engines = createEngines({
  customer: loadRulesFile(join(DEFAULT_RULES_DIR, 'customer.rules.json'), 'customer'),
  product: loadRulesFile(join(DEFAULT_RULES_DIR, 'product.rules.json'), 'product'),
});
const prepare = (entity: 'customer' | 'product', record: unknown, lenient?: string[]) =>
  prepareRecord(record, 0, registry.validator(entity), engines[entity], { lenient: lenient && new Set(lenient) });

function accepted(outcome: PreparedRecord | RecordResult): PreparedRecord {
  if (!isPrepared(outcome)) throw new Error(`expected acceptance, got ${JSON.stringify(outcome.errors)}`);
  return outcome;
}

describe('prepareRecord', () => {
  const person = { sourceId: 'p1', givenName: 'Ann', familyName: 'Lee', birthDate: '1980-02-31', email: 'ann@example.com' };

  it('rejects a record with an invalid value, naming the field', () => {
    const outcome = prepare('customer', person);
    expect(isPrepared(outcome)).toBe(false);
    expect((outcome as RecordResult).errors).toEqual([expect.objectContaining({ field: 'birthDate', code: 'INVALID_FORMAT' })]);
  });

  it('drops the invalid value of a lenient field with a warning and keeps the record', () => {
    const record = accepted(prepare('customer', person, ['birthDate']));
    expect(record.attributes).not.toHaveProperty('birthDate');
    expect(record.attributes.email).toBe('ann@example.com');
    expect(record.warnings).toEqual([expect.objectContaining({ field: 'birthDate', code: 'DROPPED_INVALID' })]);
    expect(record.keys.some((k) => k.startsWith('dob:'))).toBe(false);
  });

  it('still rejects when another field is invalid, or a field is unknown', () => {
    expect(isPrepared(prepare('customer', { ...person, email: 'not-an-email' }, ['birthDate']))).toBe(false);
    expect(isPrepared(prepare('customer', { ...person, shoeSize: 7 }, ['birthDate', 'shoeSize']))).toBe(false);
  });

  it('drops a GTIN whose check digit is wrong when gtin is lenient', () => {
    const product = { sourceId: 'x1', gtin: '4006381333932', name: 'Stabilo pen' };
    expect((prepare('product', product) as RecordResult).errors).toEqual([expect.objectContaining({ field: 'gtin', code: 'INVALID_GTIN' })]);
    const record = accepted(prepare('product', product, ['gtin']));
    expect(record.attributes).toEqual({ name: 'Stabilo pen' });
    expect(record.warnings.map((w) => w.field)).toEqual(['gtin']);
  });

  it('keeps a placeholder birth date (1900-01-01) in the source record as sent, but out of the cleansed record, with a warning naming it', () => {
    const record = accepted(prepare('customer', { ...person, birthDate: '1900-01-01' }));
    expect(record.attributes.birthDate).toBe('1900-01-01');
    expect(record.cleansed).not.toHaveProperty('birthDate');
    expect(record.warnings).toEqual([expect.objectContaining({ field: 'birthDate', code: 'PLACEHOLDER_DROPPED', message: expect.stringContaining('1900-01-01') })]);
    expect(record.keys.some((k) => k.startsWith('dob:'))).toBe(false);
  });

  it('never lets a dropped field take the record below its contract: the identity rule still holds', () => {
    const outcome = prepare('product', { sourceId: 'x2', gtin: '4006381333932' }, ['gtin']);
    expect(isPrepared(outcome)).toBe(false);
  });
});
