import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const ROLES = ['recorder', 'reviewer', 'finance', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export type Principal = { actor: string; role: Role; departments: string[] };

const TokensFileSchema = z.record(
  z.string(),
  z.object({
    actor: z.string().min(1),
    role: z.enum(ROLES),
    departments: z.array(z.string().min(1)).default([]),
  }),
);

export type TokenTable = ReadonlyMap<string, Principal>;

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Reads JIXIAO_TOKENS_FILE: {"<sha256 hex of token>": {actor, role, departments}}. */
export function loadTokens(path: string): TokenTable {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`JIXIAO_TOKENS_FILE=${path}: cannot read a JSON object (${(error as Error).message})`);
  }
  const badKey = raw && typeof raw === 'object' ? Object.keys(raw).find((k) => !/^[0-9a-fA-F]{64}$/.test(k)) : undefined;
  if (badKey !== undefined) {
    throw new Error(`JIXIAO_TOKENS_FILE=${path}: key "${badKey.slice(0, 12)}…" is not the hex sha-256 of a token`);
  }
  const parsed = TokensFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ');
    throw new Error(`JIXIAO_TOKENS_FILE=${path}: ${issues}`);
  }
  return new Map(Object.entries(parsed.data).map(([hash, p]) => [hash.toLowerCase(), p]));
}

export function principalOfToken(tokens: TokenTable, token: string): Principal | undefined {
  return tokens.get(sha256Hex(token));
}
