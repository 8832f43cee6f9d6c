import { describe, expect, it } from 'vitest';
import { ProgressBar } from './progress-bar';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (text: string) => writes.push(text) } as unknown as NodeJS.WriteStream, writes };
}

describe(ProgressBar.name, () => {
  it('draws a bar with percentage, records, rate and rejects on a terminal', () => {
    const { stream, writes } = fakeStream(true);
    const bar = new ProgressBar(stream);
    bar.update(50, 100, 1234, 5);
    expect(writes[0]).toMatch(/^\r\[#{15}-{15}\]  50% 1,234 records, [\d,]+\/s, 5 rejected/);
    bar.update(100, 100, 2000, 5); // the last update always draws
    expect(writes.at(-1)).toMatch(/100% 2,000 records/);
    bar.finish();
    expect(writes.at(-1)).toBe('\n');
  });

  it('stays silent when the output is not a terminal (a pipe or a CI log)', () => {
    const { stream, writes } = fakeStream(false);
    const bar = new ProgressBar(stream);
    bar.update(1, 2, 3, 0);
    bar.finish();
    expect(writes).toEqual([]);
  });
});
