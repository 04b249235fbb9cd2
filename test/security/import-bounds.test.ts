import { request } from 'node:http';
import t, { type Test } from 'tap';

import { securityServer, problemOf, TOKEN, type SecurityServer } from './server.js';
import { sharedStringsXml, sheetXml, xlsxOf, zipOf } from './zip.js';
import { register } from '../helpers/worked-example.js';

/**
 * Issue 13 D7: a 405 KB xlsx whose shared strings expand to 400 MB took seconds and a gigabyte; 20 MB of
 * tabs stalled /health; a 100k-row sheet became one project with 100k indicators. Imports are bounded
 * (413 problem+json, nothing written) and read off the event loop.
 */
const XLSX = { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
const TEXT = { 'content-type': 'text/plain; charset=utf-8' };

async function expectTooLarge(t: Test, s: SecurityServer, body: string | Uint8Array, headers: Record<string, string>, pattern: RegExp) {
  const before = await s.h.runtime.store.headPosition();
  const res = await s.send('POST', '/api/import?dryRun=false', body, headers);
  t.equal(res.status, 413, String(pattern));
  const p = await problemOf(res);
  t.match(p.contentType, /^application\/problem\+json/);
  t.match(p.detail, pattern);
  t.equal(await s.h.runtime.store.headPosition(), before, 'nothing written');
}

t.test('a hand-made xlsx within the limits is read (the zips below differ only in what they abuse)', async (t) => {
  const s = await securityServer();
  t.teardown(s.close);
  const res = await s.send('POST', '/api/import?dryRun=true', xlsxOf(sheetXml(3), sharedStringsXml('项目名称')), XLSX);
  t.equal(res.status, 200);
  const body = (await res.json()) as { warnings: { message: string }[] };
  t.notOk(body.warnings.some((w) => /无法读取 xlsx/.test(w.message)), 'exceljs read it');
});

t.test('zip bombs are refused from the central directory and from the inflated bytes', async (t) => {
  const s = await securityServer();
  t.teardown(s.close);
  // 60 MB of shared strings: about 60 KB compressed.
  const huge = sharedStringsXml('a'.repeat(60 * 1024 * 1024));
  await expectTooLarge(t, s, xlsxOf(sheetXml(3), huge), XLSX, /解压后 .* MB，最多 50\.0 MB/);
  // The same bytes declaring 1 KB: caught while inflating.
  const lying = xlsxOf(sheetXml(3), sharedStringsXml('x'), [{ name: 'xl/media/blob.bin', data: Buffer.alloc(30 * 1024 * 1024), declaredSize: 1024 }]);
  await expectTooLarge(t, s, lying, XLSX, /解压后超过其声明的 1024 字节/);
  // 600 entries.
  const many = xlsxOf(sheetXml(3), sharedStringsXml('x'), Array.from({ length: 600 }, (_, i) => ({ name: `xl/media/${i}.bin`, data: Buffer.from('x') })));
  await expectTooLarge(t, s, many, XLSX, /含 \d+ 个条目，最多 500 个/);
  // 5001 rows in one worksheet, counted before exceljs loads it.
  await expectTooLarge(t, s, xlsxOf(sheetXml(5001), sharedStringsXml('x')), XLSX, /工作表 xl\/worksheets\/sheet1\.xml 有 5001 行，最多 5000 行/);
  // A zip that is no zip at all is a warning, not a stall or a 500.
  const broken = await s.send('POST', '/api/import?dryRun=true', Buffer.concat([zipOf([{ name: 'a', data: Buffer.from('a') }]).subarray(0, 40)]), XLSX);
  t.equal(broken.status, 200);
  t.match(((await broken.json()) as { warnings: { message: string }[] }).warnings, [{ message: /无法读取 xlsx/ }]);
});

t.test('text imports: rows, columns, lines, indicators per project and the body size are capped', async (t) => {
  const s = await securityServer();
  t.teardown(s.close);
  const head = `项目名称\t大项目\n项目编码\tBIG1\n年度\t2022\n主管部门\t${register.department}\n一级指标\t二级指标\t三级指标\t指标值\n`;
  const indicators = (n: number) => Array.from({ length: n }, (_, i) => `产出指标\t数量指标\t指标${i}\t≥${i + 1}次`).join('\n');
  await expectTooLarge(t, s, head + indicators(201), TEXT, /第1行的项目有 201 个指标，最多 200 个/);
  await expectTooLarge(t, s, head + indicators(5001), TEXT, /有 \d+ 行，最多 5000 行/);
  await expectTooLarge(t, s, '项目名称' + '\t'.repeat(300), TEXT, /超过 256 列/);
  await expectTooLarge(t, s, '\n'.repeat(20_001), TEXT, /超过 20000 行/);
  await expectTooLarge(t, s, '\t'.repeat(20 * 1024 * 1024 + 1), TEXT, /请求体过大|too large/i);
  // 200 indicators is still one project.
  const ok = await s.send('POST', '/api/import?dryRun=true', head + indicators(200), TEXT);
  t.equal(ok.status, 200);
  const body = (await ok.json()) as { projects: { targets: { indicators: unknown[] } }[] };
  t.equal(body.projects[0]?.targets.indicators.length, 200);
});

/** Sends the import over a raw socket; resolves `sent` once the whole body is handed to the kernel. */
function rawImport(url: string, body: Buffer): { sent: Promise<void>; answered: Promise<number> } {
  let sent!: () => void;
  const sentP = new Promise<void>((resolve) => (sent = resolve));
  const answered = new Promise<number>((resolve, reject) => {
    const req = request(`${url}/api/import?dryRun=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain; charset=utf-8', 'content-length': body.length },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.on('finish', () => sent());
    req.end(body);
  });
  return { sent: sentP, answered };
}

t.test('/health keeps answering while a large file is parsed', async (t) => {
  const s = await securityServer();
  t.teardown(s.close);
  // 1500 rows of 200 cells: seconds of parsing, inside every limit.
  const row = Array.from({ length: 200 }, (_, i) => `cell${i}xx`).join('\t');
  const body = Buffer.from(Array.from({ length: 1500 }, () => row).join('\n'));
  const job = rawImport(s.url, body);
  let done = false;
  const status = job.answered.then((code) => {
    done = true;
    return code;
  });
  await job.sent;
  let answered = 0;
  while (!done) {
    const health = await fetch(`${s.url}/health`);
    t.equal(health.status, 200);
    await health.arrayBuffer();
    if (!done) answered++;
  }
  t.equal(await status, 200, 'the import itself is answered');
  // Parsed on the event loop, the file would hold every /health behind it until the end.
  // Seen: about 12 answers with the parse on the event loop (only while the body arrives), over 1000 with the worker.
  t.ok(answered >= 100, `/health answered ${answered} times during the import`);
});
