import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder holding the hub's package.json, whether code runs compiled from dist/ or from src/ in tests. */
export const PACKAGE_ROOT = findPackageRoot(__dirname);

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'schema'))) return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find the Canon package root above ${start}`);
  }
}
