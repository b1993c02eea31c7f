import * as vscode from 'vscode';

export type ServerState = 'starting' | 'ready' | 'error' | 'disabled';

/**
 * The status bar item. "Analysing" is derived on the client: a document sent to the server
 * (opened, saved, or changed while analyzeOnType is on) is pending until the server publishes
 * its diagnostics. The server does not publish for a version it skips (a slow file while typing),
 * so a pending document is given up after a while rather than spinning forever.
 */
export class Status implements vscode.Disposable {
  static readonly GIVE_UP_MS = 30000;
  private readonly item: vscode.StatusBarItem;
  private state: ServerState = 'starting';
  private detail = '';
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(command: string) {
    this.item = vscode.window.createStatusBarItem('shapelens.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Shape Lens';
    this.item.command = command;
    this.render();
    this.item.show();
  }

  set(state: ServerState, detail = ''): void {
    this.state = state;
    this.detail = detail;
    if (state !== 'ready') {
      this.clearPending();
    }
    this.render();
  }

  analysing(uri: string): void {
    if (this.state !== 'ready') {
      return;
    }
    clearTimeout(this.pending.get(uri));
    this.pending.set(uri, setTimeout(() => {
      this.analysed(uri);
    }, Status.GIVE_UP_MS));
    this.render();
  }

  analysed(uri: string): void {
    clearTimeout(this.pending.get(uri));
    if (this.pending.delete(uri)) {
      this.render();
    }
  }

  /** What the item shows, for the tests. */
  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    this.clearPending();
    this.item.dispose();
  }

  private clearPending(): void {
    this.pending.forEach((timer) => {
      clearTimeout(timer);
    });
    this.pending.clear();
  }

  private render(): void {
    const shown = this.state === 'ready' && this.pending.size > 0 ? 'analysing' : this.state;
    const [icon, summary] = {
      starting: ['$(loading~spin)', 'starting'],
      ready: ['$(check)', 'ready'],
      analysing: ['$(sync~spin)', 'analysing'],
      error: ['$(error)', 'error'],
      disabled: ['$(circle-slash)', 'disabled (shapelens.enable)'],
    }[shown];
    this.item.text = `${icon} Shape Lens`;
    this.item.tooltip = `Shape Lens: ${summary}${this.detail ? `\n${this.detail}` : ''}\nClick to show the output.`;
    this.item.backgroundColor =
      shown === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }
}
