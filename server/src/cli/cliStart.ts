import * as fs from 'fs';
import * as path from 'path';
import { startEarly } from './earlyStart';

// dist/cli.js: starts what can start before the CLI proper is loaded (earlyStart.ts), then runs it: dist/cliMain.js
// in the bundle, cli.js beside this file when compiled by tsc.
const argv = process.argv.slice(2);
startEarly(argv, __dirname);
const bundled = path.join(__dirname, 'cliMain.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cli = require(fs.existsSync(bundled) ? bundled : path.join(__dirname, 'cli.js')) as { main(argv: readonly string[]): void };
cli.main(argv);
