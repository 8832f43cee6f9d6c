// The figures of one dataset and how they are printed: one table row per dataset, then the targets with
// meets/BELOW as in bench/support/report.ts.
import { fmt } from '../support/report';
import type { Task } from './metrics';

export interface DatasetResult {
  readonly name: string;
  readonly task: Task;
  readonly records: number;
  readonly rejected: number;
  readonly truePairs: number;
  readonly predictedPairs: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly pairCompleteness: number;
  readonly reductionRatio: number;
  readonly candidatePairs: number;
  readonly recordsPerSecond: number;
  readonly sequenceNeutrality: number;
}

type Metric = 'f1' | 'pairCompleteness' | 'sequenceNeutrality';

interface Target {
  readonly dataset: string | RegExp;
  readonly metric: Metric;
  readonly min: number;
}

export const TARGETS: readonly Target[] = [
  { dataset: 'febrl3', metric: 'f1', min: 0.97 },
  { dataset: 'febrl4', metric: 'f1', min: 0.97 },
  { dataset: 'fake1000', metric: 'f1', min: 0.85 },
  { dataset: 'abt-buy', metric: 'f1', min: 0.9 },
  { dataset: /^febrl/, metric: 'pairCompleteness', min: 0.995 },
  { dataset: /./, metric: 'sequenceNeutrality', min: 0.99 },
];

const METRIC_LABEL: Record<Metric, string> = { f1: 'F1', pairCompleteness: 'pair completeness', sequenceNeutrality: 'sequence neutrality' };

const ratio = (digits: number) => (v: number) => (Number.isNaN(v) ? 'n/a' : v.toFixed(digits));
const COLUMNS: readonly { title: string; width: number; value: (r: DatasetResult) => string }[] = [
  { title: 'dataset', width: 20, value: (r) => r.name },
  { title: 'task', width: 6, value: (r) => r.task },
  { title: 'records', width: 8, value: (r) => fmt(r.records) },
  { title: 'rejected', width: 9, value: (r) => fmt(r.rejected) },
  { title: 'true pairs', width: 11, value: (r) => fmt(r.truePairs) },
  { title: 'predicted', width: 10, value: (r) => fmt(r.predictedPairs) },
  { title: 'precision', width: 10, value: (r) => ratio(3)(r.precision) },
  { title: 'recall', width: 7, value: (r) => ratio(3)(r.recall) },
  { title: 'F1', width: 6, value: (r) => ratio(3)(r.f1) },
  { title: 'pair compl.', width: 12, value: (r) => ratio(3)(r.pairCompleteness) },
  // Reduction ratios sit close to 1, where the fourth digit is the difference between 0.1 % and 1 %.
  { title: 'red. ratio', width: 11, value: (r) => ratio(4)(r.reductionRatio) },
  { title: 'records/s', width: 10, value: (r) => fmt(r.recordsPerSecond) },
  { title: 'seq. neutral', width: 13, value: (r) => ratio(3)(r.sequenceNeutrality) },
];

export function printTableHeader(): void {
  console.log(COLUMNS.map((c, i) => (i < 2 ? c.title.padEnd(c.width) : c.title.padStart(c.width))).join(''));
}

export function printRow(result: DatasetResult): void {
  console.log(COLUMNS.map((c, i) => (i < 2 ? c.value(result).padEnd(c.width) : c.value(result).padStart(c.width))).join(''));
}

/** Prints every target that applies to the datasets run; a figure that is n/a does not meet its target. */
export function printTargets(results: readonly DatasetResult[]): void {
  for (const result of results) {
    for (const target of TARGETS) {
      const applies = typeof target.dataset === 'string' ? target.dataset === result.name : target.dataset.test(result.name);
      if (!applies) continue;
      const value = result[target.metric];
      const verdict = value >= target.min ? 'meets' : 'BELOW';
      console.log(`${`${result.name} ${METRIC_LABEL[target.metric]}`.padEnd(34)} ${ratio(3)(value).padStart(9)}   (target >= ${target.min}: ${verdict})`);
    }
  }
}
