import * as path from 'path';

/** The repository root, from out/test/unit (compiled) or test/unit (sources). */
export const repoRoot = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');
/** The five sample documents: shipped in the .vsix (media/samples) and used as test fixtures. */
export const seedsDir = path.join(repoRoot, 'media', 'samples');

export function joinLines(...lines: string[]): string {
  return lines.join('\n');
}
