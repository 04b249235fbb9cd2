import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

/**
 * The layers of README "Architecture": domain/ imports nothing of the project; commands/ and
 * projections/ import domain/ (and themselves) but never src/, type imports included; the write
 * side and the read side do not import each other.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const ALLOWED: Record<string, string[]> = {
  domain: ['domain'],
  commands: ['commands', 'domain'],
  projections: ['projections', 'domain'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/** Every module a file names: static imports and re-exports (type-only too) and dynamic import(). */
export function specifiersOf(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) found.push(m[1]!);
  return found;
}

/** The top-level folder of the project a relative specifier lands in; undefined for a package. */
function layerOf(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return relative(ROOT, resolve(ROOT, dirname(file), specifier)).split('/')[0];
}

t.test('the import finder sees static, type-only, re-export and dynamic imports', async (t) => {
  t.same(
    specifiersOf(`import type { A } from '../src/a.js';\nexport { B } from "./b.js";\nconst c = await import('../../src/c.js');\nimport { z } from 'zod';`),
    ['../src/a.js', './b.js', '../../src/c.js', 'zod'],
  );
});

for (const [layer, allowed] of Object.entries(ALLOWED)) {
  t.test(`${layer}/ imports only ${allowed.join(' and ')}/ of the project`, async (t) => {
    const files = sourceFiles(layer);
    t.ok(files.length > 0, `${layer}/ has source files`);
    const wrong: string[] = [];
    for (const file of files) {
      for (const specifier of specifiersOf(readFileSync(join(ROOT, file), 'utf8'))) {
        const target = layerOf(file, specifier);
        if (target !== undefined && !allowed.includes(target)) wrong.push(`${file} → ${specifier}`);
      }
    }
    t.same(wrong, [], 'no import leaves the allowed layers');
  });
}
