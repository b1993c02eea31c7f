import assert from 'node:assert/strict';
import { test } from 'node:test';
import ELK from 'elkjs/lib/elk.bundled.js';
import {
  type Graph, type GraphNode, edgeLabel, formatShape, nodeAtLine, nodeLines, pickGraph, toElk,
} from '../src/graphview/model';

const at = (line: number, end = line) => ({
  range: { start: { line, character: 2 }, end: { line: end, character: 9 } },
});
const node = (id: string, name: string, kind: string, shape: GraphNode['shape'], line: number,
  more: Partial<GraphNode> = {}): GraphNode => ({
  id, name, class: kind, shape, params: null, input: false, output: false, location: at(line), graph: null, ...more,
});
const inner: Graph = {
  name: 'inner', class: 'Sequential', location: at(3), errors: [],
  nodes: [node('n0', 'input_layer', 'InputLayer', [null, 5], 3, { input: true }),
    node('n1', 'dense', 'Dense', [null, 3], 3, { params: 18, output: true })],
  edges: [{ from: 'n0', to: 'n1', shape: [null, 5], error: null }],
};
const z = node('n0', 'z', 'InputLayer', [null, 5], 6, { input: true });
const nestedNode = node('n1', 'inner', 'Sequential', [null, 3], 8, { params: 18, graph: inner });
const shapeEdge = { from: 'n0', to: 'n1', shape: [null, 5], error: null };
const errorEdge = { from: 'n3', to: 'n0', shape: [2, 4], error: 'expected (None, 5) · got (2, 4)' };
const model: Graph = {
  name: 'model', class: 'Functional', location: at(8, 9), errors: [],
  nodes: [z, nestedNode, node('n2', 'out', 'Dense', [null, 1], 9, { params: 4, output: true }),
    node('n3', 'np.zeros((2, 4))', 'Data', [2, 4], 11, { input: true })],
  edges: [shapeEdge, { from: 'n1', to: 'n2', shape: [null, 3], error: null }, errorEdge],
};
const measure = (text: string): number => text.length * 7;

test('shapes read as Keras prints them, the batch axis None', () => {
  assert.equal(formatShape([null, 26, 26, 32]), '(None, 26, 26, 32)');
  assert.equal(formatShape([5]), '(5,)');
  assert.equal(formatShape([]), '()');
  assert.equal(formatShape([[null, 2], [null, 3]]), '[(None, 2), (None, 3)]');
  assert.equal(formatShape(null), '?');
});

test('a node shows its name, class, marks, shape and parameters; an edge its shape or the error', () => {
  assert.deepEqual(nodeLines(z), ['z', 'InputLayer · input', '(None, 5)']);
  assert.deepEqual(nodeLines(nestedNode), ['inner', 'Sequential', '(None, 3)', '18 params', '1 layer inside']);
  const big = node('n', 'big', 'Dense', [null, 9], 0, { params: 1234567 });
  assert.deepEqual(nodeLines(big).slice(3), ['1,234,567 params']);
  assert.equal(edgeLabel(shapeEdge), '(None, 5)');
  assert.equal(edgeLabel(errorEdge), 'expected (None, 5) · got (2, 4)');
});

test('the ELK graph has a sized box per node and a labelled edge per tensor; a nested model opens on demand', () => {
  const folded = toElk(model, measure, new Set());
  const [first, second] = folded.children ?? [];
  assert.deepEqual(folded.children?.map((c) => c.id), ['n0', 'n1', 'n2', 'n3']);
  assert.equal(second?.children, undefined);
  assert.equal(first?.width, 'InputLayer · input'.length * 7 + 16);
  assert.equal(second?.height, 5 * 16 + 8);
  assert.deepEqual(folded.edges?.map((e) => [e.sources, e.targets, e.labels?.[0]?.text]), [
    [['n0'], ['n1'], '(None, 5)'], [['n1'], ['n2'], '(None, 3)'],
    [['n3'], ['n0'], 'expected (None, 5) · got (2, 4)']]);
  const nested = toElk(model, measure, new Set(['n1'])).children?.find((c) => c.id === 'n1');
  assert.deepEqual(nested?.children?.map((c) => c.id), ['n1/n0', 'n1/n1']);
  assert.deepEqual(nested.edges?.map((e) => [e.id, e.sources, e.targets]), [['n1/e0', ['n1/n0'], ['n1/n1']]]);
});

test('ELK lays the graph out: every node placed, every edge routed', async () => {
  const laid = await new ELK().layout(toElk(model, measure, new Set(['n1'])));
  for (const child of laid.children ?? []) assert.ok(child.x !== undefined && child.y !== undefined, child.id);
  assert.ok((laid.edges ?? []).every((e) => e.sections?.length && e.labels?.[0]?.x !== undefined));
  const [input, nested, out] = laid.children ?? [];
  assert.ok((input?.y ?? 0) < (nested?.y ?? 0) && (nested?.y ?? 0) < (out?.y ?? 0), 'drawn top to bottom');
});

test('the cursor line picks the innermost node whose code holds it', () => {
  assert.equal(nodeAtLine(model, 9, new Set()), 'n2');
  assert.equal(nodeAtLine(model, 11, new Set()), 'n3');
  assert.equal(nodeAtLine(model, 4, new Set()), undefined);
  assert.equal(nodeAtLine(model, 3, new Set()), undefined);  // the nested model's own line, folded
  assert.equal(nodeAtLine(model, 3, new Set(['n1'])), 'n1/n1');
});

test('an update keeps the graph shown, by name; else the one the server picked', () => {
  const reply = { uri: 'file:///m.py', version: 2, graphs: [inner, model], selected: 0 };
  assert.equal(pickGraph(reply, 'model'), 1);
  assert.equal(pickGraph(reply, 'gone'), 0);
  assert.equal(pickGraph({ ...reply, selected: null }, undefined), 0);
});
