/**
 * The `extensionTestsPath` of the e2e run against Dossier installed from its
 * .vsix (scripts/e2e/packaged.mjs): runs packaged/*.test.js like ../index.ts.
 */
import { runSuite } from '../index';

export function run(): Promise<void> {
  return runSuite(__dirname);
}
