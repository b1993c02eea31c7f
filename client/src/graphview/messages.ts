// The messages between the model graph panel (graph.ts) and its webview (main.ts).
import type { ModelGraphReply, Range } from './model';

/** To the webview: a graph to draw (`pick`: show the one the server picked, and fit it), or the
 * editor's cursor line. */
export type ToView = { type: 'graph'; reply: ModelGraphReply; pick: boolean } | { type: 'cursor'; line: number };

/** From the webview: it is ready; reveal a node's code; save an export (SVG text or PNG base64). */
export type FromView =
  | { type: 'ready' }
  | { type: 'reveal'; range: Range }
  | { type: 'save'; format: 'svg' | 'png'; data: string; name: string };
