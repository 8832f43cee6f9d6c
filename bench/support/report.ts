/** Prints one benchmark line: the measured rate, the floor measured in the same run, and their ratio against a target. */
export function reportRatio(label: string, value: number, floor: number, unit: string, target: number): void {
  const ratio = value / floor;
  const verdict = ratio >= target ? 'meets' : 'BELOW';
  console.log(
    `${label.padEnd(34)} ${fmt(value).padStart(9)} ${unit}   floor ${fmt(floor).padStart(9)} ${unit}   ratio ${ratio.toFixed(3)}  (target >= ${target}: ${verdict})`,
  );
}

export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
