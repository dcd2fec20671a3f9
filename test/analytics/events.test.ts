import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventAssociation, parseEventCalendar, precedingEvents, EventCalendarError, type CalendarEvent } from '../../src/analytics/events.ts';

const CSV = `date,title,kind,source
2024-11-19,ATACMS strike on Bryansk region,strike,Reuters
2024-11-21,Oreshnik strike on Dnipro,strike,
2024-11-21T20:00:00+03:00,Putin address,statement,kremlin.ru
`;

test('CSV calendar: parsed, dates normalised to UTC days', () => {
  const ev = parseEventCalendar(CSV, 'csv');
  assert.equal(ev.length, 3);
  assert.deepEqual(ev[0], { date: '2024-11-19', at: '2024-11-19T00:00:00.000Z', title: 'ATACMS strike on Bryansk region', kind: 'strike', source: 'Reuters', line: 2 });
  assert.equal(ev[1].source, undefined);
  assert.equal(ev[2].date, '2024-11-21');
  assert.equal(ev[2].at, '2024-11-21T17:00:00.000Z');
  assert.equal(ev[2].line, 4);
});

test('CSV calendar errors carry line numbers', () => {
  assert.throws(() => parseEventCalendar('date,title,kind\n2024-11-19,ok,strike\n2024-13-45,bad date,strike\n', 'csv'),
    (e: unknown) => e instanceof EventCalendarError && e.line === 3 && /line 3: invalid date/.test(e.message));
  assert.throws(() => parseEventCalendar('date,title,kind\n2024-11-19,,strike\n', 'csv'), /line 2: missing title/);
  assert.throws(() => parseEventCalendar('date,name,kind\n2024-11-19,x,strike\n', 'csv'), /lacks the column "title"/);
  assert.throws(() => parseEventCalendar('date,title,kind\n2024-11-19,x,strike,extra\n', 'csv'), (e: unknown) => e instanceof EventCalendarError && e.line === 2);
});

test('YAML calendar (list or events:) with line numbers in errors', () => {
  const ev = parseEventCalendar(`events:\n  - date: 2024-11-21\n    title: Oreshnik strike\n    kind: strike\n  - date: "2024-11-28"\n    title: Energy strikes\n    kind: strike\n    source: ISW\n`, 'yaml');
  assert.deepEqual(ev.map((e) => [e.date, e.kind, e.line]), [['2024-11-21', 'strike', 2], ['2024-11-28', 'strike', 5]]);
  assert.equal(ev[1].source, 'ISW');
  assert.equal(parseEventCalendar('- {date: 2024-01-01, title: x, kind: y}\n', 'yaml').length, 1);
  assert.throws(() => parseEventCalendar('- date: 2024-01-01\n  title: x\n- date: 2024-01-02\n  title: y\n  kind: z\n', 'yaml'), /line 1: missing kind/);
  assert.throws(() => parseEventCalendar('- date: 2024-01-01\n  title: x\n  kind: y\n- date: soon\n  title: y\n  kind: z\n', 'yaml'), /line 4: invalid date/);
  assert.throws(() => parseEventCalendar('events: [1, 2\n', 'yaml'), /YAML/);
});

test('precedingEvents: same-day and earlier events within the lag, nearest first', () => {
  const ev = parseEventCalendar(CSV, 'csv');
  const pre = precedingEvents({ onset: '2024-11-21T00:00:00.000Z' }, ev, 7);
  assert.deepEqual(pre.map((e) => [e.title, e.lagDays]), [['Oreshnik strike on Dnipro', 0], ['Putin address', 0], ['ATACMS strike on Bryansk region', 2]]);
  assert.deepEqual(precedingEvents({ onset: '2024-11-21T00:00:00.000Z' }, ev, 1).length, 2);
  assert.deepEqual(precedingEvents({ onset: '2024-11-18T00:00:00.000Z' }, ev), []);
});

test('eventAssociation: onsets that follow events beat chance; unrelated onsets do not', () => {
  const events: CalendarEvent[] = [];
  const onsets: string[] = [];
  const base = Date.UTC(2024, 0, 1);
  const d = (i: number) => new Date(base + i * 86_400_000).toISOString();
  for (let k = 0; k < 10; k++) {
    events.push({ date: d(k * 30).slice(0, 10), at: d(k * 30), title: `e${k}`, kind: 'strike' });
    onsets.push(d(k * 30 + 1));
  }
  const res = eventAssociation(onsets, events, 'strike', { maxLagDays: 2, permutations: 500, seed: 1, range: { from: d(0), to: d(300) } });
  assert.equal(res.observedShare, 1);
  assert.ok(res.expectedShare < 0.15, String(res.expectedShare));
  assert.ok(res.pValue < 0.01);
  const unrelated = onsets.map((_, k) => d(k * 30 + 15));
  const res2 = eventAssociation(unrelated, events, 'strike', { maxLagDays: 2, permutations: 500, seed: 1, range: { from: d(0), to: d(300) } });
  assert.equal(res2.observedShare, 0);
  assert.equal(res2.pValue, 1);
  // seeded: same answer twice; circular null also works
  assert.deepEqual(eventAssociation(onsets, events, 'strike', { seed: 4, permutations: 100 }), eventAssociation(onsets, events, 'strike', { seed: 4, permutations: 100 }));
  // circular null keeps the 30-day spacing of the onsets, which matches the events' spacing: only ~3 offsets in 30 hit
  const circ = eventAssociation(onsets, events, 'strike', { maxLagDays: 2, null: 'circular', range: { from: d(0), to: d(300) } });
  assert.ok(circ.pValue < 0.2 && circ.expectedShare < 0.2, JSON.stringify(circ));
  assert.equal(eventAssociation([], events, 'strike').pValue, 1);
});
