import * as path from 'node:path';
import * as vscode from 'vscode';
import { HoverRequest, type LanguageClient, type MarkupContent } from 'vscode-languageclient/node';

export const SCHEME = 'shapelens-summary';

/** Read-only documents holding model summaries (a content provider's documents cannot be edited). */
export class SummaryDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  async show(title: string, text: string): Promise<void> {
    // A new URI each time: a content provider's document is cached while it is open.
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${title}.md`, query: String(Date.now()) });
    this.texts.set(uri.toString(), text);
    try {
      // Rendered by VS Code's built-in Markdown extension: the heading and the layer table.
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    } catch {
      // That extension can be disabled; the Markdown text still reads well.
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }
  }
}

/**
 * The summary of the model under the cursor, as the server's hover gives it: the model's hover
 * carries its layer table in a ```text block (other values' hovers have none).
 */
export async function showModelSummary(client: LanguageClient | undefined, documents: SummaryDocuments): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!client || editor?.document.languageId !== 'python') {
    void vscode.window.showInformationMessage('Shape Lens: open a Python file with the server running.');
    return;
  }
  const { document } = editor;
  const position = editor.selection.active;
  const hover = await client.sendRequest(
    HoverRequest.type,
    client.code2ProtocolConverter.asTextDocumentPositionParams(document, position),
  );
  const text = hover && (hover.contents as MarkupContent).value;
  if (!text || !/^`{3,}text$/m.test(text)) {
    void vscode.window.showInformationMessage(
      'Shape Lens: no model under the cursor. Put it on the name a model is assigned to.',
    );
    return;
  }
  const name = document.getText(document.getWordRangeAtPosition(position)) || 'model';
  const where = `${path.basename(document.fileName)}, line ${position.line + 1}`;
  await documents.show(`${name} summary`, `# Model summary: \`${name}\` (${where})\n\n${text}\n`);
}
