import t from 'tap';
import { ConfigError, loadConfig } from '../src/config.js';

t.test('defaults: 127.0.0.1:3000, ./data/jixiao.db, embedded store, info logs', async (t) => {
  t.same(loadConfig({}), {
    host: '127.0.0.1',
    port: 3000,
    dbPath: './data/jixiao.db',
    eventStoreConnectionString: undefined,
    logLevel: 'info',
    tokensFile: undefined,
    allowedHosts: undefined,
  });
});

t.test('EVENTSTORE_CONNECTION_STRING selects EventStoreDB; an empty one means embedded', async (t) => {
  t.equal(loadConfig({ EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' }).eventStoreConnectionString, 'esdb://localhost:2113?tls=false');
  t.equal(loadConfig({ EVENTSTORE_CONNECTION_STRING: '' }).eventStoreConnectionString, undefined);
});

t.test('a postgres:// or postgresql:// connection string is accepted (it selects PostgreSQL)', async (t) => {
  for (const url of ['postgres://postgres@127.0.0.1:5432/test', 'postgresql://app:secret@db.example:5432/jixiao?sslmode=require']) {
    t.equal(loadConfig({ EVENTSTORE_CONNECTION_STRING: url }).eventStoreConnectionString, url);
  }
  t.throws(() => loadConfig({ EVENTSTORE_CONNECTION_STRING: 'postgre://x/y' }), /postgres:\/\/user@host:port\/database/);
});

t.test('a bad variable is refused with its name and value', async (t) => {
  t.throws(() => loadConfig({ PORT: 'eighty' }), ConfigError);
  t.throws(() => loadConfig({ PORT: '70000' }), /PORT="70000"/);
  t.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL="loud"/);
  t.throws(() => loadConfig({ EVENTSTORE_CONNECTION_STRING: 'http://x' }), /EVENTSTORE_CONNECTION_STRING/);
});

t.test('JIXIAO_ALLOWED_HOSTS: host names separated by commas, lower-cased; anything else is refused by name', async (t) => {
  t.same(loadConfig({ JIXIAO_ALLOWED_HOSTS: 'Jixiao.CZJ.gov.cn, 10.0.0.5,[::1]' }).allowedHosts, ['jixiao.czj.gov.cn', '10.0.0.5', '::1']);
  t.throws(() => loadConfig({ JIXIAO_ALLOWED_HOSTS: 'a b' }), /JIXIAO_ALLOWED_HOSTS="a b"/);
});
