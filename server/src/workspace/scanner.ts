import { promises as fs } from 'fs';
import * as path from 'path';
import picomatch from 'picomatch';

/**
 * Files under the folders that the include globs match and the exclude globs do not, found without blocking.
 * Symbolic links are followed, as VS Code's own search follows them (an archive curated as links to the
 * originals is indexed): a link to a regular file counts as that file, a link to a folder is entered once
 * (folders are known by their real path, so a link to an ancestor is no loop), and a link to anything else
 * (a pipe, a device, a broken link) is skipped.
 */
export async function findDocuments(folders: string[], include: string[], exclude: string[], limit = 100_000): Promise<string[]> {
  const isIncluded = picomatch(include, { dot: false });
  const isExcluded = picomatch(exclude, { dot: true });
  const found: string[] = [];
  for (const root of folders) {
    const entered = new Set<string>();
    const stack = [root];
    while (stack.length && found.length < limit) {
      const dir = stack.pop() as string;
      let entries;
      try {
        const real = await fs.realpath(dir);
        if (entered.has(real)) continue;
        entered.add(real);
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
      for (const e of entries) {
        const full = path.join(dir, e.name);
        const rel = path.relative(root, full).split(path.sep).join('/');
        if (isExcluded(rel) || isExcluded(rel + '/')) continue;
        const kind = e.isSymbolicLink() ? await linkTarget(full) : e.isDirectory() ? 'folder' : e.isFile() ? 'file' : null;
        if (kind === 'folder') {
          if (e.name !== '.git' && e.name !== 'node_modules') stack.push(full);
        } else if (kind === 'file' && isIncluded(rel)) {
          found.push(full);
        }
      }
    }
  }
  return found.sort();
}

/** What a symbolic link leads to: a regular file, a folder, or null (anything else, or nothing). */
async function linkTarget(link: string): Promise<'file' | 'folder' | null> {
  try {
    const st = await fs.stat(link);
    return st.isFile() ? 'file' : st.isDirectory() ? 'folder' : null;
  } catch {
    return null;
  }
}
