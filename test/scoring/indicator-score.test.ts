import t from 'tap';
import {
  checkGradeScore,
  scoreIndicator,
  type IndicatorScoreInput,
} from '../../domain/scoring/indicator-score.js';
import { round } from '../../domain/scoring/round.js';
import type { ActualValue, Comparator, Quantity, Target } from '../../domain/values/types.js';

const num = (value: number, unit = ''): Quantity => ({ kind: 'number', value, unit });
const money = (fen: number): Quantity => ({ kind: 'money', fen });
const cmp = (comparator: Comparator, q: Quantity): Target => ({ kind: 'compare', comparator, quantity: q });
const got = (q: Quantity): ActualValue => ({ kind: 'quantity', quantity: q });

const score = (target: Target, actual?: ActualValue, extra: Partial<IndicatorScoreInput> = {}) =>
  scoreIndicator({ target, points: 10, reverse: 'linear', ...(actual ? { actual } : {}), ...extra });
const scored = (target: Target, actual?: ActualValue, extra: Partial<IndicatorScoreInput> = {}) =>
  round(score(target, actual, extra).score, 'decimal2');

t.test('≥: reaching the target scores full points, falling short scores w·B/A', async (t) => {
  t.equal(scored(cmp('>=', num(7, '次')), got(num(7, '次'))), 10);
  t.equal(scored(cmp('>=', num(7, '次')), got(num(9, '次'))), 10);
  t.equal(scored(cmp('>=', num(98, '%')), got(num(96, '%'))), 9.8);
  const r = score(cmp('>=', num(98, '%')), got(num(96, '%')));
  t.equal(r.status, 'partial');
  t.equal(r.achievementPercent, 97.96);
});

t.test('> is scored like ≥', async (t) => {
  t.equal(scored(cmp('>', num(4)), got(num(4))), 10);
  t.equal(scored(cmp('>', num(4)), got(num(3))), 7.5);
});

t.test('= below the target scores w·B/A and at or above it full points', async (t) => {
  t.equal(scored(cmp('=', num(100, '%')), got(num(90, '%'))), 9);
  t.equal(scored(cmp('=', num(2, '次')), got(num(3, '次'))), 10);
  t.equal(score(cmp('=', num(100, '%')), got(num(90, '%'))).achievementPercent, 90);
});

t.test('A = 0 on ≥ and >: any actual scores full points', async (t) => {
  t.equal(scored(cmp('>=', num(0)), got(num(0))), 10);
  t.equal(scored(cmp('>', num(0)), got(num(5))), 10);
  t.equal(score(cmp('>=', num(0)), got(num(5))).achievementPercent, null);
});

t.test('A = 0 on = ("安全事故 = 0"): full points at 0, nothing above', async (t) => {
  t.equal(scored(cmp('=', num(0, '起')), got(num(0, '起'))), 10);
  const r = score(cmp('=', num(0, '起')), got(num(1, '起')));
  t.equal(r.score, 0);
  t.equal(r.status, 'unmet');
});

t.test('A = 0 on ≤ and <: full points at 0, nothing above', async (t) => {
  t.equal(scored(cmp('<=', num(0, '%')), got(num(0, '%'))), 10);
  t.equal(scored(cmp('<=', num(0, '%')), got(num(0.5, '%'))), 0);
  t.equal(scored(cmp('<', num(0)), got(num(0))), 10);
  t.equal(scored(cmp('<', num(0)), got(num(2))), 0);
});

t.test('≤ within the ceiling scores full points; A/B is its achievement', async (t) => {
  const r = score(cmp('<=', money(50_000_000)), got(money(45_000_000)));
  t.equal(r.score, 10);
  t.equal(r.status, 'met');
  t.equal(r.achievementPercent, 111.11);
});

t.test('a ≤ indicator over target scores linearly to zero at 2×', async (t) => {
  const ceiling = cmp('<=', num(24, '小时'));
  t.equal(scored(ceiling, got(num(30, '小时'))), 7.5); // 1 − 6/24
  t.equal(scored(ceiling, got(num(36, '小时'))), 5);
  t.equal(scored(ceiling, got(num(48, '小时'))), 0);
  t.equal(scored(ceiling, got(num(60, '小时'))), 0);
  t.equal(score(ceiling, got(num(48, '小时'))).status, 'unmet');
});

t.test('a ≤ indicator over target under the ratio policy scores w·A/B, never reaching zero', async (t) => {
  const ceiling = cmp('<', num(24, '小时'));
  const ratio = { reverse: 'ratio' as const };
  t.equal(scored(ceiling, got(num(30, '小时')), ratio), 8);
  t.equal(scored(ceiling, got(num(48, '小时')), ratio), 5);
  t.equal(scored(ceiling, got(num(96, '小时')), ratio), 2.5);
});

t.test('negative actuals count as 0', async (t) => {
  t.equal(scored(cmp('>=', num(10)), got(num(-5))), 0);
  t.equal(scored(cmp('<=', num(10)), got(num(-5))), 10);
  t.equal(scored(cmp('=', num(0)), got(num(-1))), 10);
});

t.test('a range scores full points within, as ≥ min below and as ≤ max above', async (t) => {
  const range: Target = { kind: 'range', min: num(90, '%'), max: num(100, '%') };
  t.equal(scored(range, got(num(95, '%'))), 10);
  t.equal(scored(range, got(num(90, '%'))), 10);
  t.equal(scored(range, got(num(100, '%'))), 10);
  t.equal(scored(range, got(num(45, '%'))), 5);
  t.equal(scored(range, got(num(110, '%'))), 9); // 1 − 10/100
  t.equal(score(range, got(num(95, '%'))).achievementPercent, 100);
  t.equal(score(range, got(num(45, '%'))).achievementPercent, 50);
});

t.test('deadline: completed on or before the date scores full points', async (t) => {
  const deadline: Target = { kind: 'deadline', date: '2022-12-31' };
  const early = score(deadline, { kind: 'date', date: '2022-11-30' });
  t.equal(early.score, 10);
  t.equal(early.status, 'met');
  t.equal(score(deadline, { kind: 'date', date: '2022-12-31' }).score, 10);
});

t.test('deadline: completed late is scored as 定性, default 未达成 0.3w, or by its assessment', async (t) => {
  const deadline: Target = { kind: 'deadline', date: '2022-12-31' };
  const late = score(deadline, { kind: 'date', date: '2023-01-15' });
  t.equal(round(late.score, 'decimal2'), 3);
  t.equal(late.status, 'unmet');
  t.equal(late.grade, '未达成');
  const assessedLate = score(deadline, { kind: 'date', date: '2023-01-15' }, { assessment: { grade: '部分达成' } });
  t.equal(round(assessedLate.score, 'decimal2'), 7);
  t.equal(assessedLate.status, 'partial');
});

t.test('deadline: not completed by evaluation scores 未达成; before the deadline it is pending', async (t) => {
  const deadline: Target = { kind: 'deadline', date: '2022-12-31' };
  t.equal(round(score(deadline).score, 'decimal2'), 3);
  t.equal(score(deadline, undefined, { asOf: '2023-01-10' }).status, 'unmet');
  const early = score(deadline, undefined, { asOf: '2022-06-30' });
  t.equal(early.status, 'pending');
  t.equal(early.score, 0);
});

t.test('定性 graded with default scores: 达成 w, 部分达成 0.7w, 未达成 0.3w', async (t) => {
  const q: Target = { kind: 'qualitative', text: '高质量完成' };
  const w30 = (grade: '达成' | '部分达成' | '未达成') =>
    scoreIndicator({ target: q, points: 30, reverse: 'linear', assessment: { grade } });
  t.equal(round(w30('达成').score, 'decimal2'), 30);
  t.equal(w30('达成').status, 'met');
  t.equal(round(w30('部分达成').score, 'decimal2'), 21);
  t.equal(w30('部分达成').status, 'partial');
  t.equal(round(w30('未达成').score, 'decimal2'), 9);
  t.equal(w30('未达成').status, 'unmet');
});

t.test('定性 graded with a given score inside its band uses that score', async (t) => {
  const q: Target = { kind: 'qualitative', text: '有效' };
  t.equal(score(q, undefined, { assessment: { grade: '达成', score: 8.5 } }).score, 8.5);
  t.equal(score(q, undefined, { assessment: { grade: '达成', score: 8.5 } }).status, 'partial');
  t.equal(score(q, undefined, { assessment: { grade: '部分达成', score: 6 } }).score, 6);
  t.equal(score(q, undefined, { assessment: { grade: '未达成', score: 5.5 } }).score, 5.5);
  t.equal(score(q, undefined, { assessment: { grade: '未达成', score: 5.5 } }).status, 'unmet');
});

t.test('a given score outside its grade band is refused by checkGradeScore, with the band in 分', async (t) => {
  t.equal(checkGradeScore('达成', 8, 10), null);
  t.equal(checkGradeScore('达成', 10, 10), null);
  t.equal(checkGradeScore('部分达成', 8, 10), '部分达成的得分应在 [6, 8) 之内，得到 8');
  t.equal(checkGradeScore('未达成', 6, 10), '未达成的得分应在 [0, 6) 之内，得到 6');
  t.equal(checkGradeScore('部分达成', 5.711, 7.14), null); // band [4.284, 5.712)
  t.equal(checkGradeScore('部分达成', 5.712, 7.14), '部分达成的得分应在 [4.284, 5.712) 之内，得到 5.712');
});

t.test('a recorded score outside its band is still used by the scorecard (within [0, w]) and reported', async (t) => {
  const r = score({ kind: 'qualitative', text: '有效' }, undefined, { assessment: { grade: '达成', score: 5 } });
  t.equal(r.score, 5);
  t.match(r.problems[0], /达成的得分应在 \[8, 10\]/);
  const over = score({ kind: 'qualitative', text: '有效' }, undefined, { assessment: { grade: '达成', score: 12 } });
  t.equal(over.score, 10);
});

t.test('定性 with no assessment is pending and scores 0; a recorded grade is used when no assessment', async (t) => {
  const q: Target = { kind: 'qualitative', text: '有效' };
  t.same(score(q).status, 'pending');
  t.equal(score(q).score, 0);
  t.equal(score(q, { kind: 'grade', grade: '部分达成' }).score, 7);
  t.equal(score(q, { kind: 'grade', grade: '部分达成' }, { assessment: { grade: '达成' } }).score, 10);
});

t.test('a quantitative indicator with no actual is pending and scores 0', async (t) => {
  const r = score(cmp('>=', num(7, '次')));
  t.equal(r.status, 'pending');
  t.equal(r.score, 0);
  t.equal(r.achievementPercent, null);
});

t.test('a grade recorded against a quantitative indicator is scored as 定性', async (t) => {
  const r = score(cmp('>=', num(7, '次')), { kind: 'grade', grade: '部分达成' });
  t.equal(r.score, 7);
  t.equal(r.grade, '部分达成');
});

t.test('over-achievement: B ≥ 1.3A on ≥ or = scores full points but is flagged, from exactly 130 %', async (t) => {
  const at130 = score(cmp('>=', num(10, '次')), got(num(13, '次')));
  t.equal(at130.score, 10);
  t.equal(at130.status, 'met');
  t.equal(at130.overAchieved, true);
  t.equal(score(cmp('>=', num(98, '%')), got(num(127.4, '%'))).overAchieved, true);
  t.equal(score(cmp('>=', num(98, '%')), got(num(127.3, '%'))).overAchieved, false);
  t.equal(score(cmp('>=', num(10, '次')), got(num(12.9, '次'))).overAchieved, false);
  t.equal(score(cmp('=', num(10, '次')), got(num(13, '次'))).overAchieved, true, 'an = target exceeded that far too (issue 15)');
  t.equal(score(cmp('=', num(10, '次')), got(num(12.9, '次'))).overAchieved, false);
  t.equal(score(cmp('=', num(0, '次')), got(num(5, '次'))).overAchieved, false, '= 0 is not a level to exceed');
  t.equal(score(cmp('<=', num(10, '次')), got(num(2, '次'))).overAchieved, false);
});

t.test('money and a count cannot be compared: pending with the problem told', async (t) => {
  const r = score(cmp('<=', money(50_000_000)), got(num(45, '次')));
  t.equal(r.status, 'pending');
  t.match(r.problems[0], /金额/);
  const units = score(cmp('>=', num(7, '次')), got(num(7, '人')));
  t.equal(units.status, 'pending');
  t.equal(scored(cmp('>=', num(98, '%')), got(num(98))), 10); // a bare number is read in the target's unit
});
