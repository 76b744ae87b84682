import type { DryRunOptions, DryRunState, HostToView, ViewToHost } from '../../../shared/webviewMessages';
import { parseHostMessage } from '../../../shared/webviewMessages';
import { h } from './dom';
import { renderDiff } from './diffView';
import { renderModel } from './render';
import type { PerspectiveRole } from './sections';
import { isPerspectiveRole } from './sections';

interface VsCodeApi {
  postMessage(message: ViewToHost): void;
  getState(): unknown;
  setState(state: DryRunState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** Where the keyboard focus is, by `data-testid` and the element's index among those with it. */
interface FocusMark {
  testId: string;
  index: number;
}

function markFocus(app: HTMLElement): FocusMark | null {
  const active = document.activeElement;
  const testId = active instanceof HTMLElement ? active.dataset.testid : undefined;
  if (!active || !testId || !app.contains(active)) return null;
  const index = [...app.querySelectorAll(`[data-testid="${CSS.escape(testId)}"]`)].indexOf(active);
  return { testId, index };
}

function restoreFocus(app: HTMLElement, mark: FocusMark | null): void {
  if (!mark) return;
  const same = app.querySelectorAll<HTMLElement>(`[data-testid="${CSS.escape(mark.testId)}"]`);
  same[Math.min(mark.index, same.length - 1)]?.focus({ preventScroll: true });
}

// Kept private to this script: nothing else on the page can post to the extension.
(() => {
  const vscode = acquireVsCodeApi();
  const app = document.getElementById('app');
  if (!app) return;
  const saved = vscode.getState() as Partial<DryRunState> | undefined;
  let perspective: PerspectiveRole = isPerspectiveRole(saved?.perspective) ? saved.perspective : 'user';
  let state: DryRunState | undefined;
  let drawn = false;
  let lastFocus = '';

  const actions = {
    setOptions: (next: DryRunOptions) => vscode.postMessage({ type: 'options', options: next }),
    exportReport: (format: 'markdown' | 'json') => vscode.postMessage({ type: 'export', format }),
    reveal: (document: number, request: number) => vscode.postMessage({ type: 'reveal', document, request }),
    perspective: {
      get selected(): PerspectiveRole {
        return perspective;
      },
      onSelect: (role: PerspectiveRole) => {
        perspective = role;
        if (state) vscode.setState({ ...state, perspective });
      },
    },
  };

  const show = (message: HostToView): void => {
    if (message.type === 'busy') {
      app.setAttribute('aria-busy', 'true');
      return;
    }
    app.removeAttribute('aria-busy');
    if (message.type === 'unchanged') return;
    if (message.type === 'diff') {
      drawn = false;
      app.replaceChildren(renderDiff(document, message.report));
      return;
    }
    if (message.type === 'error') {
      drawn = false;
      app.replaceChildren(h(document, 'p', { class: 'warning', role: 'alert' }, message.message));
      return;
    }
    const { model, options, focus } = message;
    state = { uri: model.uri, options, perspective };
    vscode.setState(state);
    // A redraw (the plan or a catalog changed) keeps the user's place: focus, scroll and perspective.
    const mark = markFocus(app);
    const scroll = window.scrollY;
    app.replaceChildren(renderModel(document, model, options, actions, focus));
    const focusJson = JSON.stringify(focus);
    if (drawn && focusJson === lastFocus) {
      window.scrollTo(0, scroll);
      restoreFocus(app, mark);
    } else {
      app.querySelector<HTMLElement>('tr.focused')?.scrollIntoView({ block: 'center' });
    }
    drawn = true;
    lastFocus = focusJson;
  };

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseHostMessage(event.data);
    if (message) show(message);
  });
  vscode.postMessage({ type: 'ready' });
})();
