/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The model graph webview: lays the graph out with ELK (in this page, no worker), draws it as SVG,
// pans and zooms, and talks to the extension (graph.ts) by messages.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkLabel, ElkNode } from 'elkjs/lib/elk-api';
import {
  type Graph, type GraphNode, LINE_HEIGHT, type ModelGraphReply, PADDING, nodeAtLine, nodeLines, pickGraph,
  toElk, viewNodes,
} from './model';
import type { FromView, ToView } from './messages';

interface VsCodeApi {
  postMessage(message: FromView): void;
  getState(): View | undefined;
  setState(state: View): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface View {
  x: number;
  y: number;
  k: number;
  graph?: string;
  expanded: string[];
}

const SVG = 'http://www.w3.org/2000/svg';
const vscode = acquireVsCodeApi();
const elk = new ELK();
const view: View = vscode.getState() ?? { x: 20, y: 20, k: 1, expanded: [] };
/** An element of the page graph.ts writes. */
function byId<T extends Element>(id: string, kind: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof kind)) throw new Error(`no #${id}`);
  return found;
}
const canvas = byId('canvas', SVGSVGElement);
const viewport = byId('viewport', SVGGElement);
const picker = byId('graphs', HTMLSelectElement);
const status = byId('status', HTMLSpanElement);
let reply: ModelGraphReply | undefined;
let shown: Graph | undefined;
let cursorLine: number | undefined;
let drawn = 0; // layouts started: a slower, older one must not draw over a newer one

const measuring = document.createElement('canvas').getContext('2d');
const style = getComputedStyle(document.body);
// The fonts style.css draws with.
const FONTS = { name: `bold 12px ${style.fontFamily}`, line: `12px ${style.fontFamily}`,
  label: `11px ${style.getPropertyValue('--vscode-editor-font-family') || 'monospace'}` };
function measure(text: string, kind: keyof typeof FONTS): number {
  if (!measuring) return text.length * 7.5;
  measuring.font = FONTS[kind];
  return Math.ceil(measuring.measureText(text).width);
}

function element<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>,
  parent: Element): SVGElementTagNameMap[K] {
  const made = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) made.setAttribute(key, String(value));
  parent.appendChild(made);
  return made;
}

function keep(): void {
  vscode.setState(view);
  viewport.setAttribute('transform', `translate(${view.x},${view.y}) scale(${view.k})`);
}

// ---- drawing -------------------------------------------------------------------------------------

async function render(): Promise<void> {
  if (!reply || !shown) {
    viewport.replaceChildren();
    status.textContent = reply ? 'No model in this file.' : '';
    return;
  }
  const graph = shown;
  const expanded = new Set(view.expanded);
  const started = performance.now();
  const ticket = ++drawn;
  const laid = await elk.layout(toElk(graph, measure, expanded));
  if (ticket !== drawn) return;
  const layoutMs = performance.now() - started;
  const nodes = new Map(viewNodes(graph, expanded));
  const edges = new Map<string, { error: boolean }>();
  collectEdges(graph, '', edges);
  viewport.replaceChildren();
  drawContainer(laid, viewport, nodes, edges);
  keep();
  highlight();
  // For the end-to-end test: how long ELK took, and which drawing this is.
  document.body.dataset.layoutMs = layoutMs.toFixed(0);
  document.body.dataset.drawn = String(ticket);
  status.textContent = `${graph.name} (${graph.class}) · ${nodes.size} nodes · ${graph.errors.length} error` +
    `${graph.errors.length === 1 ? '' : 's'} · laid out in ${layoutMs.toFixed(0)} ms`;
}

function collectEdges(graph: Graph, prefix: string, into: Map<string, { error: boolean }>): void {
  graph.edges.forEach((edge, i) => into.set(`${prefix ? `${prefix}/` : ''}e${i}`, { error: edge.error !== null }));
  for (const node of graph.nodes) {
    if (node.graph) collectEdges(node.graph, prefix ? `${prefix}/${node.id}` : node.id, into);
  }
}

function drawContainer(container: ElkNode, parent: SVGGElement, nodes: Map<string, GraphNode>,
  edges: Map<string, { error: boolean }>): void {
  for (const child of container.children ?? []) {
    const node = nodes.get(child.id);
    if (node) drawNode(child, node, parent, nodes, edges);
  }
  for (const edge of container.edges ?? []) drawEdge(edge, parent, edges.get(edge.id)?.error ?? false);
}

function drawNode(box: ElkNode, node: GraphNode, parent: SVGGElement, nodes: Map<string, GraphNode>,
  edges: Map<string, { error: boolean }>): void {
  const kinds = ['node', node.input && 'input', node.output && 'output', node.class === 'Data' && 'data',
    node.graph && 'nested', box.children?.length && 'expanded'].filter(Boolean).join(' ');
  const group = element('g', { class: kinds, transform: `translate(${box.x ?? 0},${box.y ?? 0})`, tabindex: 0,
    role: 'button', 'data-id': box.id, 'aria-label': nodeLines(node).join(', ') }, parent);
  element('rect', { width: box.width ?? 0, height: box.height ?? 0, rx: 4 }, group);
  const text = element('text', { x: PADDING, y: PADDING / 2 + LINE_HEIGHT - 4 }, group);
  nodeLines(node).forEach((line, i) => {
    const span = element('tspan', { x: PADDING, dy: i ? LINE_HEIGHT : 0, class: i ? `line${i}` : 'name' }, text);
    span.textContent = line;
  });
  if (node.graph) element('title', {}, group).textContent = 'Click to expand or fold the model';
  if (box.children?.length) {
    const inside = element('g', { class: 'inside' }, group);
    drawContainer(box, inside, nodes, edges);
  }
}

function drawEdge(edge: ElkExtendedEdge, parent: SVGGElement, error: boolean): void {
  const group = element('g', { class: error ? 'edge error' : 'edge' }, parent);
  for (const section of edge.sections ?? []) {
    const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint];
    element('path', { d: points.map((p, i) => `${i ? 'L' : 'M'}${p.x},${p.y}`).join(' '),
      'marker-end': `url(#${error ? 'arrow-error' : 'arrow'})` }, group);
  }
  for (const label of edge.labels ?? []) drawLabel(label, group);
}

function drawLabel(label: ElkLabel, parent: SVGGElement): void {
  const text = element('text', { x: (label.x ?? 0) + 2, y: (label.y ?? 0) + (label.height ?? 0) - 3, class: 'label' },
    parent);
  text.textContent = label.text ?? '';
}

// ---- the cursor, clicks and keys ---------------------------------------------------------------

/** Marks the node of the cursor's line; `follow`: pans to it when it is out of sight. */
function highlight(follow = false): void {
  const current = shown && cursorLine !== undefined ? nodeAtLine(shown, cursorLine, new Set(view.expanded)) : undefined;
  for (const node of viewport.querySelectorAll('.node')) {
    const here = node.getAttribute('data-id') === current;
    node.classList.toggle('current', here);
    if (here && follow) {
      const [box, seen] = [node.getBoundingClientRect(), canvas.getBoundingClientRect()];
      if (box.bottom < seen.top || box.top > seen.bottom || box.right < seen.left || box.left > seen.right) {
        view.x += seen.left + seen.width / 2 - (box.left + box.width / 2);
        view.y += seen.top + seen.height / 2 - (box.top + box.height / 2);
        keep();
      }
    }
  }
}

function activate(target: Element): void {
  const id = target.getAttribute('data-id');
  const node = shown && id ? new Map(viewNodes(shown, new Set(view.expanded))).get(id) : undefined;
  if (!id || !node) return;
  if (node.location) vscode.postMessage({ type: 'reveal', range: node.location.range });
  if (node.graph) {
    view.expanded = view.expanded.includes(id) ? view.expanded.filter((e) => e !== id) : [...view.expanded, id];
    void render();
  }
}

viewport.addEventListener('click', (event) => {
  const target = (event.target as Element).closest('.node');
  if (target && !moved) activate(target);
});
viewport.addEventListener('keydown', (event) => {
  const target = (event.target as Element).closest('.node');
  if (target && event.key === 'Enter') activate(target);
});

// ---- pan and zoom --------------------------------------------------------------------------------

let dragging: { x: number; y: number } | undefined;
let moved = false;
canvas.addEventListener('pointerdown', (event) => {
  dragging = { x: event.clientX - view.x, y: event.clientY - view.y };
  moved = false;
});
canvas.addEventListener('pointermove', (event) => {
  if (!dragging) return;
  const [x, y] = [event.clientX - dragging.x, event.clientY - dragging.y];
  if (Math.abs(x - view.x) + Math.abs(y - view.y) > 2) moved = true;
  if (moved) {
    canvas.setPointerCapture(event.pointerId);
    [view.x, view.y] = [x, y];
    keep();
  }
});
canvas.addEventListener('pointerup', () => {
  dragging = undefined;
});
canvas.addEventListener('wheel', (event) => {
  event.preventDefault();
  const k = Math.min(4, Math.max(0.05, view.k * Math.exp(-event.deltaY / 500)));
  const box = canvas.getBoundingClientRect();
  const [px, py] = [event.clientX - box.left, event.clientY - box.top];
  // The point under the pointer stays where it is.
  view.x = px - ((px - view.x) * k) / view.k;
  view.y = py - ((py - view.y) * k) / view.k;
  view.k = k;
  keep();
}, { passive: false });

/** The whole graph in the panel (`whole`), or, when that would make it unreadably small (ResNet50
 * is 24,000 px tall), its width at most at full size, from the top. */
function fit(whole: boolean): void {
  const bounds = viewport.getBBox();
  const box = canvas.getBoundingClientRect();
  if (!bounds.width || !bounds.height) return;
  const all = Math.min(1.5, (box.width - 40) / bounds.width, (box.height - 40) / bounds.height);
  view.k = whole || all >= 0.5 ? all : Math.min(1, (box.width - 40) / bounds.width);
  view.x = (box.width - bounds.width * view.k) / 2 - bounds.x * view.k;
  view.y = 20 - bounds.y * view.k;
  keep();
}

// ---- export --------------------------------------------------------------------------------------

const INLINED = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'font-family', 'font-size', 'font-weight',
  'opacity'];

/** The drawing as a standalone SVG: theme colours resolved and written on each element. */
function standalone(): { svg: string; width: number; height: number } {
  const bounds = viewport.getBBox();
  const [width, height] = [Math.ceil(bounds.width + 40), Math.ceil(bounds.height + 40)];
  const copy = canvas.cloneNode(true) as SVGSVGElement;
  const copies = [...copy.querySelectorAll('*')];
  [...canvas.querySelectorAll('*')].forEach((live, i) => {
    const made = copies[i];
    if (!made) return;
    const style = getComputedStyle(live);
    for (const property of INLINED) made.setAttribute(property, style.getPropertyValue(property));
    made.removeAttribute('class');
    made.removeAttribute('tabindex');
  });
  copy.querySelector('#viewport')?.setAttribute('transform', `translate(${20 - bounds.x},${20 - bounds.y})`);
  for (const [key, value] of Object.entries({ xmlns: SVG, width, height, viewBox: `0 0 ${width} ${height}` })) {
    copy.setAttribute(key, String(value));
  }
  copy.removeAttribute('id');
  const background = document.createElementNS(SVG, 'rect');
  for (const [key, value] of Object.entries({ width: '100%', height: '100%',
    fill: getComputedStyle(document.body).backgroundColor })) background.setAttribute(key, value);
  copy.insertBefore(background, copy.firstChild);
  return { svg: new XMLSerializer().serializeToString(copy), width, height };
}

async function png(): Promise<string> {
  const { svg, width, height } = standalone();
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const scale = 2;
  const painted = document.createElement('canvas');
  [painted.width, painted.height] = [width * scale, height * scale];
  const context = painted.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  context.scale(scale, scale);
  context.drawImage(image, 0, 0);
  return painted.toDataURL('image/png');
}

byId('export-svg', HTMLButtonElement).addEventListener('click', () => {
  vscode.postMessage({ type: 'save', format: 'svg', data: standalone().svg, name: shown?.name ?? 'model' });
});
byId('copy-png', HTMLButtonElement).addEventListener('click', () => {
  void (async () => {
    const url = await png();
    try {
      const blob = await (await fetch(url)).blob();
      await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })]);
      status.textContent = 'Copied as PNG.';
    } catch {
      // The webview may not be allowed the clipboard: the extension saves the PNG instead.
      vscode.postMessage({ type: 'save', format: 'png', data: url.slice(url.indexOf(',') + 1),
        name: shown?.name ?? 'model' });
    }
  })();
});
byId('fit', HTMLButtonElement).addEventListener('click', () => {
  fit(true);
});
picker.addEventListener('change', () => {
  const graph = reply?.graphs[picker.selectedIndex];
  if (!graph) return;
  shown = graph;
  view.graph = graph.name;
  void render().then(() => {
    fit(false);
  });
});

// ---- messages ------------------------------------------------------------------------------------

window.addEventListener('message', (event: MessageEvent<ToView>) => {
  const message = event.data;
  if (message.type === 'cursor') {
    cursorLine = message.line;
    highlight(true);
    return;
  }
  const first = reply === undefined && vscode.getState() === undefined;
  reply = message.reply;
  const index = pickGraph(reply, message.pick ? undefined : view.graph);
  shown = reply.graphs[index];
  view.graph = shown?.name;
  picker.replaceChildren(...reply.graphs.map((graph, i) => {
    const option = document.createElement('option');
    option.textContent = `${graph.name} (${graph.class})`;
    option.selected = i === index;
    return option;
  }));
  picker.hidden = reply.graphs.length < 2;
  void render().then(() => {
    if (first || message.pick) fit(false);
  });
});

vscode.postMessage({ type: 'ready' });
