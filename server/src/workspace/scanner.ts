import { promises as fs } from 'fs';
import * as path from 'path';
import picomatch from 'picomatch';

/** Files under the folders that the include globs match and the exclude globs do not, found without blocking. */
export async function findDocuments(folders: string[], include: string[], exclude: string[], limit = 100_000): Promise<string[]> {
  const isIncluded = picomatch(include, { dot: false });
  const isExcluded = picomatch(exclude, { dot: true });
  const found: string[] = [];
  for (const root of folders) {
    const stack = [root];
    while (stack.length && found.length < limit) {
      const dir = stack.pop() as string;
      let entries;
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
      for (const e of entries) {
        const full = path.join(dir, e.name);
        const rel = path.relative(root, full).split(path.sep).join('/');
        if (isExcluded(rel) || isExcluded(rel + '/')) continue;
        if (e.isDirectory()) {
          if (e.name !== '.git' && e.name !== 'node_modules') stack.push(full);
        } else if (e.isFile() && isIncluded(rel)) {
          found.push(full);
        }
      }
    }
  }
  return found.sort();
}
