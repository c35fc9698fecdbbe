import * as path from 'path';

/** The repository root, from out/test/unit (compiled) or test/unit (sources). */
export const repoRoot = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');
export const seedsDir = path.join(repoRoot, 'test', 'fixtures', 'seeds');

export function joinLines(...lines: string[]): string {
  return lines.join('\n');
}
