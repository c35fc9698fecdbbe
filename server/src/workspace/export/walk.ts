import { promises as fs } from 'fs';
import * as path from 'path';
import { SIDECAR_SUFFIX } from '../../../../common/annotations';

/**
 * The file system reads of the export walk. A seam: tests make a folder or
 * a sidecar fail as EACCES does for a user, which chmod cannot do when the
 * tests run as root.
 */
export interface ExportFs {
  readdir(dir: string): Promise<ReadonlyArray<{ name: string; isDirectory(): boolean; isFile(): boolean }>>;
  readFile(file: string): Promise<string>;
}

export const nodeExportFs: ExportFs = {
  readdir: (dir) => fs.readdir(dir, { withFileTypes: true }),
  readFile: (file) => fs.readFile(file, 'utf8'),
};

/** A short reason for a failed read or write, as `analyze` words them. */
export function reasonOf(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ENOTDIR') return 'not a folder';
  return err instanceof Error ? err.message : String(err);
}

/**
 * Every sidecar under root, in name order within each folder. Symbolic links
 * are not followed (Dirent types are lstat types). A folder that cannot be
 * listed is reported and skipped; the walk goes on.
 */
export async function findSidecars(root: string, fsApi: ExportFs, onProblem: (file: string, reason: string) => void): Promise<string[]> {
  // One list filled by the whole walk: no spread of a folder's results, whose size is unbounded.
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = [...(await fsApi.readdir(dir))];
    } catch (err) {
      onProblem(dir, `${reasonOf(err)} (folder skipped)`);
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== '.git') await walk(full);
      } else if (e.isFile() && e.name.endsWith(SIDECAR_SUFFIX)) out.push(full);
    }
  };
  await walk(root);
  return out;
}
