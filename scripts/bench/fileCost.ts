import * as fs from 'fs';
import * as path from 'path';

/*
 * What creating a file costs in a folder. The cold index writes one shard
 * file per document. On the machine the README's figures come from (ext4
 * without a journal) that cost was 20–90 µs, and 600–1,000 µs of kernel CPU
 * for about five minutes after many files were removed: for 10,000 documents
 * the difference is seconds of the cold figure, so the bench measures it in
 * the shard folder itself and prints it beside that figure.
 */
export function fileCreateMicros(dir: string, files = 500): { wall: number; kernel: number } {
  const names = Array.from({ length: files }, (_, i) => path.join(dir, `create-cost-${process.pid}-${i}.tmp`));
  try {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    for (const name of names) fs.closeSync(fs.openSync(name, 'w'));
    const wall = ((performance.now() - t0) * 1000) / files;
    return { wall, kernel: process.cpuUsage(cpu).system / files };
  } finally {
    for (const name of names) fs.rmSync(name, { force: true });
  }
}
