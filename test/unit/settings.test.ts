import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { defaultSettings, parseSettings } from '../../common/settings';
import { repoRoot } from './util';

type Json = Record<string, unknown>;

function flatten(obj: Json, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, flatten(v as Json, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = v;
  }
  return out;
}

describe('settings', () => {
  it('package.json contributes exactly the schema keys with the same defaults', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { default: unknown }> } };
    };
    const contributed = Object.fromEntries(Object.entries(manifest.contributes.configuration.properties).map(([k, v]) => [k, v.default]));
    const expected = Object.fromEntries(Object.entries(flatten(defaultSettings as unknown as Json)).map(([k, v]) => [`dossier.${k}`, v]));
    assert.deepStrictEqual(contributed, expected);
  });

  it('falls back to defaults and reports invalid values', () => {
    const { settings, problems } = parseSettings({ include: 'not-an-array' });
    assert.deepStrictEqual(settings, defaultSettings);
    assert.strictEqual(problems.length, 1);
    assert.match(problems[0], /dossier\.include/);
  });

  it('fills missing nested values', () => {
    const { settings } = parseSettings({ codeLens: { enabled: false } });
    assert.strictEqual(settings.codeLens.enabled, false);
    assert.strictEqual(settings.codeLens.claims, true);
  });
});
