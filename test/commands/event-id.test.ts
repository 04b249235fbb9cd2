import t from 'tap';
import { newEventId } from '../../src/commands/event-id.js';

t.test('event ids are UUIDs of version 7 that sort by their millisecond', async (t) => {
  const ids = Array.from({ length: 600 }, (_, i) => newEventId(1_700_000_000_000 + Math.floor(i / 3)));
  for (const id of ids) t.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  t.equal(new Set(ids).size, ids.length, 'no two alike');
  t.equal(ids[0]!.slice(0, 13), '018bcfe5-6800', 'the first 48 bits are the Unix milliseconds (1,700,000,000,000 = 0x018bcfe56800)');
  const byMs = (id: string) => id.slice(0, 13);
  for (let i = 3; i < ids.length; i += 3) t.ok(byMs(ids[i]!) > byMs(ids[i - 1]!), `a later millisecond sorts after (${i})`);
});
