import { printable } from '../../../common/printable';

/**
 * The CLI's two output streams. stdout carries results and honours
 * backpressure; stderr carries one-line messages naming the file they are
 * about, with control characters shown rather than obeyed, since file names
 * and reasons may come from a hostile corpus.
 */

/** Resolves when the stream can take more, so that big outputs are never buffered whole. */
export function writeStdout(s: string | Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(s)) resolve();
    else process.stdout.once('drain', () => resolve());
  });
}

/** `dossier: <message>` on stderr. */
export function say(message: string): void {
  process.stderr.write(`dossier: ${printable(message)}\n`);
}

/** `dossier: <file>: <message>` on stderr. */
export function sayAbout(file: string, message: string): void {
  say(`${file}: ${message}`);
}

let guarded = false;

/**
 * When the reader of stdout goes away (`dossier analyze … | head`), writing
 * fails with EPIPE. Like other Unix filters, stop quietly: nobody is left to
 * read the rest, and it is not an error of the analysis. Exit 0, as `head`
 * got what it asked for. Errors on stderr are dropped, as there is nowhere
 * left to report them.
 */
export function exitQuietlyOnClosedPipe(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') process.exit(0);
    process.stderr.write(`dossier: cannot write output: ${err.message}\n`);
    process.exit(3);
  });
  process.stderr.on('error', () => undefined);
}
