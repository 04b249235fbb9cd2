import t from 'tap';
import { headerText } from '../../src/http/request-context.js';

t.test('X-Actor: UTF-8 bytes read as latin1, percent-encoded, or already Unicode all give the name', async (t) => {
  t.equal(headerText(Buffer.from('王五', 'utf8').toString('latin1')), '王五', 'raw UTF-8 over a socket');
  t.equal(headerText(encodeURIComponent('张三')), '张三', 'percent-encoded');
  t.equal(headerText('李四'), '李四', 'already decoded (inject)');
  t.equal(headerText('  auditor-1 '), 'auditor-1');
  t.equal(headerText('Müller'), 'Müller', 'latin1 text that is not UTF-8 stays as it is');
  t.equal(headerText(''), undefined);
  t.equal(headerText('%E4%B8'), '%E4%B8', 'a broken escape is kept as typed');
});
