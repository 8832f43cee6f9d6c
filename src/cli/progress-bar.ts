/** A one-line progress bar on stderr, redrawn at most five times a second; silent when stderr is not a terminal. */
export class ProgressBar {
  // performance.now() counts from the start of the process: a bar made in its first 200 ms must still draw.
  private lastDraw = -Infinity;
  private readonly started = performance.now();

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  get enabled(): boolean {
    return Boolean(this.stream.isTTY);
  }

  update(done: number, total: number, records: number, rejected: number): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.lastDraw < 200 && done < total) return;
    this.lastDraw = now;
    const ratio = total > 0 ? Math.min(done / total, 1) : 1;
    const width = 30;
    const filled = Math.round(ratio * width);
    const rate = records / Math.max((now - this.started) / 1000, 0.001);
    const line =
      `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ` +
      `${records.toLocaleString('en-US')} records, ${Math.round(rate).toLocaleString('en-US')}/s, ${rejected.toLocaleString('en-US')} rejected`;
    this.stream.write(`\r${line}\x1b[K`);
  }

  finish(): void {
    if (this.enabled) this.stream.write('\n');
  }
}
