// npm run bench:quality [-- febrl3 abt-buy ...]: matching quality on public entity-resolution datasets
// with ground truth (../shared/datasets). Each dataset is converted to CSV, imported with its mapping file
// (bench/quality/mappings) through the real pipeline (the code path of `canon import`) into a fresh SQLite
// database, and the crosswalk and blocking keys are read back with SQL and scored against the truth.
// The same dataset is imported again, in reverse order, into a second fresh database to measure how far
// the clusters depend on arrival order.
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../src/common/package-root';
import { loadMapping } from '../src/contracts/record-mapping';
import { DATASETS, datasetsRoot, mappingPath, type Dataset, type DatasetSpec } from './quality/datasets';
import { importDataset, trainRules, type ImportRun } from './quality/import-run';
import {
  candidatePairs,
  ceiling,
  clusterAgreement,
  comparisonSpace,
  hardNegativesMerged,
  pairCompleteness,
  pairConfusion,
  reductionRatio,
  scores,
  withReviewQueueAccepted,
  type EvaluatedRecord,
} from './quality/metrics';
import { printRow, printTableHeader, printTargets, type DatasetResult } from './quality/report';
import { fmt } from './support/report';

export interface QualityOptions {
  /** A rules folder (CANON_RULES_DIR) instead of the shipped default rules, e.g. schema/rules/profiles/linkage. */
  readonly rulesDir?: string;
  /** Train the rules on each dataset first (`canon rules train`, EM without ground truth) and measure with them. */
  readonly train?: boolean;
}

export async function benchQuality(names: readonly string[] = [], options: QualityOptions = {}): Promise<void> {
  const selected = selectDatasets(names);
  const root = datasetsRoot();
  const workDir = mkdtempSync(join(tmpdir(), 'canon-quality-'));
  const results: DatasetResult[] = [];
  const notes: string[] = [];
  const rulesLabel = `${options.rulesDir ? `rules ${options.rulesDir}` : 'default rules'}${options.train ? ', trained on each dataset (EM)' : ''}`;
  console.log(`bench:quality: ${selected.map((s) => s.name).join(', ')} from ${root}; ${rulesLabel}; SQLite, one fresh database per run`);
  printTableHeader();
  try {
    for (const spec of selected) {
      const dataset = spec.load(root);
      const mapping = loadMapping(mappingPath(dataset.name));
      const rulesDir = options.train ? await trainRules(dataset, mapping, workDir, options.rulesDir) : options.rulesDir;
      const forward = await importDataset(dataset, mapping, 'forward', workDir, rulesDir);
      const reverse = await importDataset(dataset, mapping, 'reverse', workDir, rulesDir);
      const result = evaluate(dataset, forward, reverse);
      results.push(result);
      printRow(result);
      notes.push(...datasetNotes(dataset, forward, result));
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  console.log('');
  for (const note of notes) console.log(note);
  console.log('');
  printTargets(results);
}

function evaluate(dataset: Dataset, forward: ImportRun, reverse: ImportRun): DatasetResult {
  const { records } = forward;
  const confusion = pairConfusion(records, dataset.task);
  // A ground-truth count other than the README's means the truth was parsed wrong: no figure would hold.
  if (confusion.truePairs !== dataset.expectedTruePairs) {
    throw new Error(`${dataset.name}: ${confusion.truePairs} true pairs from the ground truth, the datasets README says ${dataset.expectedTruePairs}`);
  }
  const { precision, recall, f1 } = scores(confusion);
  const candidates = candidatePairs(records, dataset.task);
  return {
    name: dataset.name,
    task: dataset.task,
    records: records.length,
    rejected: forward.rejected,
    truePairs: confusion.truePairs,
    predictedPairs: confusion.predictedPairs,
    precision,
    recall,
    f1,
    pairCompleteness: pairCompleteness(records, dataset.task).completeness,
    reductionRatio: reductionRatio(candidates, comparisonSpace(records, dataset.task)),
    candidatePairs: candidates,
    recordsPerSecond: forward.seconds > 0 ? records.length / forward.seconds : 0,
    sequenceNeutrality: clusterAgreement(clusterMap(forward), clusterMap(reverse)).share,
  };
}

/** Record identity → golden id of the imported records of one run. */
function clusterMap(run: ImportRun): Map<string, string> {
  const map = new Map<string, string>();
  run.records.forEach((record, i) => {
    if (record.golden !== null) map.set(run.keys[i], record.golden);
  });
  return map;
}

/**
 * What the review queue holds and is worth: how many of its potential matches are right, and the
 * scores once a steward confirmed all of them (the hub's result with its steward, not without).
 */
function reviewQueueNote(dataset: Dataset, run: ImportRun): string {
  const queue = run.reviewQueue;
  const pad = ''.padEnd(dataset.name.length);
  if (queue.length === 0) return `${pad}  review queue: empty`;
  const correct = queue.filter((link) => link.correct).length;
  const reviewed = scores(pairConfusion(withReviewQueueAccepted(run.records, queue), dataset.task));
  return (
    `${pad}  review queue: ${fmt(queue.length)} potential matches, ${((100 * correct) / queue.length).toFixed(1)} % of them right; ` +
    `all confirmed: precision ${reviewed.precision.toFixed(3)}, recall ${reviewed.recall.toFixed(3)}, F1 ${reviewed.f1.toFixed(3)}`
  );
}

function datasetNotes(dataset: Dataset, run: ImportRun, result: DatasetResult): string[] {
  const reasons = [...run.rejectReasons].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `${fmt(n)} ${reason}`);
  // What the rejections alone cost: no engine can score above this on the records the contract let in.
  const best = ceiling(run.records, dataset.task);
  return [
    `${dataset.name}: ${fmt(result.candidatePairs)} candidate pairs; rejected: ${reasons.length > 0 ? reasons.join(', ') : 'none'}`,
    `${''.padEnd(dataset.name.length)}  best possible with these rejections: recall and pair completeness ${best.recall.toFixed(3)}, F1 ${best.f1.toFixed(3)}`,
    reviewQueueNote(dataset, run),
    ...dataset.notes.map((note) => `${dataset.name}: ${note}`),
    ...hardNegativeNotes(dataset, run),
  ];
}

/** Planted look-alikes (twins, spouses...) merged into one golden record, by kind: as imported, and once the review queue is confirmed. */
function hardNegativeNotes(dataset: Dataset, run: ImportRun): string[] {
  if (!dataset.hardNegatives || dataset.hardNegatives.length === 0) return [];
  const line = (label: string, records: readonly EvaluatedRecord[]) => {
    const counts = [...hardNegativesMerged(records, dataset.hardNegatives!)];
    const merged = counts.reduce((sum, [, c]) => sum + c.merged, 0);
    const planted = counts.reduce((sum, [, c]) => sum + c.planted, 0);
    return `${''.padEnd(dataset.name.length)}  hard negatives merged ${label}: ${merged}/${planted} (${counts.map(([kind, c]) => `${kind} ${c.merged}/${c.planted}`).join(', ')})`;
  };
  return [line('as imported', run.records), line('if the review queue were all confirmed', withReviewQueueAccepted(run.records, run.reviewQueue))];
}

/** The datasets named on the command line (case, '-' and '_' ignored), or all of them. */
function selectDatasets(names: readonly string[]): DatasetSpec[] {
  if (names.length === 0) return [...DATASETS];
  const simple = (name: string) => name.toLowerCase().replace(/[-_]/g, '');
  return names.map((name) => {
    const spec = DATASETS.find((d) => simple(d.name) === simple(name));
    if (!spec) throw new Error(`unknown dataset "${name}"; known: ${DATASETS.map((d) => d.name).join(', ')}`);
    return spec;
  });
}

if (require.main === module) {
  // Arguments: dataset names, `--train`, `--rules DIR` (or `--profile linkage`).
  const args = process.argv.slice(2);
  const value = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const profile = value('--profile');
  const rulesDir = value('--rules') ?? (profile ? join(PACKAGE_ROOT, 'schema', 'rules', 'profiles', profile) : process.env.CANON_RULES_DIR);
  const names = args.filter((a, i) => !a.startsWith('--') && !['--rules', '--profile'].includes(args[i - 1]));
  benchQuality(names, { rulesDir: rulesDir ? resolve(rulesDir) : undefined, train: args.includes('--train') }).catch((error) => {
    // The stack only: a failed SQL statement's error carries thousands of bound parameters.
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
