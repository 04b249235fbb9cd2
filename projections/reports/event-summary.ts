import type { ProjectEvent } from '../../domain/project/events.js';
import { toProjectEvent } from '../../domain/project/fold.js';
import type { ProjectState } from '../../domain/project/state.js';
import { formatFen } from '../../domain/values/format.js';
import type { RecordedEvent } from '../../domain/recorded-event.js';

/**
 * One line of Chinese per event, for the history an auditor reads. Names come from the state
 * before the event (an indicator is named as it was known then).
 */

const score = (n: number): string => n.toFixed(2);
const money = (fen: number): string => `${formatFen(fen)} 元`;

function indicatorName(before: ProjectState, id: string | undefined): string {
  if (before.status === 'none' || id === undefined) return id ?? '';
  return before.indicators.find((i) => i.id === id)?.name ?? id;
}

/** The summary of a parsed project event, without the actor. */
function describe(event: ProjectEvent, before: ProjectState): string {
  switch (event.type) {
    case 'ProjectRegistered': {
      const d = event.data;
      if (d.kind === 'department') return `登记部门整体「${d.name}」（${d.year}年度），年度部门整体支出预算 ${money(d.budget.initialFen)}`;
      const unit = d.unit !== undefined && d.unit !== d.department ? `，实施单位 ${d.unit}` : '';
      return `登记项目「${d.name}」（编码 ${d.code}，${d.year}年度），主管部门 ${d.department}${unit}，年初预算 ${money(d.budget.initialFen)}`;
    }
    case 'TargetsDeclared': {
      const again = before.status !== 'none' && before.indicators.length > 0;
      return `${again ? '重新申报' : '申报'}绩效目标，共 ${event.data.indicators.length} 项三级指标`;
    }
    case 'TasksDeclared': {
      const again = before.status !== 'none' && (before.tasks?.length ?? 0) > 0;
      const reason = event.data.reason ? `，原因：${event.data.reason}` : '';
      return `${again ? '重新申报' : '申报'}年度主要任务，共 ${event.data.tasks.length} 项：${event.data.tasks.map((t) => t.name).join('、')}${reason}`;
    }
    case 'SpendingPlanSet':
      return `设定资金支出计划：${event.data.checkpoints.map((c) => `${c.month}月底 ${c.cumulativePercent}%`).join('、')}`;
    case 'SpendingRecorded': {
      const d = event.data;
      const head = d.amountFen < 0 ? '更正支出' : '记录支出';
      const note = d.note ? `，摘要：${d.note}` : '';
      const reason = d.reason ? `，原因：${d.reason}` : '';
      const task = d.task ? `，任务 ${d.task}` : '';
      return `${head} ${money(d.amountFen)}（${d.date}）${task}${note}${reason}`;
    }
    case 'BudgetAdjusted': {
      const d = event.data;
      return `将全年预算由 ${money(d.previousFen)} 调整为 ${money(d.totalFen)}，依据 ${d.approvalRef}`;
    }
    case 'ActualRecorded': {
      const d = event.data;
      return `记录「${indicatorName(before, d.indicatorId)}」实际完成值 ${d.text}（截至 ${d.asOf}）`;
    }
    case 'TargetRevised': {
      const d = event.data;
      return `将「${indicatorName(before, d.indicatorId)}」目标由 ${d.previousTargetText} 调整为 ${d.targetText}，依据 ${d.approvalRef}`;
    }
    case 'IndicatorAssessed': {
      const d = event.data;
      const scored = d.score !== undefined ? `，得分 ${score(d.score)}` : '';
      const comment = d.comment ? `，说明：${d.comment}` : '';
      return `评定「${indicatorName(before, d.indicatorId)}」为 ${d.grade}${scored}${comment}`;
    }
    case 'ScoreOverridden': {
      const d = event.data;
      return `将「${indicatorName(before, d.indicatorId)}」得分人工调整为 ${score(d.score)}，理由：${d.reason}`;
    }
    case 'DeviationRecorded': {
      const d = event.data;
      const what = d.indicatorId === undefined ? '预算执行' : `「${indicatorName(before, d.indicatorId)}」`;
      const likely = d.likelihood ? `，能否完成：${d.likelihood}` : '';
      const when = d.checkpoint === undefined ? '' : d.checkpoint === 'year-end' ? '年末' : `${d.checkpoint}月`;
      return `记录${what}${when ? `${when}` : ''}偏差（${d.category}），原因：${d.reason}，措施：${d.measure}${likely}`;
    }
    case 'IndicatorForecastRecorded': {
      const d = event.data;
      const note = d.note ? `，说明：${d.note}` : '';
      return `预计「${indicatorName(before, d.indicatorId)}」全年完成 ${d.text}（${d.asOf} 预计）${note}`;
    }
    case 'SpendingForecastRecorded': {
      const d = event.data;
      const source = d.source ? `（${d.source}）` : '';
      const note = d.note ? `，说明：${d.note}` : '';
      return `预计全年执行数${source} ${money(d.amountFen)}（${d.asOf} 预计）${note}`;
    }
    case 'GoalsRevised':
      return `修改年度总体目标为「${event.data.goals.annual ?? ''}」（原为「${event.data.previous.annual ?? ''}」），原因：${event.data.reason}`;
    case 'AchievementsDescribed': {
      const d = event.data;
      return `${d.previousText === undefined ? '填写' : '修改'}实际完成情况：${d.text}${d.reason ? `，原因：${d.reason}` : ''}`;
    }
    case 'ExecutionScoreOverridden':
      return `将预算执行率得分人工调整为 ${score(event.data.score)}，理由：${event.data.reason}`;
    case 'ImplementationPeriodSet': {
      const d = event.data;
      return `设定项目实施期 ${d.period.start} 至 ${d.period.end}${d.reason ? `，原因：${d.reason}` : ''}`;
    }
    case 'DisplayUnitSet':
      return `金额显示单位由 ${event.data.previous} 改为 ${event.data.unit}`;
    case 'EvaluationSubmitted':
      return `提交自评，总分 ${score(event.data.total)}，等级 ${event.data.grade}`;
    case 'EvaluationReopened':
      return `重新打开自评，原因：${event.data.reason}`;
  }
}

/** "<actor> <what happened>"; an event of another type is named by its type. */
export function summarizeProjectEvent(event: ProjectEvent | undefined, type: string, actor: string, before: ProjectState): string {
  return `${actor} ${event ? describe(event, before) : `记录 ${type}`}`;
}

export function summarizeEvent(event: RecordedEvent, before: ProjectState): string {
  return summarizeProjectEvent(toProjectEvent(event), event.type, event.metadata.actor, before);
}
