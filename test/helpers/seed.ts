import { testApp, type TestApp } from './test-app.js';
import { PROJECT_ID, plan, register, spending, targets } from './worked-example.js';

/** Records the worked example up to year end (spending and actuals), asserting each answer. */
export async function seedWorkedExample(h: TestApp, options: { code?: string } = {}): Promise<string> {
  const code = options.code ?? register.code;
  const id = options.code ? `${code}-2022` : PROJECT_ID;
  const base = `/api/projects/${id}`;
  const ok = async (p: Promise<{ statusCode: number; body: string }>) => {
    const res = await p;
    if (res.statusCode >= 300) throw new Error(`seed failed: ${res.statusCode} ${res.body}`);
  };
  h.setNow('2022-01-10T09:00:00');
  await ok(h.call('POST', '/api/projects', { ...register, code }));
  await ok(h.call('PUT', `${base}/targets`, targets));
  await ok(h.call('PUT', `${base}/spending-plan`, plan));
  for (const [now, body] of spending) {
    h.setNow(now);
    await ok(h.call('POST', `${base}/spending`, body));
  }
  h.setNow('2022-12-31T16:00:00');
  for (const [indicator, value] of [['i1', '1个'], ['i3', '2022-11-30'], ['i4', '45万元'], ['i5', '90%'], ['i7', '96%']] as const) {
    await ok(h.call('POST', `${base}/indicators/${indicator}/actuals`, { value, asOf: '2022-12-31' }));
  }
  await ok(h.call('POST', `${base}/indicators/i2/assessment`, { grade: '达成' }));
  await ok(h.call('POST', `${base}/indicators/i6/assessment`, { grade: '部分达成' }));
  return id;
}

/** A fresh in-memory app with the worked example registered, declared and planned (no facts yet). */
export async function declaredExample(now = '2022-07-01T09:00:00'): Promise<TestApp> {
  const h = await testApp({ now, memory: true });
  const base = `/api/projects/${PROJECT_ID}`;
  for (const [method, url, body] of [
    ['POST', '/api/projects', register],
    ['PUT', `${base}/targets`, targets],
    ['PUT', `${base}/spending-plan`, plan],
  ] as const) {
    const res = await h.call(method, url, body);
    if (res.statusCode >= 300) throw new Error(`setup ${method} ${url}: ${res.statusCode} ${res.body}`);
  }
  return h;
}
