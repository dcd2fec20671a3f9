/**
 * Telegram Desktop export (`result.json`): one chat (`{name, type, id, messages}`) or a whole account
 * (`{chats: {list: [...]}, left_chats: {list: [...]}}`). Streamed token by token: account exports run to GBs,
 * only one message is held at a time. Service messages and captionless media are skipped silently.
 */
import type { RawRecord, ReadItem, Reader } from '../types.ts';
import { flattenText } from './fields.ts';
import { pickJson, type PathKey } from './json.ts';

const CHAT_FIELDS = new Set(['name', 'type', 'id', 'username']);
// Channels and supergroups carry the -100 prefix in the Bot API; the export drops it.
const HUNDRED_PREFIXED = new Set(['public_channel', 'private_channel', 'public_supergroup', 'private_supergroup']);
const MEDIA_KEYS = ['photo', 'file', 'media_type', 'sticker_emoji', 'contact_information', 'location_information', 'poll', 'game_title', 'invoice_information'];

/** Number of leading path keys that locate the chat object, or -1 when the path is outside any chat. */
function chatDepth(p: readonly PathKey[]): number {
  if ((p[0] === 'chats' || p[0] === 'left_chats') && p[1] === 'list' && typeof p[2] === 'number') return 3;
  if (p[0] === 'chats' || p[0] === 'left_chats' || typeof p[0] !== 'string') return -1;
  return 0;
}

function select(p: readonly PathKey[]): boolean {
  const d = chatDepth(p);
  if (d < 0) return false;
  const rest = p.length - d;
  if (rest === 1) return CHAT_FIELDS.has(p[d] as string);
  return rest === 2 && p[d] === 'messages' && typeof p[d + 1] === 'number';
}

interface Chat {
  name?: string;
  type?: string;
  id?: string;
  username?: string;
}

/** `tg:` + the Bot-API form of a chat id (1101170442 of a channel → tg:1001101170442). */
export function telegramChatId(id: string, type?: string): string {
  const bare = id.replace(/^-/, '');
  return type && HUNDRED_PREFIXED.has(type) && !bare.startsWith('100') ? `100${bare}` : bare;
}

export const readTelegram: Reader = async function* (input, options) {
  let chatKey = '';
  let chat: Chat = {};
  let seen = 0; // messages seen, service ones included: the record number
  for await (const ev of pickJson(input, select, options.maxRecordBytes)) {
    if ('error' in ev) {
      yield { ok: false, reason: ev.error, message: `${ev.message} (after message ${seen})`, line: seen + 1 };
      return;
    }
    const d = chatDepth(ev.path);
    const key = d === 3 ? `${ev.path[0]}/${ev.path[2]}` : '';
    if (key !== chatKey) {
      chatKey = key;
      chat = {};
    }
    const field = ev.path[d];
    if (field !== 'messages') {
      if (typeof ev.value === 'string' || typeof ev.value === 'number') chat[field as keyof Chat] = String(ev.value);
      continue;
    }
    seen++;
    if (ev.oversize) {
      yield { ok: false, reason: 'line_too_long', message: `message exceeds the limit of ${options.maxRecordBytes} bytes`, line: seen };
      continue;
    }
    const item = messageItem(ev.value, chat, seen);
    if (item) yield item;
  }
};

function messageItem(value: unknown, chat: Chat, line: number): ReadItem | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, reason: 'bad_record', message: 'message is not an object', line };
  }
  const m = value as Record<string, unknown>;
  if (m.type === 'service') return null;
  let text = flattenText(m.text) ?? '';
  if (!text.trim() && Array.isArray(m.text_entities)) text = flattenText(m.text_entities) ?? '';
  if (!text.trim() && m.poll && typeof m.poll === 'object') text = pollText(m.poll as Record<string, unknown>);
  if (!text.trim()) {
    if (MEDIA_KEYS.some((k) => m[k] !== undefined)) return null; // a photo without caption is not an error
    return { ok: false, reason: 'empty_text', message: `message ${String(m.id)} has no text`, line };
  }

  const record: RawRecord = { text, kind: 'post' };
  const unix = m.date_unixtime;
  if (typeof unix === 'string' && /^\d+$/.test(unix)) record.publishedAt = Number(unix);
  else if (typeof unix === 'number') record.publishedAt = unix;
  else if (typeof m.date === 'string') record.publishedAt = m.date;

  const chatId = chat.id !== undefined ? telegramChatId(chat.id, chat.type) : undefined;
  record.source = {};
  const name = chat.name ?? (typeof m.from === 'string' ? m.from : undefined);
  if (name) record.source.name = name;
  if (chat.username) record.source.handle = chat.username;
  if (chatId) record.source.platformId = `tg:${chatId}`;
  // The message id alone: with the channel as the source key it gives the same document id as the same post
  // arriving through another route (a Bot-API JSON dump), so the two dedupe.
  if (m.id !== undefined) record.platformId = String(m.id);
  if (chat.username && m.id !== undefined) record.url = `https://t.me/${chat.username}/${String(m.id)}`;

  const meta: Record<string, unknown> = {};
  if (m.id !== undefined) meta.messageId = m.id;
  if (m.views !== undefined) meta.views = m.views;
  if (m.forwarded_from !== undefined && m.forwarded_from !== null) meta.forwardedFrom = m.forwarded_from;
  if (m.reply_to_message_id !== undefined) meta.replyTo = m.reply_to_message_id;
  const edited = m.edited_unixtime ?? m.edited;
  if (edited !== undefined) meta.edited = typeof edited === 'string' && /^\d+$/.test(edited) ? Number(edited) : edited;
  if (m.from !== undefined && m.from !== null) meta.from = m.from;
  if (chat.type) meta.chatType = chat.type;
  record.meta = meta;
  return { ok: true, record, line };
}

function pollText(poll: Record<string, unknown>): string {
  const q = typeof poll.question === 'string' ? poll.question : '';
  const answers = Array.isArray(poll.answers)
    ? poll.answers.map((a) => (a && typeof a === 'object' ? String((a as { text?: unknown }).text ?? '') : '')).filter(Boolean)
    : [];
  return [q, ...answers].join('\n');
}
