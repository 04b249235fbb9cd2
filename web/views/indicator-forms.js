import { h } from '../dom.js';
import { commandForm, compact } from '../form.js';
import { indicatorLabel } from './parts.js';

/** A typed number goes as a number; anything else as typed, so the API names the field. */
export const numberOrText = (text) => (/^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text);

const indicatorPath = (id, what) => `/indicators/${encodeURIComponent(id)}/${what}`;

/**
 * The commands on one indicator: 实际完成值, 预计全年完成值, 定性评价, 目标调整 and 人工调整得分,
 * each with the indicator chosen by id · 二级指标 · name (names repeat within a table).
 */
export function indicatorForms(session) {
  const send = (path, body) => session.send(path, body);

  const actual = commandForm({
    id: 'form-actual',
    title: '记录实际完成值',
    submitLabel: '记录',
    fields: [
      { name: 'indicatorId', label: '指标', type: 'select', keep: true },
      { name: 'value', label: '实际完成值', placeholder: '如 1个、96%、45万元、2022-11-30' },
      { name: 'asOf', label: '截至日期', type: 'date', keep: true },
      { name: 'evidence', label: '佐证材料（可选）' },
      { name: 'note', label: '备注（可选）' },
    ],
    onSubmit: ({ indicatorId, ...v }) => send(indicatorPath(indicatorId, 'actuals'), compact(v)),
  });

  const forecast = commandForm({
    id: 'form-forecast',
    title: '预计全年完成值',
    submitLabel: '记录',
    fields: [
      { name: 'indicatorId', label: '指标', type: 'select', keep: true },
      { name: 'value', label: '预计全年完成值', placeholder: '如 98%、2个' },
      { name: 'asOf', label: '预计日期', type: 'date', keep: true },
      { name: 'note', label: '依据（可选）' },
    ],
    onSubmit: ({ indicatorId, ...v }) => send(indicatorPath(indicatorId, 'forecasts'), compact(v)),
  });

  const assessment = commandForm({
    id: 'form-assessment',
    title: '定性评价',
    fields: [
      { name: 'indicatorId', label: '指标', type: 'select', keep: true },
      { name: 'grade', label: '评价', type: 'select' },
      { name: 'score', label: '得分（可选，须在该等级的得分范围内）', type: 'text', placeholder: '留空按默认分' },
      { name: 'comment', label: '说明（可选）', type: 'textarea' },
    ],
    onSubmit: ({ indicatorId, score, ...v }) =>
      send(indicatorPath(indicatorId, 'assessment'), compact({ ...v, score: score.trim() ? numberOrText(score) : '' })),
  });

  const revision = commandForm({
    id: 'form-revision',
    title: '目标调整（须批准文号）',
    submitLabel: '调整',
    fields: [
      { name: 'indicatorId', label: '指标', type: 'select', keep: true },
      { name: 'target', label: '新的年度指标值', placeholder: '如 = 2 个、≥ 95%' },
      { name: 'reason', label: '调整原因', type: 'textarea' },
      { name: 'approvalRef', label: '批准文号', placeholder: '如 黔财预〔2022〕5号' },
    ],
    onSubmit: ({ indicatorId, ...v }) => send(indicatorPath(indicatorId, 'revisions'), compact(v)),
  });

  const override = commandForm({
    id: 'form-score-override',
    title: '人工调整得分（须说明理由）',
    submitLabel: '调整',
    fields: [
      { name: 'indicatorId', label: '指标', type: 'select', keep: true },
      { name: 'score', label: '得分', placeholder: '不超过该指标分值' },
      { name: 'reason', label: '理由', type: 'textarea' },
    ],
    onSubmit: ({ indicatorId, score, ...v }) => send(indicatorPath(indicatorId, 'score-override'), compact({ ...v, score: score.trim() ? numberOrText(score) : '' })),
  });

  /** The row button: qualitative indicators are assessed, the others get an actual. */
  function rowAction(indicator) {
    const qualitative = indicator.kind === 'qualitative';
    const target = qualitative ? assessment : actual;
    return h('button.small', {
      type: 'button',
      onclick: () => {
        target.set('indicatorId', indicator.id);
        target.el.scrollIntoView({ block: 'nearest' });
        target.input(qualitative ? 'grade' : 'value').focus();
      },
    }, qualitative ? '评价' : '记录');
  }

  let datesSet = false;
  return {
    forms: [actual.el, assessment.el, forecast.el, revision.el, override.el],
    rowAction,
    update({ project: p }) {
      const all = p.indicators.map((i) => [i.id, indicatorLabel(i)]);
      const qualitativeFirst = [...p.indicators].sort((a, b) => (b.kind === 'qualitative') - (a.kind === 'qualitative'));
      actual.setOptions('indicatorId', all);
      forecast.setOptions('indicatorId', all);
      revision.setOptions('indicatorId', all);
      override.setOptions('indicatorId', all);
      assessment.setOptions('indicatorId', qualitativeFirst.map((i) => [i.id, indicatorLabel(i)]));
      assessment.setOptions('grade', p.choices.grades.map((g) => [g, g]));
      if (!datesSet) {
        actual.set('asOf', session.today);
        forecast.set('asOf', session.today);
        datesSet = true;
      }
    },
  };
}
