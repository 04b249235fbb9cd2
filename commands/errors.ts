/** A refusal the HTTP layer maps to application/problem+json. */
export type FieldError = { field: string; message: string };

export type RefusalKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'stale' | 'too_large' | 'rule';

export const STATUS_OF: Record<RefusalKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  stale: 412,
  too_large: 413,
  rule: 422,
};

export class CommandRefused extends Error {
  override readonly name = 'CommandRefused';
  constructor(
    readonly kind: RefusalKind,
    /** Short rule name, e.g. "targets-locked". */
    readonly rule: string,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }
}

export const invalid = (field: string, message: string): CommandRefused =>
  new CommandRefused('invalid', 'invalid-input', `${field}: ${message}`, [{ field, message }]);

export const invalidMany = (errors: FieldError[]): CommandRefused =>
  new CommandRefused('invalid', 'invalid-input', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);

export const refuse = (rule: string, message: string, errors: FieldError[] = []): CommandRefused =>
  new CommandRefused('rule', rule, message, errors);

export const notFound = (rule: string, message: string, field?: string): CommandRefused =>
  new CommandRefused('not_found', rule, message, field ? [{ field, message }] : []);
