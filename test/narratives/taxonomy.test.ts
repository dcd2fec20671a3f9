import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { parse } from 'yaml';
import {
  loadTaxonomy, validateTaxonomy, importLabelList, taxonomyToYaml, toSemEvalLabels, indexTaxonomy, disarmTechniqueIds,
  nodeByLabel, describeTaxonomy, listTaxonomies, TaxonomyError, formatIssue, validateTaxonomyFile, TAXONOMY_DIR,
} from '../../src/narratives/taxonomy.ts';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DISARM = '../shared/standards/disarm/DISARM.json';

// The SemEval-2025 Task 10 subtask-2 URW label set: 11 narratives, 49 sub-narratives (38 named + 11 "Other").
const SUBS: Record<string, string[]> = {
  'Amplifying war-related fears': ['By continuing the war we risk WWIII', 'NATO should/will directly intervene',
    'Russia will also attack other countries', 'There is a real possibility that nuclear weapons will be employed'],
  'Blaming the war on others rather than the invader': ['The West are the aggressors', 'Ukraine is the aggressor'],
  'Discrediting the West, Diplomacy': ['Diplomacy does/will not work', 'The EU is divided',
    'The West does not care about Ukraine, only about its interests', 'The West is overreacting', 'The West is weak',
    'West is tired of Ukraine'],
  'Discrediting Ukraine': ['Discrediting Ukrainian government and officials and policies', 'Discrediting Ukrainian military',
    'Discrediting Ukrainian nation and society', 'Rewriting Ukraine’s history', 'Situation in Ukraine is hopeless',
    'Ukraine is a hub for criminal activities', 'Ukraine is a puppet of the West', 'Ukraine is associated with nazism'],
  'Distrust towards Media': ['Ukrainian media cannot be trusted', 'Western media is an instrument of propaganda'],
  'Hidden plots by secret schemes of powerful groups': [],
  'Negative Consequences for the West': ['Sanctions imposed by Western countries will backfire',
    'The conflict will increase the Ukrainian refugee flows to Europe'],
  'Overpraising the West': ['NATO will destroy Russia', 'The West belongs in the right side of history',
    'The West has the strongest international support'],
  'Praise of Russia': ['Praise of Russian military might', 'Praise of Russian President Vladimir Putin',
    'Russia has international support from a number of countries and people', 'Russia is a guarantor of peace and prosperity',
    'Russian invasion has strong national support'],
  'Russia is the Victim': ['Russia actions in Ukraine are only self-defence', 'The West is russophobic', 'UA is anti-RU extremists'],
  'Speculating war outcomes': ['Russian army is collapsing', 'Russian army will lose all the occupied territories', 'Ukrainian army is collapsing'],
};

test('urw ships the exact SemEval-2025 subtask-2 label set', () => {
  const t = loadTaxonomy('urw');
  const ix = indexTaxonomy(t);
  const coarse = t.narratives.filter((n) => ix.depth.get(n.id) === 0).map((n) => n.label).sort();
  const fine = t.narratives.filter((n) => ix.depth.get(n.id) === 1).map((n) => n.label).sort();
  const expCoarse = Object.keys(SUBS).map((k) => `URW: ${k}`).sort();
  const expFine = Object.entries(SUBS).flatMap(([k, subs]) => [...subs, 'Other'].map((s) => `URW: ${k}: ${s}`)).sort();
  assert.equal(coarse.length, 11);
  assert.equal(fine.length, 49);
  assert.deepEqual(coarse, expCoarse);
  assert.deepEqual(fine, expFine);
  assert.equal(t.otherLabel, 'Other');
  // every "<Narrative>: Other" is flagged as such
  for (const n of t.narratives) assert.equal(!!n.other, n.label.endsWith(': Other'), n.id);
  // the ASCII apostrophe variant resolves too
  assert.equal(nodeByLabel(t, "URW: Discrediting Ukraine: Rewriting Ukraine's history")?.id, 'urw-discredit-ua-history');
});

test('the mission narrative is a child of "Discrediting Ukrainian military" with cues in en, ru and uk', () => {
  const t = loadTaxonomy('urw');
  const m = t.narratives.find((n) => n.id === 'urw-kursk-war-crimes')!;
  assert.ok(m);
  assert.equal(nodeByLabel(t, 'URW: Discrediting Ukraine: Discrediting Ukrainian military')?.id, m.parent);
  assert.ok(m.label.startsWith('URW: Discrediting Ukraine: Discrediting Ukrainian military: '));
  for (const lang of ['en', 'ru', 'uk']) assert.ok((m.cues[lang] ?? []).length >= 2, lang);
  // in SemEval terms it counts as its parent
  assert.deepEqual(toSemEvalLabels(t, [m.id]), {
    narratives: ['URW: Discrediting Ukraine'],
    subnarratives: ['URW: Discrediting Ukraine: Discrediting Ukrainian military'],
  });
});

test('every node has a description, non-other nodes have cues in en/ru/uk, examples are ours', () => {
  const t = loadTaxonomy('urw');
  for (const n of t.narratives) {
    assert.ok(n.description.length > 20, `${n.id} description`);
    if (n.other) continue;
    for (const lang of ['en', 'ru', 'uk']) assert.ok((n.cues[lang] ?? []).length > 0, `${n.id} cues.${lang}`);
    assert.ok(n.examples.length > 0, `${n.id} examples`);
  }
});

test('DISARM technique ids of urw exist in the DISARM bundle', { skip: !existsSync(DISARM) && 'no DISARM bundle' }, () => {
  const ids = disarmTechniqueIds(DISARM);
  assert.ok(ids.has('T0022') && ids.has('T0023'));
  const t = loadTaxonomy('urw', { disarmIds: ids });
  const used = new Set(t.narratives.flatMap((n) => n.disarm));
  assert.ok(used.size >= 8, 'uses a range of techniques, not one for everything');
  for (const d of used) assert.ok(ids.has(d), d);
});

test('validation errors name the file, the node id and the field', () => {
  const bad = {
    name: 'bad',
    narratives: [
      { id: 'a', label: 'A', parent: null, description: 'x' },
      { id: 'b', label: 'A: B', parent: 'nope', cues: { en: ['war crimes ~99 kursk'] } },
      { id: 'c', label: 'A: C', parent: 'a', cues: { en: [{ cue: 'x', weight: 50 }] }, disarm: ['X1'] },
      { id: 'a', label: 'A', parent: null, colour: 'red' },
    ],
  };
  const v = validateTaxonomy(bad, { file: 'bad.yaml' });
  assert.equal(v.ok, false);
  const msgs = v.errors.map(formatIssue);
  // schema problems first (zod): unknown key and bad values, with node ids
  assert.ok(msgs.some((m) => m.includes('bad.yaml') && m.includes('node "c"') && m.includes('field "cues.en[0]')), msgs.join('\n'));
  assert.ok(msgs.some((m) => m.includes('node "c"') && m.includes('field "disarm[0]"')), msgs.join('\n'));
  assert.ok(msgs.some((m) => m.includes('node "a"') && m.includes('colour')), msgs.join('\n'));
  // semantic problems once the schema passes
  const v2 = validateTaxonomy({ name: 'bad', narratives: bad.narratives.slice(0, 2) }, { file: 'bad.yaml' });
  const m2 = v2.errors.map(formatIssue);
  assert.ok(m2.some((m) => m.includes('node "b"') && m.includes('field "parent"') && m.includes('unknown parent "nope"')), m2.join('\n'));
  assert.ok(m2.some((m) => m.includes('node "b"') && m.includes('field "cues.en[0]"') && m.includes('window')), m2.join('\n'));
  assert.throws(() => loadTaxonomy('no-such-taxonomy'), TaxonomyError);
});

test('importLabelList builds the tree from "A: B: C" lines and round-trips through YAML', () => {
  const text = [
    '# my labels', 'URW: Praise of Russia', 'URW: Praise of Russia: Praise of Russian military might',
    'URW: Blaming the war on others rather than the invader: Ukraine is the aggressor', 'Other', '',
  ].join('\n');
  const t = importLabelList(text, 'mine');
  assert.equal(t.domain, 'URW');
  const ix = indexTaxonomy(t);
  const labels = t.narratives.map((n) => n.label);
  assert.ok(labels.includes('URW: Blaming the war on others rather than the invader'), 'parents are created');
  assert.ok(labels.includes('URW: Praise of Russia: Other'), 'Other buckets are added');
  const mm = nodeByLabel(t, 'URW: Praise of Russia: Praise of Russian military might')!;
  assert.equal(ix.byId.get(mm.parent!)?.label, 'URW: Praise of Russia');
  assert.equal(t.narratives.length, 6);
  const yaml = taxonomyToYaml(t);
  const back = validateTaxonomy(parse(yaml));
  assert.ok(back.ok, back.errors.map(formatIssue).join('\n'));
  assert.deepEqual(back.taxonomy!.narratives.map((n) => n.label), labels);
  // no domain when lines do not share one
  const t2 = importLabelList('Alpha: one\nBeta: two\n', 'x');
  assert.equal(t2.domain, undefined);
  assert.deepEqual(toSemEvalLabels(t2, []), { narratives: ['Other'], subnarratives: ['Other'] });
});

test('toSemEvalLabels: coarse, fine, "<Narrative>: Other" and "Other"', () => {
  const t = loadTaxonomy('urw');
  assert.deepEqual(toSemEvalLabels(t, []), { narratives: ['Other'], subnarratives: ['Other'] });
  assert.deepEqual(toSemEvalLabels(t, ['urw-plots']), {
    narratives: ['URW: Hidden plots by secret schemes of powerful groups'],
    subnarratives: ['URW: Hidden plots by secret schemes of powerful groups: Other'],
  });
  const r = toSemEvalLabels(t, ['urw-fears-nuclear', 'urw-fears', 'urw-praise-ru']);
  assert.deepEqual(r.narratives, ['URW: Amplifying war-related fears', 'URW: Praise of Russia']);
  assert.deepEqual(r.subnarratives, [
    'URW: Amplifying war-related fears: There is a real possibility that nuclear weapons will be employed',
    'URW: Praise of Russia: Other',
  ]);
});

test('listing and describing taxonomies gives plain data', () => {
  const list = listTaxonomies();
  const urw = list.find((x) => x.name === 'urw');
  assert.ok(urw && 'coarse' in urw && urw.coarse === 11 && urw.fine === 49);
  const d = describeTaxonomy(loadTaxonomy('urw'));
  assert.equal(d.nodes.length, 61);
  assert.ok(JSON.stringify(d).length > 1000);
});

test('validateTaxonomyFile reports YAML errors with the file, and passes the shipped files', () => {
  assert.ok(validateTaxonomyFile(join(TAXONOMY_DIR, 'urw.yaml')).ok);
  const dir = mkdtempSync(join(tmpdir(), 'narr-tax-'));
  try {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: bad\nnarratives:\n  - id: x\n    label: "X\n');
    const v = validateTaxonomyFile(bad);
    assert.equal(v.ok, false);
    assert.ok(formatIssue(v.errors[0]).startsWith(bad));
    const txt = join(dir, 'labels.txt');
    writeFileSync(txt, 'A: b\nA: c\n');
    assert.equal(validateTaxonomyFile(txt).taxonomy?.narratives.length, 4);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
