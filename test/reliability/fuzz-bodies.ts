import fc from 'fast-check';

/**
 * Odd request bodies for the command routes: anything at all, objects with the right keys and
 * wrong-typed values, valid bodies with one field spoiled or dropped, raw non-JSON payloads and
 * wrong content types.
 */

/** Text a user might type where a date, an amount or a target is expected, in Chinese and in ASCII. */
export const ODD_TEXT = [
  '五十万', '五十万元', '二〇二二年十三月', '≥≥7次', '≥七次', '≤ 万元', '≥', '=', '约七次以上吧', '90%-', '100%-90%', '90%-100次',
  '2022-02-30', '2022-13-01', '2022年13月1日', '2022年2月30日', '6月31日', '2022/02/30', '20220230', '2022-06-15T25:00',
  '2022-06-15T10:00+99:00', '0000-01-01', '9999-12-31', '昨天', 'yesterday', '2022年六月一日', '2022年底', '第五季度',
  '-0', '0', '-1', '1e309', '-1e309', '1e-7', 'NaN', 'Infinity', '-Infinity', '0x10', '9007199254740993', '99999999999999999元',
  '１２３４５６７８９０', '12.345', '0.001万元', '45万美元', '¥', '人民币', '--5', '+5', '.5', '5.', '1,2,3', '５０万元',
  '达成', '部分达成', '优秀', '定性', '≈', '', ' ', '\u3000', '\u0000', '\uFEFF', '\uD800', '🙂', '\u202E2022-06-15',
  'null', 'undefined', 'true', '[]', '{}', '[object Object]', '__proto__', 'constructor', "'; DROP TABLE events;--",
  '<script>alert(1)</script>', '%00', '../../etc/passwd', 'x'.repeat(5000),
];

export const ODD_NUMBERS = [
  0, -0, -1, 1, 0.001, 0.005, 5e-324, 1e21, 1e308, -1e308, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 2 ** 53 * 10, 2022, 13, 100.5,
];

const oddString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ODD_TEXT) },
  { weight: 2, arbitrary: fc.string() },
  { weight: 2, arbitrary: fc.string({ unit: 'binary' }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme' }) },
  // number-like text with a unit
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('', '≥', '≤', '>', '<', '=', '约'), fc.double({ noNaN: false }), fc.constantFrom('', '元', '万元', '万', '亿', '%', '次', '个', '天', '年', '月'))
      .map(([c, n, u]) => `${c}${n}${u}`),
  },
);

/** A value of the wrong type or an odd value of the right type. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: oddString },
  { weight: 2, arbitrary: fc.constantFrom(...ODD_NUMBERS) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() }, // NaN and ±Infinity serialize as null
  { weight: 1, arbitrary: fc.constantFrom(null, true, false) },
  { weight: 1, arbitrary: fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom([[[[[[]]]]]], [['2022-06-15']], [{}], { value: 1 }, { comparator: '≥', value: 7, unit: '次' }) },
  { weight: 1, arbitrary: fc.object({ maxDepth: 1 }) },
);

/** One request as the fuzzer sends it. */
export type FuzzRequest = { kind: string; payload?: string | Buffer; contentType?: string; ifMatch?: string };

const json = (kind: string) => (value: unknown): FuzzRequest => {
  const payload = JSON.stringify(value);
  return payload === undefined ? { kind } : { kind, payload, contentType: 'application/json' };
};

/** Sets `path` (e.g. ['indicators', 0, 'target']) in a copy of `body`. */
export function withValue(body: unknown, path: readonly (string | number)[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy;
}

const WRONG_TYPES = [
  'text/plain', 'text/plain; charset=utf-8', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded',
  'application/octet-stream', 'text/csv', 'application/jsonx', 'application/problem+json', 'application/json; charset=utf-16',
  'application/json; charset=latin1', 'APPLICATION/JSON', 'application/vnd.api+json', 'image/png',
];

const RAW_JSON = [
  '', ' ', 'null', '0', '"x"', '[]', '{', '}', '{"a":}', "{'amount': 1}", '{"amount": NaN}', '{"amount": 0x10}', '{"amount": 1e309}',
  '{"amount": -0, "date": "2022-06-01"}', '{"amount": 1e309, "date": "2022-06-01"}', '{"__proto__": {"polluted": 1}}',
  '{"constructor": {"prototype": {"polluted": 1}}}', '{"a": 1, "a": 2}', '\uFEFF{}', '[' .repeat(5000) + ']'.repeat(5000),
  `{"note": "${'\\u0000'.repeat(100)}"}`, '{"amount": "1000", "date": "2022-06-01"} trailing',
];

/** Everything but a well-formed body for `valid` with its `paths` mutated. */
export function fuzzRequest(valid: unknown, paths: readonly (readonly (string | number)[])[]): fc.Arbitrary<FuzzRequest> {
  const keys = [...new Set(paths.map((p) => String(p[0])))];
  const request = fc.oneof(
    { weight: 2, arbitrary: fc.anything({ maxDepth: 3 }).map(json('anything')) },
    { weight: 1, arbitrary: fc.object({ maxDepth: 2 }).map(json('object')) },
    {
      weight: 3,
      arbitrary: fc
        .record(Object.fromEntries(keys.map((k) => [k, oddValue])), { requiredKeys: [] })
        .map(json('right keys, odd values')),
    },
    {
      weight: 6,
      arbitrary: fc
        .tuple(fc.constantFrom(...paths), oddValue)
        .map(([path, value]) => withValue(valid, path, value))
        .map(json('one field spoiled')),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...paths).map((path) => withValue(valid, path, undefined)).map(json('one field dropped')),
    },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_JSON).map((payload) => ({ kind: 'raw json', payload, contentType: 'application/json' })) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary' }).map((payload) => ({ kind: 'raw text as json', payload, contentType: 'application/json' })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ kind: 'raw bytes', payload: Buffer.from(bytes), contentType: 'application/json' })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...WRONG_TYPES).map((contentType) => ({ kind: 'wrong content type', payload: JSON.stringify(valid), contentType })),
    },
  );
  // Now and then an If-Match header, well-formed or not.
  const ifMatch = fc.oneof(
    { weight: 9, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom('"0"', 'W/"3"', '*', '-1', '"99999999999999999999"', 'abc', '""') },
    { weight: 1, arbitrary: fc.string().filter((s) => /^[\x20-\x7e]*$/.test(s)) },
  );
  return fc.tuple(request, ifMatch).map(([r, m]) => (m === null ? r : { ...r, ifMatch: m }));
}
