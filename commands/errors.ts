/** Which field a refusal is about, and what was expected there. */
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

/**
 * A request refused, for any reason a caller must be told: invalid input, no or the wrong
 * credentials, nothing there, a conflict, a stale revision, or a domain rule. Decisions, the
 * application service and the HTTP layer throw it; the HTTP layer answers it as
 * application/problem+json with the status of its kind, the CLI as JSON on stderr.
 */
export class Refusal extends Error {
  override readonly name = 'Refusal';
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

export const invalid = (field: string, message: string): Refusal =>
  new Refusal('invalid', 'invalid-input', `${field}: ${message}`, [{ field, message }]);

export const invalidMany = (errors: FieldError[]): Refusal =>
  new Refusal('invalid', 'invalid-input', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);

export const refuse = (rule: string, message: string, errors: FieldError[] = []): Refusal =>
  new Refusal('rule', rule, message, errors);

export const notFound = (rule: string, message: string, field?: string): Refusal =>
  new Refusal('not_found', rule, message, field ? [{ field, message }] : []);
