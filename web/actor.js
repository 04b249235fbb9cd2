import { getActor, getToken, setActor } from './api.js';
import { h } from './dom.js';

let asked = false;

/**
 * Single-user mode (no token): the first write without a 填报人 asks for a name, once — every event
 * carries who recorded it. "暂不填写" goes on without one (recorded as "local") and is not asked again.
 */
export function askActorOnce() {
  if (asked || getActor() || getToken()) return Promise.resolve();
  asked = true;
  return new Promise((resolve) => {
    const input = h('input', { id: 'actor-ask', name: 'actor-ask', autocomplete: 'name', placeholder: '如 张三', size: 12 });
    const done = (name) => {
      if (name.trim()) {
        setActor(name);
        const header = document.getElementById('actor');
        if (header) header.value = name.trim();
      }
      dialog.close();
      dialog.remove();
      resolve();
    };
    const dialog = h('dialog.ask-actor', { 'aria-labelledby': 'actor-ask-title' },
      h('form', { method: 'dialog', onsubmit: (e) => (e.preventDefault(), done(input.value)) },
        h('h3', { id: 'actor-ask-title' }, '请填写您的姓名'),
        h('p.sub', '每条填报都会记下填报人；此后不再询问，可在页面右上角修改。'),
        h('label', { for: 'actor-ask' }, '填报人'), ' ', input,
        h('div.actions', h('button', { type: 'submit' }, '确定'), h('button.secondary', { type: 'button', onclick: () => done('') }, '暂不填写'))));
    dialog.addEventListener('cancel', (e) => (e.preventDefault(), done('')));
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  });
}
