import { Refusal } from '../../commands/errors.js';
import { headerText } from './request-context.js';

/** The longest actor name the audit trail keeps (a person's or an office's name). */
export const MAX_ACTOR_LENGTH = 64;

// Control characters (C0, DEL, C1), bidi overrides and isolates, line and paragraph separators: each
// can make an audit line read as something it is not.
const UNSAFE = /[\p{Cc}\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

/**
 * The actor named by `X-Actor` in single-user mode: decoded (raw UTF-8 or percent-encoded), then
 * trimmed; undefined when absent or blank. Refused (400) when it holds control or bidi characters or is
 * longer than MAX_ACTOR_LENGTH characters.
 */
export function actorFromHeader(value: string | string[] | undefined): string | undefined {
  const actor = headerText(value);
  if (actor === undefined) return undefined;
  const refuse = (message: string) =>
    new Refusal('invalid', 'invalid-actor', `X-Actor: ${message}`, [{ field: 'X-Actor', message }]);
  if (UNSAFE.test(actor)) throw refuse('不能包含控制字符或双向文本控制符 / control or bidi characters are not allowed');
  if ([...actor].length > MAX_ACTOR_LENGTH) throw refuse(`不能超过 ${MAX_ACTOR_LENGTH} 个字符 / at most ${MAX_ACTOR_LENGTH} characters`);
  return actor;
}
