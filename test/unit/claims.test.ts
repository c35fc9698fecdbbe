import * as assert from 'assert';
import { loadClaimModel } from '../../server/src/workspace/resources';
import { detectClaims } from '../../server/src/analysis/claims';
import { findQuotes } from '../../server/src/analysis/claims/quotes';
import { CUE_FORMS } from '../../server/src/analysis/claims/lexicon';
import type { Claim } from '../../server/src/analysis/types';
import { claimInput, type Named } from './claimInput';
import { joinLines } from './util';

/*
 * Claims are detected over the document's tokens, structure and entity
 * mentions. The tests give the mentions by hand so that they exercise the
 * claim rules alone, not the tagger.
 */

function analyse(text: string, names: Named[] = []): Claim[] {
  return detectClaims({ ...claimInput(text, names, { aliases: true }), model: loadClaimModel() });
}

function find(claims: Claim[], content: string): Claim {
  const c = claims.find((x) => x.text === content);
  assert.ok(c, `no claim with content ${JSON.stringify(content)}; got ${JSON.stringify(claims.map((x) => x.text))}`);
  return c;
}

/** The claim with this content in a one-sentence article must have this source span, as written. */
function assertSource(sentence: string, names: Named[], content: string, source: string): void {
  const text = joinLines('Report', '', sentence);
  const c = find(analyse(text, names), content);
  assert.strictEqual(c.source && text.slice(c.source.start, c.source.end), source, sentence);
}

describe('detectClaims', () => {
  it('takes indirect speech after "that", with the named source and its id', () => {
    const text = joinLines(
      'Talks Stall',
      '',
      'Mira Kovac, the head of the budget committee, said on Monday that the city could run out of money by June.',
    );
    const claims = analyse(text, [['Mira Kovac', 'person', 'mira-kovac']]);
    const c = find(claims, 'the city could run out of money by June');
    assert.strictEqual(c.cue?.text, 'said');
    assert.ok(c.source && text.slice(c.source.start, c.source.end).includes('Mira Kovac'));
    assert.strictEqual(c.speaker, 'mira-kovac');
    assert.strictEqual(c.form, 'indirect');
    assert.strictEqual(c.section, 'article');
    assert.strictEqual(text.slice(c.start, c.end), c.text);
  });

  it('attributes a quote followed by "he told …" to the person named before', () => {
    const text = joinLines(
      'Talks Stall',
      '',
      'Omar Haddad said the deal was dead.',
      '',
      '"We will not sign anything this year," he told the Evening Post.',
    );
    const claims = analyse(text, [
      ['Omar Haddad', 'person', 'omar-haddad'],
      ['Evening Post', 'organization', 'evening-post'],
    ]);
    const c = find(claims, '"We will not sign anything this year,"');
    assert.strictEqual(c.source?.text, 'he');
    assert.strictEqual(c.cue?.text, 'told');
    assert.strictEqual(c.speaker, 'omar-haddad');
    assert.strictEqual(c.form, 'direct');
  });

  it('handles postposed sources with curly quotes and joins the continuation quote', () => {
    const text = joinLines('Talks Stall', '', '“The budget is broken,” said Senator Ruth Vale. “Nobody wants to admit it.”');
    const claims = analyse(text, [['Ruth Vale', 'person', 'ruth-vale']]);
    const c = find(claims, '“The budget is broken,” said Senator Ruth Vale. “Nobody wants to admit it.”');
    assert.strictEqual(c.cue?.text, 'said');
    assert.strictEqual(c.speaker, 'ruth-vale');
  });

  it('continues a quote across paragraphs when the next paragraph reopens it', () => {
    const text = joinLines(
      'Talks Stall',
      '',
      'Ruth Vale said:',
      '',
      '“The first problem is the deficit, which nobody will fix.',
      '',
      '“The second problem is the pension fund.”',
      '',
      'The vote is on Friday.',
    );
    const quotes = findQuotes(text);
    assert.strictEqual(quotes.length, 1);
    assert.strictEqual(text.slice(quotes[0].start, quotes[0].end), text.slice(text.indexOf('“The first'), text.indexOf('fund.”') + 6));
    const claims = analyse(text, [['Ruth Vale', 'person', 'ruth-vale']]);
    const c = find(claims, text.slice(quotes[0].start, quotes[0].end));
    assert.strictEqual(c.speaker, 'ruth-vale');
  });

  it('reads "according to X" before and after the content', () => {
    const text = joinLines(
      'Prices',
      '',
      'Bread prices rose by a third last year, according to the Daily Ledger.',
      '',
      'According to the ministry, exports fell sharply.',
    );
    const claims = analyse(text, [['Daily Ledger', 'organization', 'daily-ledger']]);
    const a = find(claims, 'Bread prices rose by a third last year');
    assert.strictEqual(a.cue?.text, 'according to');
    assert.strictEqual(a.source?.text, 'the Daily Ledger');
    assert.strictEqual(a.speaker, 'daily-ledger');
    assert.strictEqual(a.form, 'according-to');
    const b = find(claims, 'exports fell sharply');
    assert.strictEqual(b.source?.text, 'the ministry');
  });

  it('records sourceless allegations with "allegedly" as cue and hedge', () => {
    const text = joinLines('Border', '', 'Officials met after the army had allegedly crossed the border.');
    const claims = analyse(text);
    const c = find(claims, 'the army had allegedly crossed the border');
    assert.strictEqual(c.cue?.text, 'allegedly');
    assert.strictEqual(c.source, null);
    assert.strictEqual(c.speaker, null);
    assert.deepStrictEqual(c.hedges, ['allegedly']);
  });

  it('reads "X described Y as Z" and "reports suggest that"', () => {
    const text = joinLines(
      'Border',
      '',
      'On Sunday, Carthage described the move as "a grave provocation."',
      '',
      'Numerous reports suggest that the troops may stay until spring.',
    );
    const claims = analyse(text, [['Carthage', 'city', 'carthage']]);
    const a = find(claims, 'the move as "a grave provocation."');
    assert.strictEqual(a.cue?.text, 'described');
    assert.strictEqual(a.speaker, 'carthage');
    const b = find(claims, 'the troops may stay until spring');
    assert.strictEqual(b.source?.text, 'Numerous reports');
    assert.strictEqual(b.speaker, null);
    assert.ok(b.hedges.includes('may'));
  });

  it('resolves a definite description to the latest entity of its kind', () => {
    const text = joinLines(
      'Border',
      '',
      'The Morning Courier ran the story first.',
      '',
      'Later the newspaper reported that two ministers had resigned.',
      '',
      'Mira Kovac spoke next. The parliamentarian reiterated that the vote would go ahead.',
    );
    const claims = analyse(text, [
      ['Morning Courier', 'organization', 'morning-courier'],
      ['Mira Kovac', 'person', 'mira-kovac'],
    ]);
    assert.strictEqual(find(claims, 'two ministers had resigned').speaker, 'morning-courier');
    assert.strictEqual(find(claims, 'the vote would go ahead').speaker, 'mira-kovac');
  });

  it('gives "a spokesman for X" the organisation and leaves anonymous sources unresolved', () => {
    const text = joinLines(
      'Border',
      '',
      '"We are ready," a spokesman for the Northern Alliance said.',
      '',
      'Another committee member said the talks had failed.',
    );
    const claims = analyse(text, [['Northern Alliance', 'organization', 'northern-alliance']]);
    assert.strictEqual(find(claims, '"We are ready,"').speaker, 'northern-alliance');
    const b = find(claims, 'the talks had failed');
    assert.strictEqual(b.source?.text, 'Another committee member');
    assert.strictEqual(b.speaker, null);
  });

  it('ignores scare quotes, the author’s own views and questions', () => {
    const text = joinLines(
      'Border',
      '',
      'The town was "liberated" a decade ago.',
      '',
      'We believe this is a mistake. What will the council do next?',
      '',
      'You might ask why.',
    );
    assert.deepStrictEqual(analyse(text), []);
  });

  it('attributes a block quote to the outlet that introduces it', () => {
    const text = joinLines(
      'Border',
      '',
      "Here's the Daily Ledger (which broke the story):",
      '',
      'The government said on Wednesday that it had not requested help.',
      '',
      '',
      'The announcement came a day after the minister resigned.',
    );
    const claims = analyse(text, [['Daily Ledger', 'organization', 'daily-ledger']]);
    const bq = claims.find((c) => c.form === 'blockquote');
    assert.ok(bq, JSON.stringify(claims.map((c) => c.text)));
    assert.strictEqual(bq.cue?.text, "Here's");
    assert.strictEqual(bq.speaker, 'daily-ledger');
    assert.ok(bq.text.startsWith('The government said on Wednesday'));
    assert.ok(bq.text.endsWith('the minister resigned.'));
    // The nested claim inside the block quote is found too.
    assert.ok(find(claims, 'it had not requested help'));
  });

  it('detects claims in reader comments with their section and handle', () => {
    const text = joinLines(
      'Border',
      '',
      'By Jane Roe',
      '',
      'The vote is on Friday.',
      '',
      'Turnout is expected to be low.',
      '',
      'Comment viewing options',
      '',
      "reader1's picture",
      'Ruth Vale said the budget was a fraud.',
    );
    const claims = analyse(text, [['Ruth Vale', 'person', 'ruth-vale']]);
    const c = find(claims, 'the budget was a fraud');
    assert.strictEqual(c.section, 'comments');
    assert.strictEqual(c.handle, 'reader1');
  });

  it('splits coordinated cues that share a subject', () => {
    const text = joinLines('Border', '', 'The president condemned the deployment as a violation and demanded that the troops leave.');
    const claims = analyse(text);
    assert.ok(find(claims, 'the deployment as a violation').source?.text.includes('president'));
    assert.strictEqual(find(claims, 'the troops leave').cue?.text, 'demanded');
  });

  it('lists every inflection of its cue verbs', () => {
    for (const w of ['say', 'says', 'said', 'saying', 'tell', 'told', 'claimed', 'believes', 'threatening', 'urged', 'denied', 'vowed']) {
      assert.ok(CUE_FORMS.has(w), w);
    }
  });

  it('stays linear on pathological input', function () {
    this.timeout(20000);
    const marks = '"'.repeat(100000);
    const long = 'x'.repeat(100000);
    const text = joinLines('T', '', `He said that ${marks} and ${long} said “${'“'.repeat(50000)} ${'said '.repeat(20000)}`);
    const t0 = Date.now();
    analyse(text);
    assert.ok(Date.now() - t0 < 10000, `took ${Date.now() - t0} ms`);
  });

  it('takes a postposed source with a long appositive, and a short description ending the sentence', () => {
    const text = joinLines(
      'Ad Campaign',
      '',
      'The first television ad could start this week, said Lena Ortiz, a longtime adviser to the family who oversees the campaign.',
      '',
      'The meeting deteriorated from there, said one source in the room.',
    );
    const claims = analyse(text, [['Lena Ortiz', 'person', 'lena-ortiz']]);
    const ad = find(claims, 'The first television ad could start this week');
    assert.strictEqual(ad.speaker, 'lena-ortiz');
    assert.ok(ad.source && text.slice(ad.source.start, ad.source.end).startsWith('Lena Ortiz, a longtime adviser'));
    const meeting = find(claims, 'The meeting deteriorated from there');
    assert.strictEqual(meeting.source && text.slice(meeting.source.start, meeting.source.end), 'one source in the room');
  });

  it('keeps the quote as content when "that" after the cue starts a relative clause, not a report', () => {
    const text = joinLines(
      'Summit',
      '',
      '"We are in a critical situation," Chancellor Anna Berg told reporters after the meeting that was held on a boat.',
    );
    const c = find(analyse(text, [['Anna Berg', 'person', 'anna-berg']]), '"We are in a critical situation,"');
    assert.strictEqual(c.cue?.text, 'told');
    assert.strictEqual(c.speaker, 'anna-berg');
  });

  it('takes a pasted quotation whose marks do not pair up, signed with a dash at the end of its paragraph', () => {
    const text = joinLines(
      'Readers Respond',
      '',
      '”The candidate embodies everything that is wrong with our politics today.” ― Ana Ruiz',
      '',
      'Next paragraph.',
    );
    const c = find(
      analyse(text, [['Ana Ruiz', 'person', 'ana-ruiz']]),
      '”The candidate embodies everything that is wrong with our politics today.”',
    );
    assert.strictEqual(c.cue?.text, '―');
    assert.strictEqual(c.speaker, 'ana-ruiz');
  });

  it('reads "polls show …" as a report, and a time phrase before a comma is no appositive of the source', () => {
    const text = joinLines(
      'Polls',
      '',
      'Polling averages show Clinton with a narrow lead.',
      '',
      'Donations reached $1 billion through the end of August, a new analysis shows.',
    );
    const claims = analyse(text, [['Clinton', 'person', 'clinton']]);
    assert.strictEqual(find(claims, 'Clinton with a narrow lead').cue?.text, 'show');
    const d = find(claims, 'Donations reached $1 billion through the end of August');
    assert.strictEqual(d.source && text.slice(d.source.start, d.source.end), 'a new analysis');
  });

  it('finds the source past adverbs, dashed asides, participle asides and a trailing possessive, and "Said X, “…”"', () => {
    const cases: Array<[string, Named[], string, string]> = [
      ['Carter however said he would welcome the talks.', [['Carter', 'person', 'carter']], 'he would welcome the talks', 'Carter'],
      [
        'The budget office said about half of the losses came from tax cuts.',
        [],
        'about half of the losses came from tax cuts',
        'The budget office',
      ],
      [
        'Speakers at the service — including Muslims, Christians and Jews — said the loss is painful.',
        [],
        'the loss is painful',
        'the service — including Muslims, Christians and Jews',
      ],
      [
        'Delegate Mary Susan, clad in a red cape with lights that formed a name, said the convention could fail.',
        [['Mary Susan', 'person', 'mary-susan']],
        'the convention could fail',
        'Delegate Mary Susan',
      ],
      [
        "Paul Begala, a friend of the couple's, said that the campaign is strong.",
        [['Paul Begala', 'person', 'paul-begala']],
        'the campaign is strong',
        "Paul Begala, a friend of the couple's",
      ],
      [
        '"The state is proud to vote for him!" US Senator Jeff Sessions said as he opened the vote.',
        [['Jeff Sessions', 'person', 'jeff-sessions']],
        '"The state is proud to vote for him!"',
        'US Senator Jeff Sessions',
      ],
      [
        'Said Dora Poynter, who grew up with him, "We were all so proud of him."',
        [['Dora Poynter', 'person', 'dora-poynter']],
        '"We were all so proud of him."',
        'Dora Poynter, who grew up with him',
      ],
    ];
    for (const [sentence, names, content, source] of cases) assertSource(sentence, names, content, source);
  });

  it('does not take a clause for a short description after ", said"', () => {
    const text = joinLines('Report', '', 'Delegate Mary Susan, clad in a red cape, said the convention could be a failure.');
    const claims = analyse(text, [['Mary Susan', 'person', 'mary-susan']]);
    assert.ok(
      !claims.some((c) => c.source && text.slice(c.source.start, c.source.end).startsWith('the convention')),
      JSON.stringify(claims.map((c) => c.source)),
    );
  });

  it('takes "“…,” he continued", "told the Post he …", and the question in "Asked whether …, X said"', () => {
    const text = joinLines(
      'Report',
      '',
      'Mira Kovac spoke first. "Let me put it this way," she continued.',
      '',
      'Omar Haddad told the National Post he had received hundreds of emails.',
      '',
      'Asked by Tom Reyes whether he would run again, Haddad said no.',
    );
    const claims = analyse(text, [
      ['Mira Kovac', 'person', 'mira-kovac'],
      ['Omar Haddad', 'person', 'omar-haddad'],
      ['Haddad', 'person', 'omar-haddad'],
      ['Tom Reyes', 'person', 'tom-reyes'],
    ]);
    assert.strictEqual(find(claims, '"Let me put it this way,"').cue?.text, 'continued');
    assert.strictEqual(find(claims, 'he had received hundreds of emails').speaker, 'omar-haddad');
    const asked = find(claims, 'whether he would run again');
    assert.strictEqual(asked.cue?.text, 'Asked');
    assert.strictEqual(asked.speaker, 'tom-reyes');
  });

  it('pairs a straight opening mark with a curly closing one, and takes a titled source after "said"', () => {
    const text = joinLines('Report', '', '"October provided a resurgence for her,” said former Obama adviser David Axelrod.');
    const c = find(
      analyse(text, [
        ['Obama', 'person', 'obama'],
        ['David Axelrod', 'person', 'david-axelrod'],
      ]),
      '"October provided a resurgence for her,”',
    );
    assert.strictEqual(c.source && text.slice(c.source.start, c.source.end), 'former Obama adviser David Axelrod');
    assert.strictEqual(c.speaker, 'david-axelrod');
  });

  it('takes quantifiers and poll shares as sources, and content after "said that, during …,"', () => {
    const cases: Array<[string, string, string]> = [
      ['Several said they would rather fund public schools.', 'they would rather fund public schools', 'Several'],
      ['On economic issues, 42% say they are liberal.', 'they are liberal', '42%'],
      ['Officials said that, during the period, the firm was helping.', 'during the period, the firm was helping', 'Officials'],
      [
        'The ground is friendly, said a handful of Democrats who point to his record.',
        'The ground is friendly',
        'a handful of Democrats who point to his record',
      ],
    ];
    for (const [sentence, content, source] of cases) assertSource(sentence, [], content, source);
  });

  it('reads "accused X of Y", "X hopes …" and "self-described …" as claims, but not "their hopes"', () => {
    const text = joinLines(
      'Report',
      '',
      'Mira Kovac accused him of sexism.',
      '',
      'Omar Haddad hopes his endorsement will help.',
      '',
      'Their hopes were dashed.',
      '',
      'Haddad, a self-described democratic socialist, spoke.',
    );
    const claims = analyse(text, [
      ['Mira Kovac', 'person', 'mira-kovac'],
      ['Omar Haddad', 'person', 'omar-haddad'],
      ['Haddad', 'person', 'omar-haddad'],
    ]);
    assert.strictEqual(find(claims, 'him of sexism').speaker, 'mira-kovac');
    assert.strictEqual(find(claims, 'his endorsement will help').cue?.text, 'hopes');
    assert.strictEqual(find(claims, 'democratic socialist').cue?.text, 'self-described');
    assert.ok(!claims.some((c) => c.cue?.text === 'hopes' && c.text.includes('dashed')));
  });

  it('reports the question in "X was asked (by Y) whether …" and "was asked, “…”"', () => {
    const text = joinLines(
      'Report',
      '',
      'Rubio was asked by moderator Gerard Baker whether the plan would add debt.',
      '',
      'Blumenthal was asked, "Would you have told her?"',
    );
    const claims = analyse(text, [['Gerard Baker', 'person', 'gerard-baker']]);
    assert.strictEqual(find(claims, 'whether the plan would add debt').speaker, 'gerard-baker');
    assert.strictEqual(find(claims, '"Would you have told her?"').cue?.text, 'was asked');
  });
});
