import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { FromView, ToView } from './graphview/messages';
import type { ModelGraphReply } from './graphview/model';

export const REQUEST = 'shapelens/modelGraph';
const REFRESH_DELAY = 300; // ms after the last edit: the server analyses after the same pause

/**
 * "Show Model Graph": one panel beside the editor, drawing the models of one document. It follows
 * the document (new diagnostics, edits) and the editor's cursor, and reveals a node's code.
 */
export class GraphPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.Uri | undefined;
  private ready = false;
  // The last graph sent: a webview that loads again (hidden, then shown) gets it, with its pan and zoom.
  private last: Extract<ToView, { type: 'graph' }> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private asked = 0; // requests sent: an older reply never replaces a newer one
  private readonly listeners: vscode.Disposable[];

  constructor(private readonly extensionUri: vscode.Uri, private readonly client: () => LanguageClient | undefined) {
    this.listeners = [
      vscode.languages.onDidChangeDiagnostics((event) => {
        if (this.document && event.uris.some((uri) => uri.toString() === this.document?.toString())) {
          void this.refresh(undefined, false);
        }
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.uri.toString() === this.document?.toString() && event.contentChanges.length) {
          clearTimeout(this.timer);
          this.timer = setTimeout(() => void this.refresh(undefined, false), REFRESH_DELAY);
        }
      }),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor.document.uri.toString() === this.document?.toString()) {
          this.post({ type: 'cursor', line: event.selections[0]?.active.line ?? 0 });
        }
      }),
    ];
  }

  /** The command: from a code lens (uri, line), else the active editor's document and cursor line. */
  async show(uri?: string, line?: number): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const document = uri !== undefined ? vscode.Uri.parse(uri) : editor?.document.uri;
    if (!document || !this.client() || (uri === undefined && editor?.document.languageId !== 'python')) {
      void vscode.window.showInformationMessage('Shape Lens: open a Python file with the server running.');
      return;
    }
    if (document.scheme === 'vscode-notebook-cell') {
      void vscode.window.showInformationMessage('Shape Lens: the model graph is drawn for Python files, '
        + 'not notebooks.');
      return;
    }
    this.document = document;
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      this.panel = this.open();
    }
    this.panel.title = `Model graph: ${document.path.split('/').pop() ?? ''}`;
    await this.refresh(line ?? (editor?.document.uri.toString() === document.toString()
      ? editor.selection.active.line : undefined), true);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    this.listeners.forEach((listener) => {
      listener.dispose();
    });
  }

  private open(): vscode.WebviewPanel {
    const out = vscode.Uri.joinPath(this.extensionUri, 'out');
    const panel = vscode.window.createWebviewPanel('shapelens.graph', 'Model graph',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [out] });
    panel.webview.html = html(panel.webview, out);
    panel.webview.onDidReceiveMessage((message: FromView) => void this.received(message));
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.document = undefined;
      this.ready = false;
      this.last = undefined;
    });
    return panel;
  }

  private async refresh(line: number | undefined, pick: boolean): Promise<void> {
    const client = this.client();
    const document = this.document;
    if (!client || !document || !this.panel) return;
    const ticket = ++this.asked;
    const uri = client.code2ProtocolConverter.asUri(document);
    const params = line === undefined ? { uri } : { uri, line };
    const reply = await client.sendRequest<ModelGraphReply | null>(REQUEST, params);
    if (!reply || ticket !== this.asked) return;
    // An edit asks once after its pause and once more when its diagnostics arrive: the same graphs
    // are not laid out again.
    const shown = this.last?.reply;
    if (!pick && shown?.uri === reply.uri && JSON.stringify(shown.graphs) === JSON.stringify(reply.graphs)) return;
    this.post({ type: 'graph', reply, pick });
  }

  private post(message: ToView): void {
    if (!this.panel) return;
    if (message.type === 'graph') this.last = message;
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private async received(message: FromView): Promise<void> {
    if (message.type === 'ready') {
      this.ready = true;
      if (this.last) this.post({ ...this.last, pick: false });
      const editor = this.editor();
      if (editor) this.post({ type: 'cursor', line: editor.selection.active.line });
    } else if (message.type === 'reveal') {
      await this.reveal(message.range);
    } else {
      await save(message.format, message.data, message.name, this.document);
    }
  }

  private editor(): vscode.TextEditor | undefined {
    return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.document?.toString());
  }

  /** Puts the cursor at the start of a node's code in its editor (opened beside the panel if needed). */
  private async reveal(range: { start: { line: number; character: number }; end: { line: number; character: number } }):
  Promise<void> {
    if (!this.document) return;
    const start = new vscode.Position(range.start.line, range.start.character);
    const whole = new vscode.Range(start, new vscode.Position(range.end.line, range.end.character));
    const visible = this.editor();
    const editor = await vscode.window.showTextDocument(this.document, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection: new vscode.Range(start, start),
    });
    editor.revealRange(whole, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

async function save(format: 'svg' | 'png', data: string, name: string, beside: vscode.Uri | undefined): Promise<void> {
  const folder = beside ? vscode.Uri.joinPath(beside, '..') : undefined;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder && vscode.Uri.joinPath(folder, `${name}.${format}`),
    filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
  });
  if (!target) return;
  const bytes = format === 'svg' ? new TextEncoder().encode(data) : Buffer.from(data, 'base64');
  await vscode.workspace.fs.writeFile(target, bytes);
  void vscode.window.showInformationMessage(`Shape Lens: saved ${vscode.workspace.asRelativePath(target)}.`);
}

function html(webview: vscode.Webview, out: vscode.Uri): string {
  const nonce = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(out, 'graphview.js')).toString();
  const style = webview.asWebviewUri(vscode.Uri.joinPath(out, 'graphview.css')).toString();
  const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `img-src ${webview.cspSource} data:`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}" nonce="${nonce}">
<title>Model graph</title>
</head>
<body>
<div id="toolbar">
<select id="graphs" aria-label="Model" hidden></select>
<button id="fit" title="Fit the graph to the panel">Fit</button>
<button id="export-svg">Export SVG</button>
<button id="copy-png">Copy as PNG</button>
<span id="status" role="status"></span>
</div>
<svg id="canvas" role="img" aria-label="Model graph">
<defs>${['arrow', 'arrow-error'].map((id) => `
<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
<path d="M0,0 L10,5 L0,10 z"/></marker>`).join('')}
</defs>
<g id="viewport"></g>
</svg>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
