import t from 'tap';
import { register } from '../helpers/worked-example.js';
import { listeningApp } from './listening-app.js';

const latin1 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
const json = { 'content-type': 'application/json' };

/** D9: X-Actor is decoded, then trimmed; control and bidi characters and overlong names are refused. */
t.test('an actor whose last UTF-8 byte is 0xA0 is kept whole', async (t) => {
  const h = await listeningApp();
  t.teardown(h.close);
  // 丠 is E4 B8 A0: read as latin1, its last byte is a no-break space that trim() used to cut.
  const res = await h.raw('POST', '/api/projects', { ...json, 'x-actor': latin1('张丠') }, JSON.stringify(register));
  t.equal(res.status, 201, res.body);
  const [event] = await h.runtime.store.readAll();
  t.equal(event!.metadata.actor, '张丠');
  const spaced = await h.raw('POST', '/api/projects', { ...json, 'x-actor': encodeURIComponent(' 李四 ') }, JSON.stringify({ ...register, code: 'P2' }));
  t.equal(spaced.status, 201);
  t.equal((await h.runtime.store.readAll())[1]!.metadata.actor, '李四', 'percent-encoded spaces are trimmed after decoding');
});

t.test('actors with control or bidi characters, or too long, are refused and nothing is written', async (t) => {
  const h = await listeningApp();
  t.teardown(h.close);
  const bad: [string, string][] = [
    ['CR LF (percent-encoded)', encodeURIComponent('张三\r\n审计：已核')],
    ['NUL', encodeURIComponent('张\u0000三')],
    ['a C1 control', latin1('张\u0085三')],
    ['right-to-left override', encodeURIComponent('张三\u202E核审')],
    ['first strong isolate', latin1('\u2068张三')],
    ['8 KB', latin1('张'.repeat(2730))],
    ['65 characters', encodeURIComponent('a'.repeat(65))],
  ];
  for (const [what, header] of bad) {
    const res = await h.raw('POST', '/api/projects', { ...json, 'x-actor': header }, JSON.stringify(register));
    t.equal(res.status, 400, what);
    t.equal(res.json().errors?.[0]?.field, 'X-Actor', `${what}: the field is named`);
  }
  t.equal(await h.eventCount(), 0, 'nothing written');
  t.equal((await h.raw('POST', '/api/projects', { ...json, 'x-actor': encodeURIComponent('a'.repeat(64)) }, JSON.stringify(register))).status, 201, '64 characters are fine');
});
