import t from 'tap';
import { Refusal } from '../../commands/errors.js';
import { createParsePool } from '../../src/import/parse-pool.js';

/** The worker threads the HTTP import reads files in: results, refusals, and files too costly to read. */
const TSV = '项目名称\t测试项目\n项目编码\tP1\n年度\t2022\n主管部门\t测试部门\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t完成数量\t≥7次\n';

t.test('a file is read in a worker: the same result as in-process, twice on the same pool', async (t) => {
  const pool = createParsePool({ size: 1 });
  t.teardown(() => pool.close());
  for (let i = 0; i < 2; i++) {
    const read = await pool.read({ fileName: 'a.txt', content: TSV }, {});
    t.equal(read.projects.length, 1);
    t.strictSame(read.projects[0]!.preview.indicators[0]!.parsed, { kind: 'compare', comparator: '>=', quantity: { kind: 'number', value: 7, unit: '次' } });
  }
});

t.test('a refusal raised in the worker arrives as the same Refusal (413)', async (t) => {
  const pool = createParsePool({ size: 1 });
  t.teardown(() => pool.close());
  const error = await pool.read({ fileName: 'a.txt', content: '\n'.repeat(20_001) }, {}).catch((e: unknown) => e);
  t.ok(error instanceof Refusal);
  t.match(error, { kind: 'too_large', rule: 'import-too-large', message: /超过 20000 行/ });
});

t.test('a file that takes longer than the limit ends its worker and is refused; the pool goes on', async (t) => {
  const pool = createParsePool({ size: 1, timeoutMs: 1 });
  t.teardown(() => pool.close());
  const error = await pool.read({ fileName: 'a.txt', content: TSV }, {}).catch((e: unknown) => e);
  t.match(error, { kind: 'too_large', message: /读取超过 0\.001 秒/ });
});

t.test('a file that needs more memory than a worker has is refused, not the server', async (t) => {
  const pool = createParsePool({ size: 1, heapMb: 64 });
  t.teardown(() => pool.close());
  const row = Array.from({ length: 250 }, () => 'xxxxxxxx').join('\t');
  const big = Array.from({ length: 5000 }, () => row).join('\n');
  const error = await pool.read({ fileName: 'big.txt', content: big }, {}).catch((e: unknown) => e);
  t.match(error, { kind: 'too_large', message: /内存超过 64 MB/ });
  // A fresh worker takes the next file.
  const read = await pool.read({ fileName: 'a.txt', content: TSV }, {});
  t.equal(read.projects.length, 1);
});
