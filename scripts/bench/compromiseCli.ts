import * as fs from 'fs';

/*
 * The comparison for `dossier analyze --json` as a whole process: compromise
 * over the same files, people, places and organisations with their offsets,
 * one JSON document per file on stdout, so that both pay for start-up,
 * reading and writing.
 */

async function main(): Promise<void> {
  const nlp = (await import('compromise')).default;
  const write = (s: string) =>
    new Promise<void>((resolve) => (process.stdout.write(s) ? resolve() : process.stdout.once('drain', resolve)));
  await write('{"documents":[');
  let first = true;
  for (const file of process.argv.slice(2)) {
    const doc = nlp(fs.readFileSync(file, 'utf8'));
    const out = {
      file,
      people: doc.people().out('offset'),
      places: doc.places().out('offset'),
      organizations: doc.organizations().out('offset'),
    };
    await write((first ? '' : ',') + JSON.stringify(out));
    first = false;
  }
  await write(']}\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
