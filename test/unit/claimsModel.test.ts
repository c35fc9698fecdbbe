import * as assert from 'assert';
import { engineData, loadClaimModel } from '../../server/src/workspace/resources';
import { detectClaims, patternClaims } from '../../server/src/analysis/claims';
import { scoreClaim } from '../../server/src/analysis/claims/score';
import { WORD_CLASSES } from '../../server/src/analysis/claims/words';
import { CUE_VERBS, EXTRA_CUE_FORMS, LEXICON_LISTS } from '../../server/src/analysis/claims/lexicon';
import { buildContext, type ClaimContext } from '../../server/src/analysis/claims/context';
import { decodeClaims, tagsOfSpans } from '../../server/src/analysis/claims/decode';
import type { Tagging } from '../../server/src/analysis/claims/model';
import { resolveSpeaker } from '../../server/src/analysis/claims/speaker';
import { B_CON, B_CUE, B_SRC, CLAIM_TAGS, I_CON, NUM_TAGS, O, TAGS } from '../../server/src/analysis/claims/tags';
import { seededRandom, trainSequencePerceptron, viterbi } from '../../server/src/analysis/learn/sequence';
import { claimInput, type Named } from './claimInput';
import { joinLines } from './util';

/*
 * The trained claims model: the tag decode keeps PolNeAR's constraints (one
 * role per token, one attribution per token), speakers resolve to compatible
 * entities, and every claim carries a score.
 */

function input(text: string, names: Named[] = []) {
  return { ...claimInput(text, names, { aliases: false }), model: loadClaimModel(), scores: engineData().claimScores };
}

function context(text: string, names: Named[] = []): ClaimContext {
  const i = input(text, names);
  return buildContext(i.text, i.tokens, i.sentences, i.structure, i.mentions, i.entities);
}

/** A tagging whose emissions favour the given tag of each token by a margin of 1. */
function tagging(tags: number[]): Tagging {
  const emit = new Float32Array(tags.length * NUM_TAGS);
  tags.forEach((t, k) => (emit[k * NUM_TAGS + t] = 1));
  return { tags: Uint8Array.from(tags), emit };
}

function tokenIndex(ctx: ClaimContext, word: string, from = 0): number {
  const k = ctx.tokens.findIndex((t, i) => i >= from && t.text === word);
  assert.ok(k >= 0, `no token ${word}`);
  return k;
}

describe('claims model: decode constraints', () => {
  it('Viterbi never puts an inside tag after a different role (one role per token, valid spans)', () => {
    const random = seededRandom(7);
    const n = 40;
    const out = new Uint8Array(n);
    const score = new Float64Array(n * NUM_TAGS);
    const back = new Uint8Array(n * NUM_TAGS);
    for (let trial = 0; trial < 50; trial++) {
      const emit = Float32Array.from({ length: n * NUM_TAGS }, () => random() * 4 - 2);
      const trans = Float32Array.from({ length: (NUM_TAGS + 1) * NUM_TAGS }, () => random() * 2 - 1);
      viterbi(CLAIM_TAGS, emit, trans, n, out, score, back);
      for (let k = 0; k < n; k++) {
        const prev = k === 0 ? NUM_TAGS : out[k - 1];
        assert.ok(CLAIM_TAGS.allowed[prev * NUM_TAGS + out[k]], `${k === 0 ? 'start' : TAGS[prev]} → ${TAGS[out[k]]}`);
      }
    }
  });

  it('gives each token one tag when role spans overlap: cue over source over content', () => {
    const text = 'Ana Ruiz said the plan failed.';
    const ctx = context(text);
    const tags = tagsOfSpans(ctx, [
      { role: 'content', start: 0, end: text.length - 1 },
      { role: 'source', start: 0, end: 8 },
      { role: 'cue', start: 9, end: 13 },
    ]);
    assert.deepStrictEqual(
      Array.from(tags, (t) => TAGS[t]),
      ['B-SRC', 'I-SRC', 'B-CUE', 'B-CON', 'I-CON', 'I-CON', 'O'],
    );
  });

  it('joins every source and content span to exactly one cue: a token is in at most one attribution', () => {
    const text = 'Ana Ruiz said taxes rose and Tom Reyes said prices fell.';
    const ctx = context(text);
    const tags = new Array<number>(ctx.tokens.length).fill(O);
    const set = (word: string, tag: number, from = 0) => (tags[tokenIndex(ctx, word, from)] = tag);
    set('Ana', B_SRC);
    tags[1] = B_SRC + 1;
    set('said', B_CUE);
    set('taxes', B_CON);
    set('rose', I_CON);
    set('Tom', B_SRC);
    tags[tokenIndex(ctx, 'Reyes')] = B_SRC + 1;
    const secondSaid = tokenIndex(ctx, 'said', 3);
    tags[secondSaid] = B_CUE;
    set('prices', B_CON);
    set('fell', I_CON);
    const claims = decodeClaims(ctx, tagging(tags), { bias: 0, cue: 1, content: 1, source: 0 });
    assert.strictEqual(claims.length, 2);
    assert.deepStrictEqual(
      claims.map((c) => [text.slice(c.content.start, c.content.end), c.source && ctx.tokens[c.source[0]].text]),
      [
        ['taxes rose', 'Ana'],
        ['prices fell', 'Tom'],
      ],
    );
    const used = new Map<number, number>();
    claims.forEach((c, i) => {
      for (const [a, b] of [
        [c.content.start, c.content.end],
        [c.cue!.start, c.cue!.end],
      ]) {
        for (let x = a; x < b; x++) {
          assert.ok(!used.has(x) || used.get(x) === i, `character ${x} is in two attributions`);
          used.set(x, i);
        }
      }
    });
    for (const c of claims) assert.ok(c.score !== undefined && c.score > 0 && c.score < 1);
  });

  it("joins a cue's content runs across its cue and source, but not a far run whose own cue was missed", () => {
    const text = '"Taxes rose," Ana Ruiz said, "and prices fell." Critics later described the plan as a failure of the whole government.';
    const ctx = context(text);
    const tags = new Array<number>(ctx.tokens.length).fill(O);
    const run = (from: string, to: string, b: number) => {
      const a = tokenIndex(ctx, from);
      const e = tokenIndex(ctx, to, a);
      for (let k = a; k <= e; k++) tags[k] = k === a ? b : b + 1;
    };
    run('Taxes', 'rose', B_CON);
    run('Ana', 'Ruiz', B_SRC);
    run('said', 'said', B_CUE);
    run('and', 'fell', B_CON);
    // "described" is not tagged as a cue: its content is more than a few words away from "said"'s.
    run('a', 'government', B_CON);
    const claims = decodeClaims(ctx, tagging(tags), { bias: 0, cue: 1, content: 1, source: 0 });
    assert.deepStrictEqual(
      claims.map((c) => text.slice(c.content.start, c.content.end)),
      ['Taxes rose," Ana Ruiz said, "and prices fell'],
    );
  });

  it('drops a cue without content and content without a cue', () => {
    const text = 'Ana Ruiz said nothing. The plan failed.';
    const ctx = context(text);
    const tags = new Array<number>(ctx.tokens.length).fill(O);
    tags[tokenIndex(ctx, 'said')] = B_CUE;
    tags[tokenIndex(ctx, 'plan')] = B_CON;
    assert.strictEqual(decodeClaims(ctx, tagging(tags), { bias: 0, cue: 1, content: 1, source: 0 }).length, 1);
    tags[tokenIndex(ctx, 'said')] = O;
    assert.strictEqual(decodeClaims(ctx, tagging(tags), { bias: 0, cue: 1, content: 1, source: 0 }).length, 0);
  });

  it('learns a toy tagging with the averaged perceptron, deterministically', () => {
    // Token features: 0 = "said", 1 = any other word; gold: "said" is B-CUE, the word after it B-CON.
    const words = [1, 0, 1, 1, 0, 1, 1, 1, 0, 1];
    const gold = Uint8Array.from(words.map((w, i) => (w === 0 ? B_CUE : i > 0 && words[i - 1] === 0 ? B_CON : O)));
    const feats = Int32Array.from(words.flatMap((w, i) => [w, i > 0 ? 2 + words[i - 1] : -1]));
    const set = { feats, featuresPerToken: 2, gold, sequences: Int32Array.from([0, 5, 5, 10]), numFeatures: 4 };
    const a = trainSequencePerceptron(CLAIM_TAGS, set, { epochs: 5, seed: 1 });
    const b = trainSequencePerceptron(CLAIM_TAGS, set, { epochs: 5, seed: 1 });
    assert.deepStrictEqual(Array.from(a.weights), Array.from(b.weights));
    const emit = new Float32Array(words.length * NUM_TAGS);
    for (let t = 0; t < words.length; t++) {
      for (const f of [feats[2 * t], feats[2 * t + 1]]) {
        if (f >= 0) for (let l = 0; l < NUM_TAGS; l++) emit[t * NUM_TAGS + l] += a.weights[f * NUM_TAGS + l];
      }
    }
    const out = new Uint8Array(words.length);
    viterbi(
      CLAIM_TAGS,
      emit,
      a.transitions,
      words.length,
      out,
      new Float64Array(words.length * NUM_TAGS),
      new Uint8Array(words.length * NUM_TAGS),
    );
    assert.deepStrictEqual(Array.from(out), Array.from(gold));
  });
});

describe('claims model: speakers', () => {
  const names: Named[] = [
    ['Ana Ruiz', 'person', 'ana-ruiz'],
    ['Tom Reyes', 'person', 'tom-reyes'],
    ['Acme Corp', 'organization', 'acme-corp'],
    ['Iraq', 'country', 'iraq'],
  ];

  function speakerOf(text: string, pronoun: string, from = 0): string | null {
    const ctx = context(text, names);
    const k = ctx.tokens.findIndex((t, i) => i >= from && t.text === pronoun);
    return resolveSpeaker(ctx, k, k + 1, { lastPerson: null });
  }

  it('resolves he and she to the nearest person before them', () => {
    const text = 'Ana Ruiz met Acme Corp. Later Tom Reyes arrived. He said the deal was off.';
    assert.strictEqual(speakerOf(text, 'He'), 'tom-reyes');
  });

  it('resolves it to the nearest organisation or country, not a person', () => {
    assert.strictEqual(speakerOf('Acme Corp hired Ana Ruiz. It said profits rose.', 'It'), 'acme-corp');
    assert.strictEqual(speakerOf('Ana Ruiz visited Iraq. It said the border was open.', 'It'), 'iraq');
  });

  it('resolves they to a nearby organisation or country', () => {
    assert.strictEqual(speakerOf('Acme Corp cut jobs. They said costs rose.', 'They'), 'acme-corp');
  });

  it('leaves a pronoun without a compatible antecedent unresolved (null), never the pronoun itself', () => {
    assert.strictEqual(speakerOf('Ana Ruiz left. It said nothing.', 'It'), null);
    assert.strictEqual(speakerOf('The weather was bad. They said the road was closed.', 'They'), null);
    assert.strictEqual(speakerOf('The weather was bad. He said the road was closed.', 'He'), null);
  });
});

describe('claims model: scores', () => {
  it('gives every claim a score in 0..1', () => {
    const text = joinLines('Talks Stall', '', 'Ana Ruiz said on Monday that the city could run out of money by June.');
    const claims = detectClaims(input(text, [['Ana Ruiz', 'person', 'ana-ruiz']]));
    assert.ok(claims.length > 0);
    for (const c of claims) assert.ok(typeof c.score === 'number' && c.score >= 0 && c.score <= 1, `score ${c.score}`);
  });

  it('halves the score of a reader comment claim without a real attribution cue', () => {
    const text = joinLines(
      'Border Talks',
      '',
      'The minister said the border would open on Monday.',
      '',
      '3 Responses',
      '',
      '  1. The minister said the border would open on Monday.',
      '',
      '  2. Iraq better call US to help them fight the militias.',
    );
    const claims = detectClaims(input(text, [['Iraq', 'country', 'iraq']]));
    const said = claims.filter((c) => c.cue?.text === 'said');
    const article = said.find((c) => c.section === 'article');
    const comment = said.find((c) => c.section === 'comments');
    assert.ok(article && comment, JSON.stringify(claims.map((c) => [c.section, c.cue?.text])));
    // The same reported speech keeps its score in a comment: "said" is a real attribution cue.
    assert.ok(Math.abs(article.score! - comment.score!) < 0.1, `${article.score} vs ${comment.score}`);
    const call = claims.find((c) => c.cue?.text === 'call');
    assert.ok(!call || (call.section === 'comments' && call.score! <= 0.5), JSON.stringify(call));
  });

  it('scores a document the same whatever the process analysed before it (feature codes do not depend on history)', () => {
    const text = joinLines('Talks Stall', '', 'Ana Ruiz said on Monday that the city could run out of money by June.');
    const first = detectClaims(input(text, [['Ana Ruiz', 'person', 'ana-ruiz']]));
    detectClaims(input(joinLines('Vote', '', 'Critics warned, alleged and insisted that the vote was rigged, he hopes.')));
    const again = detectClaims(input(text, [['Ana Ruiz', 'person', 'ana-ruiz']]));
    assert.deepStrictEqual(again, first);
  });

  it("without a model, gives the rule patterns' claims scored by the table alone", () => {
    const text = joinLines('Talks Stall', '', 'Ana Ruiz said on Monday that the city could run out of money by June.');
    const { model: _model, ...rest } = input(text, [['Ana Ruiz', 'person', 'ana-ruiz']]);
    const claims = detectClaims(rest);
    assert.deepStrictEqual(claims, patternClaims(rest));
    const said = claims.find((c) => c.cue?.text === 'said');
    assert.ok(said, JSON.stringify(claims));
    assert.strictEqual(said.score, scoreClaim(engineData().claimScores, said));
  });
});

describe('claims word classes', () => {
  it('are lowercase data with each word once per class', () => {
    const classes: [string, readonly string[]][] = [
      ...Object.entries(WORD_CLASSES),
      ...Object.entries(LEXICON_LISTS),
      ['EXTRA_CUE_FORMS', EXTRA_CUE_FORMS],
      ['CUE_VERBS', CUE_VERBS.map((v) => v.lemma)],
    ];
    for (const [name, words] of classes) {
      const repeated = words.filter((w, i) => words.indexOf(w) !== i);
      assert.deepStrictEqual(repeated, [], `${name} repeats a word`);
      for (const w of words) assert.strictEqual(w, w.toLowerCase(), `${name}: ${w}`);
    }
  });

  it("include the lexicon's sets", () => {
    for (const name of ['PASSIVE_REPORT', 'CUE_NOUNS', 'HEDGES', 'PERSON_NOUNS', 'ORG_NOUNS', 'NOUN_FORMS'])
      assert.ok(LEXICON_LISTS[name]?.length, name);
  });
});
