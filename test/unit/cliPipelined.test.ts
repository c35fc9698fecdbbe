import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  analyzeDocument,
  completeFromMentions,
  completeFromSpans,
  layoutText,
  tagMentions,
  tagSpans,
  type TextLayout,
} from '../../server/src/analysis/pipeline';
import type { FileResult } from '../../server/src/cli/fileResult';
import { analyzePipelined, stageAt, stageFor, tagWorkerScript, type Tagged, type TagStage } from '../../server/src/cli/pipelined';
import { layoutBuffers, unpackLayout } from '../../server/src/cli/packedLayout';
import { tagJob } from '../../server/src/cli/tagWorker';
import { dropEarlyTagThread, pipelineLikely, startTagThreadEarly, takeEarlyTagThread } from '../../server/src/cli/tagThread';
import { loadResources } from '../../server/src/workspace/resources';
import { emptyAnalysis } from './features/synthetic';
import { seedsDir } from './util';

/*
 * Stand-ins for the tagging thread, speaking its protocol (pipelined.ts). The
 * first answers later files first (each waits less the later it is), so that
 * results come back out of order. The second tags its files in turn, as the
 * real one does: "die" makes it exit, "crash" throws (an uncaught error), and
 * a missing file is a failed read.
 */
// An empty layout as the tagging thread packs it (packedLayout.ts).
const LAYOUT =
  '{ structure: { headline: null, byline: null, blocks: [], commentsStart: null }, tokens: new Int32Array(0), sentences: new Int32Array(0) }';
const SHUFFLING = `
const { parentPort } = require('worker_threads');
const fs = require('fs');
parentPort.on('message', (job) => {
  const text = fs.readFileSync(job.file, 'utf8');
  const spans = [{ start: 0, end: 1, label: 'PER', tokenStart: 0, tokenEnd: 1 }];
  setTimeout(() => parentPort.postMessage({ id: job.id, ok: true, text, invalidUtf8: false, layout: ${LAYOUT}, tagged: { spans } }), Math.max(0, 30 - 3 * job.id));
});
`;
// Answers one file every few milliseconds; its text is how many files it held when it took that one.
const SLOW = `
const { parentPort } = require('worker_threads');
const queue = [];
parentPort.on('message', (job) => queue.push(job));
setInterval(() => {
  const held = queue.length;
  const job = queue.shift();
  if (job) parentPort.postMessage({ id: job.id, ok: true, text: String(held), invalidUtf8: false, layout: ${LAYOUT}, tagged: { spans: [] } });
}, 3);
`;
// The stage is chosen as the real thread chooses it (pipelined.ts, stageAt).
const IN_TURN = `
const { parentPort, workerData } = require('worker_threads');
const { stageAt } = require(${JSON.stringify(path.join(__dirname, '..', '..', 'server', 'src', 'cli', 'pipelined.js'))});
const fs = require('fs');
parentPort.on('message', (job) => {
  let text;
  try { text = fs.readFileSync(job.file, 'utf8'); } catch { return parentPort.postMessage({ id: job.id, ok: false, reason: 'no such file' }); }
  if (text === 'die') process.exit(7);
  if (text === 'crash') throw new Error('out of memory, say');
  const stage = stageAt(job.id, workerData);
  const tagged = stage === 'mentions' ? { mentions: [{ start: 0, end: 1, text: text.slice(0, 1), type: 'person' }] } : { spans: [] };
  parentPort.postMessage({ id: job.id, ok: true, text, invalidUtf8: text.includes('\\ufffd'), encoding: 'utf-8', layout: ${LAYOUT}, tagged });
});
`;

describe('dossier analyze: the two-thread pipeline', function () {
  this.timeout(60_000);
  let dir: string;
  let shuffling: string;
  let inTurn: string;
  let slow: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-pipeline-'));
    slow = path.join(dir, 'slow.js');
    fs.writeFileSync(slow, SLOW);
    shuffling = path.join(dir, 'shuffling.js');
    fs.writeFileSync(shuffling, SHUFFLING);
    inTurn = path.join(dir, 'inTurn.js');
    fs.writeFileSync(inTurn, IN_TURN);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const files = (texts: Array<string | null>) =>
    texts.map((t, i) => {
      const f = path.join(dir, `doc${i}.txt`);
      if (t !== null) fs.writeFileSync(f, t);
      else fs.rmSync(f, { force: true });
      return f;
    });

  const collect = async (
    names: string[],
    script: string,
    complete = (text: string, _layout: TextLayout, _tagged: Tagged) => emptyAnalysis(text),
    ahead = 4,
    behind = 2,
    budget = 1 << 20,
  ) => {
    let prepared = 0;
    const out: FileResult[] = [];
    const stages = () => {
      prepared++;
      return complete;
    };
    for await (const r of analyzePipelined(names, script, stages, Infinity, ahead, behind, budget)) out.push(r);
    return { out, prepared };
  };

  it('yields one result per file in input order, though the thread answers out of order', async () => {
    const texts = Array.from({ length: 30 }, (_, i) => `Text number ${i}.`);
    const names = files(texts);
    const { out, prepared } = await collect(names, shuffling, (text, _layout, tagged) => {
      const end = tagged.spans?.[0].end ?? 0;
      return { ...emptyAnalysis(text), tokens: [{ start: 0, end, text: text.slice(0, end) }] };
    });
    assert.strictEqual(prepared, 1);
    assert.deepStrictEqual(
      out.map((r) => r.file),
      names,
    );
    for (const [i, r] of out.entries()) {
      assert.ok(r.ok);
      assert.strictEqual(r.analysis.length, texts[i].length);
      assert.strictEqual(r.analysis.tokens[0].text, 'T');
    }
  });

  it('names a failed read, an analysis that throws here, and the warnings; the files after them are analysed', async () => {
    const names = files(['One.', null, 'Two \ufffd.', 'boom', 'Three.']);
    const { out } = await collect(names, inTurn, (text) => {
      if (text === 'boom') throw new Error('bad stage');
      return emptyAnalysis(text);
    });
    assert.deepStrictEqual(
      out.map((r) => (r.ok ? r.warnings.join('|') || 'ok' : r.reason)),
      ['ok', 'no such file', 'warning: not valid UTF-8, invalid bytes replaced', 'analysis failed: bad stage', 'ok'],
    );
  });

  it('a thread that dies fails the file it was on; a new thread takes the files after it', async () => {
    const names = files(['A.', 'B.', 'die', 'C.', 'D.', 'crash', 'E.', 'F.', 'G.']);
    const { out } = await collect(names, inTurn);
    assert.deepStrictEqual(
      out.map((r) => r.file),
      names,
    );
    assert.deepStrictEqual(
      out.map((r) => (r.ok ? 'ok' : r.reason)),
      ['ok', 'ok', 'analysis failed: the analysis thread exited (7)', 'ok', 'ok', 'analysis failed: out of memory, say', 'ok', 'ok', 'ok'],
    );
  });

  it('the stages split and joined give analyzeDocument, and the tagging job sends what the stages need', async () => {
    const res = loadResources();
    const seeds = fs.readdirSync(seedsDir).filter((f) => f.endsWith('.txt'));
    assert.ok(seeds.length > 0);
    for (const name of seeds) {
      const file = path.join(seedsDir, name);
      const text = fs.readFileSync(file, 'utf8');
      const whole = analyzeDocument(text, res);
      for (const stage of ['spans', 'mentions'] as const) {
        const job = await tagJob({ id: 3, file, maxBytes: Infinity }, stage);
        assert.ok(job.ok);
        assert.strictEqual(job.id, 3);
        assert.strictEqual(job.text, text);
        // Copied as a message is, between threads, the layout's buffers transferred.
        const { tagged, layout: packed } = structuredClone(
          { tagged: job.tagged, layout: job.layout },
          { transfer: layoutBuffers(job.layout) },
        );
        assert.strictEqual(job.layout.tokens.length, 0, 'transferred, not copied');
        const layout = unpackLayout(text, packed);
        assert.deepStrictEqual(layout, layoutText(text));
        if (stage === 'mentions') {
          assert.deepStrictEqual(tagged.mentions, tagMentions(text, layoutText(text), res));
          assert.deepStrictEqual(completeFromMentions(text, layout, tagged.mentions ?? [], res), whole);
        } else {
          assert.deepStrictEqual(tagged.spans, tagSpans(text, layoutText(text), res));
          assert.deepStrictEqual(completeFromSpans(text, layout, tagged.spans ?? [], res), whole);
        }
      }
    }
    assert.deepStrictEqual(await tagJob({ id: 4, file: path.join(dir, 'missing.txt'), maxBytes: Infinity }, 'spans'), {
      id: 4,
      ok: false,
      reason: 'no such file',
    });
  });

  const stageOf = (tagged: Tagged): TagStage => (tagged.mentions ? 'mentions' : 'spans');

  it('the tagging thread makes the mentions while results wait here, the spans when this thread keeps up', async () => {
    const names = files(Array.from({ length: 40 }, (_, i) => `Doc ${i}.`));
    const asked: TagStage[] = [];
    const slow = (text: string, _layout: TextLayout, tagged: Tagged) => {
      asked.push(stageOf(tagged));
      // This thread is the slower one: results pile up while it works.
      const until = Date.now() + 5;
      while (Date.now() < until);
      return emptyAnalysis(text);
    };
    const { out } = await collect(names, inTurn, slow, 16, 4);
    assert.ok(out.every((r) => r.ok));
    // The first files go out before any result has come back.
    assert.strictEqual(asked[0], 'spans');
    assert.ok(asked.includes('mentions'), asked.join(' '));
    const quick = await collect(
      names,
      inTurn,
      (text, _layout, tagged) => {
        asked.push(stageOf(tagged));
        return emptyAnalysis(text);
      },
      16,
      1000,
    );
    assert.ok(quick.out.every((r) => r.ok));
    assert.ok(asked.slice(40).every((a) => a === 'spans'));
  });

  it('the stage follows the results waiting on the completing thread when the tagging thread starts on a file', () => {
    assert.deepStrictEqual(
      [0, 3, 4, 100].map((waiting) => stageFor(waiting, 4)),
      ['spans', 'spans', 'mentions', 'mentions'],
    );
    const data = { progress: new SharedArrayBuffer(4), behind: 4 };
    // Completing file 10: files 11 to 13 (three) wait when 14 is started, 11 to 14 (four) when 15 is.
    Atomics.store(new Int32Array(data.progress), 0, 10);
    assert.deepStrictEqual(
      [10, 11, 14, 15, 30].map((id) => stageAt(id, data)),
      ['spans', 'spans', 'spans', 'mentions', 'mentions'],
    );
    // The completing thread moved on: the same file now has fewer waiting before it.
    Atomics.store(new Int32Array(data.progress), 0, 12);
    assert.strictEqual(stageAt(15, data), 'spans');
  });

  it('hands out files up to a budget of bytes in flight, and always one', async () => {
    const names = files(Array.from({ length: 12 }, () => 'x'.repeat(1000)));
    // The text of each result is the number of files the thread held (its length, 1 or 2 digits).
    const held = async (budget: number) => {
      const texts: string[] = [];
      await collect(names, slow, (text) => (texts.push(text), emptyAnalysis(text)), 8, 100, budget);
      return Math.max(...texts.map(Number));
    };
    assert.strictEqual(await held(10), 1);
    assert.strictEqual(await held(3500), 3);
    assert.ok((await held(1 << 20)) > 3);
  });

  it('finds the tagging thread script beside the code', () => {
    assert.ok(tagWorkerScript(path.join(__dirname, '..', '..', 'server', 'src', 'cli')));
    assert.strictEqual(tagWorkerScript(dir), null);
  });
  it('guesses from the arguments whether analyze will run the pipeline, as analyze decides', () => {
    const many = Array.from({ length: 16 }, (_, i) => `f${i}.txt`);
    assert.strictEqual(pipelineLikely(['analyze', '--json', ...many], 2), true);
    assert.strictEqual(pipelineLikely(['analyze', ...many], 2), true);
    assert.strictEqual(pipelineLikely(['analyze', '--json', '--min-confidence', '0.5', ...many], 2), true);
    assert.strictEqual(pipelineLikely(['analyze', '--json', '--jobs', '2', ...many], 8), true);
    assert.strictEqual(pipelineLikely(['analyze', '--json', '--', '--json', ...many], 2), true);
    // One core or --jobs 1, three threads, too few files, --jsonl, --cache, an unknown option, another command: no.
    assert.strictEqual(pipelineLikely(['analyze', '--json', ...many], 1), false);
    assert.strictEqual(pipelineLikely(['analyze', '--json', '-j', '1', ...many], 2), false);
    assert.strictEqual(pipelineLikely(['analyze', '--json', '--jobs=3', ...many], 4), false);
    assert.strictEqual(pipelineLikely(['analyze', '--json', ...many.slice(1)], 2), false);
    assert.strictEqual(pipelineLikely(['analyze', '--jsonl', ...many], 2), false);
    assert.strictEqual(pipelineLikely(['analyze', '--json', '--cache', 'dir', ...many], 2), false);
    assert.strictEqual(pipelineLikely(['analyze', '--json', '--claims-model', ...many], 2), false);
    assert.strictEqual(pipelineLikely(['analyze', '--jobs', 'x', ...many], 2), false);
    assert.strictEqual(pipelineLikely(['report', ...many], 2), false);
  });

  it('takes the tagging thread started early, once, and only for its own script and setting', async () => {
    const texts = Array.from({ length: 10 }, (_, i) => `Early ${i}.`);
    const names = files(texts);
    startTagThreadEarly(inTurn, 2);
    const seen: string[] = [];
    const { out } = await collect(names, inTurn, (text) => (seen.push(text), emptyAnalysis(text)));
    assert.ok(out.every((r) => r.ok));
    assert.deepStrictEqual(seen, texts);
    // The pipeline took it: there is none left to take.
    assert.strictEqual(takeEarlyTagThread(inTurn, 2), null);
    // Started for another setting: stopped, not taken; dropped when no pipeline asks.
    startTagThreadEarly(inTurn, 3);
    assert.strictEqual(takeEarlyTagThread(inTurn, 2), null);
    startTagThreadEarly(inTurn, 2);
    dropEarlyTagThread();
    assert.strictEqual(takeEarlyTagThread(inTurn, 2), null);
  });
});
