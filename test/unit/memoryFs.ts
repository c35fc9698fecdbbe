import * as path from 'path';
import type { FileInfo, SidecarFs } from '../../client/src/annotations/sidecarFs';

/*
 * An in-memory SidecarFs for the sidecar store's unit tests: it records the
 * operations, yields between them (so that two stores interleave as two
 * processes would), and lets a test act at chosen moments ("another writer
 * replaces the file right after this rename").
 */

interface Entry {
  data: Uint8Array;
  mode: number;
  mtimeMs: number;
}

export type FsOp = 'read' | 'stat' | 'write' | 'createExclusive' | 'rename' | 'moveExclusive' | 'remove';

export class MemoryFs implements SidecarFs {
  readonly files = new Map<string, Entry>();
  /** `op basename[ -> basename]` of every mutating operation, in order. */
  readonly ops: string[] = [];
  /** Runs after an operation (once per registration, when `when` matches): what another process does at that moment. */
  private hooks: Array<{ when: (op: FsOp, p: string) => boolean; run: () => void | Promise<void> }> = [];

  after(when: (op: FsOp, p: string) => boolean, run: () => void | Promise<void>): void {
    this.hooks.push({ when, run });
  }

  private async done(op: FsOp, p: string): Promise<void> {
    const hook = this.hooks.find((h) => h.when(op, p));
    if (hook) {
      this.hooks = this.hooks.filter((h) => h !== hook);
      await hook.run();
    }
    // Yield to the event loop, as real I/O does, so that concurrent stores interleave.
    await new Promise((resolve) => setImmediate(resolve));
  }

  set(p: string, content: string | Uint8Array, mode = 0o644): void {
    this.files.set(p, { data: typeof content === 'string' ? Buffer.from(content, 'utf8') : content, mode, mtimeMs: Date.now() });
  }

  text(p: string): string | null {
    const e = this.files.get(p);
    return e ? Buffer.from(e.data).toString('utf8') : null;
  }

  async read(p: string): Promise<Uint8Array | null> {
    const e = this.files.get(p);
    await this.done('read', p);
    return e ? e.data : null;
  }

  async stat(p: string): Promise<FileInfo | null> {
    const e = this.files.get(p);
    await this.done('stat', p);
    return e ? { size: e.data.length, mtimeMs: e.mtimeMs, mode: e.mode } : null;
  }

  async write(p: string, data: Uint8Array, mode?: number): Promise<void> {
    this.ops.push(`write ${path.basename(p)}`);
    this.set(p, data, mode ?? 0o644);
    await this.done('write', p);
  }

  async createExclusive(p: string, data: Uint8Array): Promise<boolean> {
    if (this.files.has(p)) {
      await this.done('createExclusive', p);
      return false;
    }
    this.ops.push(`create ${path.basename(p)}`);
    this.set(p, data);
    await this.done('createExclusive', p);
    return true;
  }

  async rename(from: string, to: string): Promise<void> {
    const e = this.files.get(from);
    if (!e) throw Object.assign(new Error(`ENOENT: ${from}`), { code: 'ENOENT' });
    this.ops.push(`rename ${path.basename(from)} -> ${path.basename(to)}`);
    this.files.delete(from);
    this.files.set(to, e);
    await this.done('rename', to);
  }

  async moveExclusive(from: string, to: string): Promise<boolean> {
    const e = this.files.get(from);
    if (!e) throw Object.assign(new Error(`ENOENT: ${from}`), { code: 'ENOENT' });
    if (this.files.has(to)) return false;
    this.ops.push(`move ${path.basename(from)} -> ${path.basename(to)}`);
    this.files.delete(from);
    this.files.set(to, e);
    await this.done('moveExclusive', to);
    return true;
  }

  async remove(p: string): Promise<void> {
    if (this.files.delete(p)) this.ops.push(`remove ${path.basename(p)}`);
    await this.done('remove', p);
  }
}
