import * as vscode from 'vscode';
import { GraphPanel } from './graph';
import { askForInterpreter, findInterpreter, onPythonExtensionChange, pythonExtensionInterpreter } from './python';
import { Server } from './server';
import { readSettings, SECTION } from './settings';
import { Status } from './status';
import { SCHEME, showModelSummary, SummaryDocuments } from './summary';

let server: Server | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Shape Lens');
  const showOutput = (): void => {
    output.show(true);
  };
  const status = new Status('shapelens.showOutput');
  const summaries = new SummaryDocuments();
  const resource = (): vscode.Uri | undefined =>
    vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  server = new Server({
    extensionPath: context.extensionPath,
    output,
    status,
    findInterpreter: (setting) => findInterpreter(setting, () => pythonExtensionInterpreter(resource())),
    noInterpreter: (problem) => void askForInterpreter(problem, showOutput),
  });
  const running = server;
  const graphs = new GraphPanel(context.extensionUri, () => running.running);
  context.subscriptions.push(
    graphs,
    output,
    status,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, summaries),
    vscode.commands.registerCommand('shapelens.restartServer', () => running.restart()),
    vscode.commands.registerCommand('shapelens.showOutput', showOutput),
    vscode.commands.registerCommand('shapelens.showModelSummary', () => showModelSummary(running.running, summaries)),
    vscode.commands.registerCommand('shapelens.showGraph', (uri?: string, line?: number) => graphs.show(uri, line)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SECTION)) {
        running.settingsChanged();
      }
    }),
    // Trusting the workspace lets the server read its data files (see settings.readSettings).
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      running.settingsChanged();
    }),
  );
  void running.start();
  // Picking another environment in the Python extension matters only when ours is not set.
  void onPythonExtensionChange(() => {
    if (!readSettings().interpreter) {
      running.scheduleRestart();
    }
  }).then((listener) => listener && context.subscriptions.push(listener));
}

export function deactivate(): Promise<void> | undefined {
  return server?.stop();
}
