import assert from 'node:assert/strict';
import { createWriteStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { readTelegram, telegramChatId } from '../../src/ingest/readers/telegram.ts';
import { collect, fileInput, memInput, oks, peakRssGrowth, rejectSummary, tempDir } from './helpers.ts';

const channelExport = {
  name: 'Тестовый канал',
  type: 'public_channel',
  id: 1101170442,
  messages: [
    { id: 1, type: 'service', date: '2024-11-21T10:00:00', date_unixtime: '1732172400', actor: 'Тестовый канал', action: 'create_channel', text: '', text_entities: [] },
    { id: 2, type: 'message', date: '2024-11-21T10:05:00', date_unixtime: '1732172700', from: 'Тестовый канал', from_id: 'channel1101170442', text: 'Простой текст', text_entities: [{ type: 'plain', text: 'Простой текст' }] },
    {
      id: 3, type: 'message', date: '2024-11-21T10:06:00', date_unixtime: '1732172760', edited: '2024-11-21T10:10:00', edited_unixtime: '1732173000',
      from: 'Тестовый канал', forwarded_from: 'Другой канал', reply_to_message_id: 2, views: 1500,
      text: ['Заявление ', { type: 'bold', text: 'Минобороны' }, ' и ', { type: 'text_link', text: 'ссылка', href: 'https://example.org' }],
    },
    { id: 4, type: 'message', date: '2024-11-21T10:07:00', date_unixtime: '1732172820', photo: 'photos/photo_1.jpg', width: 800, height: 600, text: '' },
    { id: 5, type: 'message', date: '2024-11-21T11:00:00', text: 'Старый экспорт без unixtime' },
    { id: 6, type: 'message', date: '2024-11-21T11:01:00', date_unixtime: '1732186860', text: '' },
  ],
};

describe('telegram reader', () => {
  it('reads a channel export: text, entities, dates, ids, meta; skips service and captionless media', async () => {
    const items = await collect(readTelegram, memInput('result.json', JSON.stringify(channelExport, null, 1), 50));
    assert.deepEqual(rejectSummary(items), ['empty_text@6']);
    const records = oks(items);
    assert.deepEqual(records.map((r) => r.line), [2, 3, 5]);
    assert.deepEqual(records[0].record, {
      text: 'Простой текст',
      kind: 'post',
      publishedAt: 1732172700,
      source: { name: 'Тестовый канал', platformId: 'tg:1001101170442' },
      platformId: '2',
      meta: { messageId: 2, from: 'Тестовый канал', chatType: 'public_channel' },
    });
    assert.equal(records[1].record.text, 'Заявление Минобороны и ссылка');
    assert.deepEqual(records[1].record.meta, {
      messageId: 3, views: 1500, forwardedFrom: 'Другой канал', replyTo: 2, edited: 1732173000, from: 'Тестовый канал', chatType: 'public_channel',
    });
    assert.equal(records[2].record.publishedAt, '2024-11-21T11:00:00');
  });

  it('reads every chat of an account export, left chats included', async () => {
    const account = {
      about: 'Here is the data you requested.',
      personal_information: { user_id: 42, first_name: 'Test', username: 'me' },
      contacts: { about: '', list: [{ first_name: 'A', phone_number: '+0' }] },
      chats: {
        about: '',
        list: [
          { name: 'Friend', type: 'personal_chat', id: 777, messages: [{ id: 10, type: 'message', date_unixtime: '1700000000', from: 'Friend', text: 'hi there' }] },
          { name: 'Big Channel', type: 'private_channel', id: 1234567890, messages: [{ id: 11, type: 'message', date_unixtime: '1700000100', text: 'channel post' }] },
        ],
      },
      left_chats: { about: '', list: [{ name: 'Old Group', type: 'private_supergroup', id: 1009988776, messages: [{ id: 12, type: 'message', date_unixtime: '1700000200', text: 'left group msg' }] }] },
    };
    const items = await collect(readTelegram, memInput('result.json', JSON.stringify(account), 64));
    assert.deepEqual(rejectSummary(items), []);
    assert.deepEqual(
      oks(items).map((i) => [i.record.text, i.record.source?.name, i.record.source?.platformId, i.record.platformId]),
      [
        ['hi there', 'Friend', 'tg:777', '10'],
        ['channel post', 'Big Channel', 'tg:1001234567890', '11'],
        ['left group msg', 'Old Group', 'tg:1009988776', '12'],
      ],
    );
  });

  it('maps export chat ids to the Bot-API form', () => {
    assert.equal(telegramChatId('1101170442', 'public_channel'), '1001101170442');
    assert.equal(telegramChatId('1001101170442', 'public_channel'), '1001101170442');
    assert.equal(telegramChatId('-1001101170442', 'private_channel'), '1001101170442');
    assert.equal(telegramChatId('555', 'personal_chat'), '555');
  });

  it('keeps the messages before a truncation and reports it', async () => {
    const text = JSON.stringify(channelExport).slice(0, JSON.stringify(channelExport).indexOf('"id":4') - 2);
    const items = await collect(readTelegram, memInput('cut.json', text));
    assert.deepEqual(oks(items).map((i) => i.line), [2, 3]);
    assert.deepEqual(rejectSummary(items), ['bad_json@4']);
  });

  it('streams a 200,000-message export with memory growth far below its size', async (t) => {
    const path = join(tempDir(), 'result.json');
    const out = createWriteStream(path);
    out.write('{\n "name": "Large Channel",\n "type": "public_channel",\n "id": 1500000000,\n "messages": [\n');
    const filler = 'Сводка событий дня: обстрелы, заявления официальных лиц, реакция соседних стран. '.repeat(3);
    for (let i = 1; i <= 200_000; i++) {
      const msg = { id: i, type: 'message', date: '2024-11-21T10:00:00', date_unixtime: String(1732172400 + i), from: 'Large Channel', from_id: 'channel1500000000', text: `${i}. ${filler}` };
      if (!out.write(`  ${JSON.stringify(msg)}${i < 200_000 ? ',' : ''}\n`)) await once(out, 'drain');
    }
    out.end('  ]\n}\n');
    await once(out, 'finish');
    const size = statSync(path).size;
    const t0 = performance.now();
    const { result: count, growth } = await peakRssGrowth(async (sample) => {
      let n = 0;
      for await (const it of readTelegram(fileInput(path), { map: {}, maxRecordBytes: 1 << 20, defaults: {} })) {
        if (it.ok) n++;
        if ((n & 1023) === 0) sample();
      }
      return n;
    });
    t.diagnostic(`read in ${Math.round(performance.now() - t0)} ms`);
    t.diagnostic(`file ${Math.round(size / 1048576)} MB, RSS growth ${Math.round(growth / 1048576)} MB`);
    assert.equal(count, 200_000);
    assert.ok(growth < size / 3, `RSS grew by ${Math.round(growth / 1048576)} MB for a ${Math.round(size / 1048576)} MB file`);
  });
});
