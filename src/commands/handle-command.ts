import { randomUUID } from 'node:crypto';
import { Refusal } from '../../commands/errors.js';
import type { ProjectCommand } from '../../commands/project/command.js';
import { decide } from '../../commands/project/decide.js';
import { refOf, streamOfRef, type YearRef } from '../../domain/project/department-stream.js';
import { foldProject } from '../../domain/project/fold.js';
import type { ProjectState } from '../../domain/project/state.js';
import { isoTimestamp, type Clock } from '../clock.js';
import { newEventId } from './event-id.js';
import { WrongExpectedRevisionError } from '../store/errors.js';
import type { EventStore, NewEvent } from '../store/event-store.js';

export type CommandDeps = {
  store: EventStore;
  clock: Clock;
  /** Current state of a stream; defaults to folding the stream. A stale answer only costs a 409. */
  loadState?: (stream: string) => Promise<ProjectState>;
  /**
   * A state held in memory, taken as current without asking the read model (that lookup cost a command
   * as much as its decision, bench: HTTP commands). When it may be stale (the append's revision check
   * fails, If-Match differs from it, or the decision refuses), the command is decided again on
   * `loadState`'s answer.
   */
  heldState?: (stream: string) => ProjectState | undefined;
  /**
   * Resolves once the read models include the given position; rejects when they have not within its
   * bound. Waited for after a successful append only to answer with read models that include it: its
   * failure never turns a written command into an error (the answer says the read models lag).
   */
  awaitProjections?: (position: bigint) => Promise<void>;
};

export type CommandOptions = {
  actor: string;
  /** The stream revision the caller last saw (If-Match); a different current revision is refused with 412. */
  expectedRevision?: number;
  correlationId?: string;
  /**
   * Access control, called with the department of the project as the command is decided on it (for a
   * registration, the department it names); throws to refuse. Undefined department: no such project.
   */
  authorize?: (department: string | undefined) => void;
};

export type CommandResult = {
  id: string;
  revision: number;
  position: bigint;
  events: number;
  /** The events are written but were not yet in the read models when the wait for them ended. */
  readModelsLag: boolean;
};

export const loadFromStream = (store: EventStore) => async (stream: string) => foldProject(await store.readStream(stream));

/**
 * Read, decide, append with the revision just read: the one way every command is carried out, on a
 * project-year (a bare id) or a department-year stream.
 */
export async function handleCommand(
  deps: CommandDeps,
  target: string | YearRef,
  command: ProjectCommand,
  options: CommandOptions,
): Promise<CommandResult> {
  const stream = streamOfRef(target);
  const projectId = refOf(target).id;
  const load = deps.loadState ?? loadFromStream(deps.store);
  const held = deps.heldState?.(stream);
  const attempt = async (state: ProjectState, checked: boolean): Promise<CommandResult> => {
    if (options.expectedRevision !== undefined && options.expectedRevision !== state.revision) {
      if (!checked) return attempt(await load(stream), true);
      throw stale(stream, options.expectedRevision, state.revision < 0 ? undefined : state.revision);
    }
    options.authorize?.(departmentOf(state, command));
    const now = deps.clock();
    let decided: ReturnType<typeof decide>;
    try {
      decided = decide(command, state, { now, actor: options.actor });
    } catch (error) {
      // A refusal may come from a held state that is out of date (another process declared the
      // indicator, reopened the evaluation …): only the state as loaded may refuse.
      if (!checked && error instanceof Refusal) return attempt(await load(stream), true);
      throw error;
    }
    const events = eventsOf(decided, now, options);
    let result: Awaited<ReturnType<EventStore['append']>>;
    try {
      result = await deps.store.append(stream, events, state.revision < 0 ? 'no_stream' : state.revision);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      // A held state that turned out stale: nothing was written; decide again on the state as loaded.
      if (!checked) return attempt(await load(stream), true);
      if (options.expectedRevision !== undefined) throw stale(stream, options.expectedRevision, error.actual);
      throw new Refusal(
        'conflict',
        'concurrent-write',
        `项目在此期间已被他人修改（版本 ${state.revision} → ${error.actual ?? '无'}），请刷新后重试 / the project changed concurrently; reload and retry`,
      );
    }
    // Written: from here on the answer is the result, whatever becomes of the read models.
    const readModelsLag = deps.awaitProjections === undefined ? false : await deps.awaitProjections(result.position).then(() => false, () => true);
    return { id: projectId, revision: result.nextRevision, position: result.position, events: events.length, readModelsLag };
  };
  return held === undefined ? attempt(await load(stream), true) : attempt(held, false);
}

function departmentOf(state: ProjectState, command: ProjectCommand): string | undefined {
  if (state.status !== 'none') return state.department;
  if (command.type === 'RegisterProject') return command.input.department;
  return command.type === 'RegisterDepartment' ? command.input.name : undefined;
}

/** The decided events, stamped with who, when recorded, when effective and why. */
function eventsOf(decided: ReturnType<typeof decide>, now: ReturnType<Clock>, options: CommandOptions): NewEvent[] {
  const recordedAt = isoTimestamp(now);
  const correlationId = options.correlationId ?? randomUUID();
  return decided.map(({ effectiveAt, reason, ...event }) => ({
    id: newEventId(),
    type: event.type,
    data: event.data,
    metadata: {
      actor: options.actor,
      recordedAt,
      effectiveAt: effectiveAt ?? recordedAt,
      ...(reason !== undefined ? { reason } : {}),
      correlationId,
      causationId: correlationId,
    },
  }));
}

function stale(stream: string, expected: number, actual: number | undefined): Refusal {
  return new Refusal(
    'stale',
    'stale-revision',
    `If-Match 版本 ${expected} 已过期，${stream} 当前版本为 ${actual ?? '（不存在）'} / stale revision`,
    [{ field: 'If-Match', message: `当前版本 ${actual ?? '（不存在）'}` }],
  );
}
