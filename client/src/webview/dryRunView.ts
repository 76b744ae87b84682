import type { DryRunState } from '../dryRun/panel';
import type { DryRunOptions, HostToView, ViewToHost } from '../../../shared/webviewMessages';
import { parseHostMessage } from '../../../shared/webviewMessages';
import { h } from './dom';
import { renderModel } from './render';

interface VsCodeApi {
  postMessage(message: ViewToHost): void;
  getState(): unknown;
  setState(state: DryRunState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

// Kept private to this script: nothing else on the page can post to the extension.
(() => {
  const vscode = acquireVsCodeApi();
  const app = document.getElementById('app');
  if (!app) return;

  const show = (message: HostToView): void => {
    if (message.type === 'busy') {
      app.setAttribute('aria-busy', 'true');
      return;
    }
    app.removeAttribute('aria-busy');
    if (message.type === 'error') {
      app.replaceChildren(h(document, 'p', { class: 'warning', role: 'alert' }, message.message));
      return;
    }
    const { model, options, focus } = message;
    vscode.setState({ uri: model.uri, options });
    const actions = {
      setOptions: (next: DryRunOptions) => vscode.postMessage({ type: 'options', options: next }),
      exportReport: (format: 'markdown' | 'json') => vscode.postMessage({ type: 'export', format }),
      reveal: (document: number, request: number) =>
        vscode.postMessage({ type: 'reveal', document, request }),
    };
    app.replaceChildren(renderModel(document, model, options, actions, focus));
    app.querySelector<HTMLElement>('tr.focused')?.scrollIntoView({ block: 'center' });
  };

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseHostMessage(event.data);
    if (message) show(message);
  });
  vscode.postMessage({ type: 'ready' });
})();
