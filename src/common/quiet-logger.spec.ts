import { afterEach, describe, expect, it, vi } from 'vitest';
import { QuietLogger } from './quiet-logger';

describe('QuietLogger', () => {
  afterEach(() => vi.restoreAllMocks());

  function captured(write: () => void): string {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
    write();
    vi.restoreAllMocks();
    return lines.join('');
  }

  it('masks emails, phone numbers, birth dates and national ids in messages and stack traces', () => {
    const logger = new QuietLogger({ logLevels: ['log', 'error'] });
    const error = new Error('duplicate row for jane.doe@example.com / +1 555 123 4567 born 1984-03-07, id 078-05-1120 or 8164610');
    const output = captured(() => {
      logger.error(error);
      logger.log('sent to jane.doe@example.com', 'Test');
    });
    expect(output).toContain('j***@example.com');
    expect(output).toContain('4567');
    expect(output).not.toContain('jane.doe@example.com');
    expect(output).not.toContain('555 123');
    expect(output).not.toContain('5551234567');
    expect(output).toContain('1984-**-**');
    expect(output).not.toContain('1984-03-07');
    expect(output).not.toContain('078-05-1120');
    expect(output).not.toContain('8164610');
    expect(output).toContain('*****1120');
  });

  it('leaves timestamps and ids alone', () => {
    const logger = new QuietLogger({ logLevels: ['log'] });
    const output = captured(() => logger.log('delivery 0199a0e2-7c3b-7000-8000-000000000001 failed since 2026-11-26T15:05:17.000Z', 'Test'));
    expect(output).toContain('0199a0e2-7c3b-7000-8000-000000000001');
    expect(output).toContain('2026-11-26T15:05:17.000Z');
  });
});
