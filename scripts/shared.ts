import * as fs from 'fs';
import * as path from 'path';

/*
 * Where the team's development data lives: ../shared beside the checkout, or
 * DOSSIER_SHARED. Only `npm run train`, `npm run eval` and `npm run bench`
 * read it; a user's clone does not have it.
 */
export function sharedDir(): string | null {
  const root = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../..' : '..');
  const candidates = [process.env.DOSSIER_SHARED, path.join(root, '..', 'shared')].filter((p): p is string => !!p);
  for (const c of candidates) if (fs.existsSync(path.join(c, 'data'))) return c;
  return null;
}

export function requireShared(what: string): string {
  const dir = sharedDir();
  if (!dir) {
    process.stderr.write(
      `${what} needs the development data in ../shared (beside this checkout) or $DOSSIER_SHARED, which is missing here.\n`,
    );
    process.exit(1);
  }
  return dir;
}

export function repoRoot(): string {
  return path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../..' : '..');
}
