import type { Test } from 'tap';
import { DateTime } from 'luxon';
import { Refusal, STATUS_OF, type RefusalKind } from '../../commands/errors.js';
import { ALL_COMMANDS } from '../../commands/project/catalog.js';
import type { Decided, ProjectCommand } from '../../commands/project/command.js';
import { decide } from '../../commands/project/decide.js';
import type { ProjectEvent } from '../../domain/project/events.js';
import { applyEvent, initialState, type ProjectState } from '../../domain/project/state.js';
import { ZONE } from '../../src/clock.js';

/**
 * Decisions read as rules, in the manner of Emmett's DeciderSpecification:
 *
 *   decider(t).given(events).when(command).then(events)
 *   decider(t).given(events).when(command).thenRefused({ rule, field, status })
 *
 * `given` folds the events into the state `decide` sees; `when` decides at a fixed "now"
 * (Asia/Shanghai), as the command handler would, with nothing written anywhere.
 */

/** What a refusal must say: its rule, the HTTP status its kind maps to, the fields it names, its detail. */
export type ExpectedRefusal = {
  rule: string;
  status?: number;
  kind?: RefusalKind;
  /** A field the refusal names (among others). */
  field?: string;
  /** Exactly the fields the refusal names, in order. */
  fields?: string[];
  detail?: RegExp;
};

export type Given = {
  when(command: ProjectCommand, options?: { now?: string; actor?: string }): Then;
};

export type Then = {
  /** The command is accepted and decides exactly these events (with effectiveAt and reason). */
  then(expected: Decided[]): void;
  /** The command is refused: no event is decided, and the refusal is the one expected. */
  thenRefused(expected: ExpectedRefusal): void;
};

/** Default clock of the specifications: 1 July 2022, 09:00 in Shanghai, as in the HTTP refusal tests. */
export const SPEC_NOW = '2022-07-01T09:00:00';

export function decider(t: Test) {
  return {
    given(events: readonly (ProjectEvent | Decided)[]): Given {
      const state = stateOf(events);
      return {
        when(command, options = {}): Then {
          const now = DateTime.fromISO(options.now ?? SPEC_NOW, { zone: ZONE });
          const run = (): { events: Decided[] } | { refused: unknown } => {
            try {
              return { events: decide(command, state, { now, actor: options.actor ?? '张三' }) };
            } catch (refused) {
              return { refused };
            }
          };
          return {
            then(expected) {
              const outcome = run();
              if ('refused' in outcome) {
                t.fail(`${command.type} was refused: ${String(outcome.refused)}`);
                return;
              }
              t.strictSame(outcome.events, expected, `${command.type} decides ${expected.map((e) => e.type).join(', ') || 'nothing'}`);
            },
            thenRefused(expected) {
              const outcome = run();
              if (!('refused' in outcome)) {
                t.fail(`${command.type} was accepted (${outcome.events.map((e) => e.type).join(', ')}), expected refusal ${expected.rule}`);
                return;
              }
              const refusal = outcome.refused;
              if (!(refusal instanceof Refusal)) throw refusal;
              const label = `${command.type} refused by ${expected.rule}`;
              t.equal(refusal.rule, expected.rule, label);
              if (expected.kind) t.equal(refusal.kind, expected.kind, `${label}: kind`);
              if (expected.status) t.equal(STATUS_OF[refusal.kind], expected.status, `${label}: status ${expected.status}`);
              if (expected.field) {
                t.ok(refusal.errors.some((e) => e.field === expected.field), `${label}: names ${expected.field} (${JSON.stringify(refusal.errors)})`);
              }
              if (expected.fields) t.same(refusal.errors.map((e) => e.field), expected.fields, `${label}: names ${expected.fields.join(', ')}`);
              if (expected.detail) t.match(refusal.message, expected.detail, `${label}: detail`);
            },
          };
        },
      };
    },
  };
}

/** The state after the given events, each recorded by 张三 at the next revision. */
export function stateOf(events: readonly (ProjectEvent | Decided)[]): ProjectState {
  return events.reduce<ProjectState>(
    (state, event, revision) =>
      applyEvent(state, { type: event.type, data: event.data } as ProjectEvent, { actor: '张三', recordedAt: '2022-01-10T09:00:00.000+08:00', revision }),
    initialState(),
  );
}

/**
 * A command as the CLI and HTTP build it: the body parsed by the catalog's schema for the command
 * named by its CLI name (a body the schema refuses is a mistake in the test, not a refusal).
 */
export function command(cli: string, body: unknown, indicatorId = ''): ProjectCommand {
  const spec = ALL_COMMANDS.find((c) => c.cli === cli);
  if (!spec) throw new Error(`no command ${cli}`);
  return spec.withSchema((schema, build) => build(schema.parse(body), indicatorId));
}

/** Decides commands one after another after `before` (default: an empty stream): the events `before` and the accepted commands leave. */
export function history(steps: readonly { command: ProjectCommand; now?: string }[], before: readonly Decided[] = []): Decided[] {
  const events: Decided[] = [...before];
  for (const step of steps) {
    const now = DateTime.fromISO(step.now ?? SPEC_NOW, { zone: ZONE });
    events.push(...decide(step.command, stateOf(events), { now, actor: '张三' }));
  }
  return events;
}
