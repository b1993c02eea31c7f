"""Quick-fix builders: minimal text edits that keep the user's formatting."""
from __future__ import annotations

import ast

from . import resolve
from .report import Fix, Span, TextEdit
from .source import Source
from .values import ApiRef, format_shape, imported


def remove_first_element(source: Source, sequence: ast.Tuple | ast.List, title: str) -> Fix | None:
    """(32, 28, 28, 3) → (28, 28, 3): delete the first element and the separator after it."""
    if len(sequence.elts) < 2:
        return None
    first, second = source.span(sequence.elts[0]), source.span(sequence.elts[1])
    edit = TextEdit(Span(first.line, first.column, second.line, second.column), "")
    return Fix(title, (edit,), preferred=True)


def replace_element(source: Source, sequence: ast.Tuple | ast.List, index: int, text: str, title: str,
                    preferred: bool = False) -> Fix | None:
    if not 0 <= index < len(sequence.elts):
        return None
    return Fix(title, (TextEdit(source.span(sequence.elts[index]), text),), preferred=preferred)


def drop_leading_axis(source: Source, node: ast.AST) -> Fix | None:
    """A declared shape that includes the batch axis: (32, 64) → (64,), x.shape → x.shape[1:]."""
    title = "Remove the batch axis from the input shape"
    if isinstance(node, (ast.Tuple, ast.List)):
        if len(node.elts) == 2:  # (32, 64) → (64,): keep it a tuple
            return Fix(title, (TextEdit(source.span(node), f"({source.snippet(node.elts[1], 10**6)},)"),), True)
        return remove_first_element(source, node, title)
    if isinstance(node, ast.Attribute) and node.attr == "shape":
        span = source.span(node)
        return Fix(title, (TextEdit(Span(span.end_line, span.end_column, span.end_line, span.end_column), "[1:]"),),
                   preferred=True)
    return None


def add_batch_axis(source: Source, data: ast.AST, numpy: str | None) -> Fix | None:
    """Wrap one sample in a batch of one: x → np.expand_dims(x, 0) (or x[None, ...])."""
    text = source.snippet(data, 10**6)
    if not text or "\n" in text:
        return None
    new = f"{numpy}.expand_dims({text}, 0)" if numpy else f"{text}[None, ...]"
    return Fix("Add a batch axis to the data", (TextEdit(source.span(data), new),), preferred=True)


def replace_node(source: Source, node: ast.AST, text: str, title: str, preferred: bool = False,
                 speculative: bool = False) -> Fix:
    return Fix(title, (TextEdit(source.span(node), text),), preferred=preferred, speculative=speculative)


def _indent(source: Source, line: int) -> str:
    text = source.lines[line] if line < len(source.lines) else ""
    return text[: len(text) - len(text.lstrip())]


def insert_before_element(source: Source, element: ast.AST, text: str, title: str) -> Fix:
    """Insert a new list element before `element`: on its own line if `element` starts one."""
    span = source.span(element)
    indent = _indent(source, span.line)
    own_line = len(indent) == span.column
    new = f"{text},\n{indent}" if own_line else f"{text}, "
    return Fix(title, (TextEdit(Span(span.line, span.column, span.line, span.column), new),))


def insert_line_before(source: Source, statement: ast.AST, text: str, title: str) -> Fix:
    """Insert a statement on the line above the one holding `statement`, at its indentation."""
    span = source.span(statement)
    indent = _indent(source, span.line)
    return Fix(title, (TextEdit(Span(span.line, 0, span.line, 0), f"{indent}{text}\n"),))


def data_axis_fixes(source: Source, data: ast.AST, shape: tuple, rank_error: bool, numpy: str | None) -> list[Fix]:
    """Candidate repairs on the data side: a missing channel axis, or channels stored first.
    Unsuitable candidates are dropped by the engine's check of each fix."""
    text = source.snippet(data, 10**6)
    if not text or "\n" in text or not isinstance(data, (ast.Name, ast.Attribute, ast.Subscript)):
        return []
    fixes = []
    if rank_error and len(shape) >= 2:
        new = f"{numpy}.expand_dims({text}, -1)" if numpy else f"{text}[..., None]"
        fixes.append(Fix("Add a channel axis to the data", (TextEdit(source.span(data), new),), speculative=True))
    if not rank_error and len(shape) >= 4 and numpy:
        fixes.append(Fix("Move the channel axis last (channels-first data)",
                         (TextEdit(source.span(data), f"{numpy}.moveaxis({text}, 1, -1)"),), speculative=True))
    return fixes


def remove_keyword(source: Source, call: ast.Call, keyword: ast.keyword) -> TextEdit:
    """Delete `, name=value` (or `name=value, ` when it comes first) from a call."""
    arguments = sorted([*call.args, *call.keywords], key=lambda n: (n.lineno, n.col_offset))
    index = arguments.index(keyword)
    span = source.span(keyword)
    if index > 0:
        previous = source.span(arguments[index - 1])
        return TextEdit(Span(previous.end_line, previous.end_column, span.end_line, span.end_column), "")
    if len(arguments) > 1:
        following = source.span(arguments[1])
        return TextEdit(Span(span.line, span.column, following.line, following.column), "")
    return TextEdit(span, "")


def apply_edits(text: str, edits: tuple[TextEdit, ...] | list[TextEdit]) -> str:
    """The text after the edits (non-overlapping, positions in the original text)."""
    lines = Source(text).lines
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def offset(line: int, column: int) -> int:
        return offsets[min(line, len(lines))] + column

    for edit in sorted(edits, key=lambda e: (e.span.line, e.span.column), reverse=True):
        start = offset(edit.span.line, edit.span.column)
        end = offset(edit.span.end_line, edit.span.end_column)
        text = text[:start] + edit.new_text + text[end:]
    return text


def set_keyword(source: Source, call: ast.Call, node: ast.AST | None, name: str, text: str, title: str,
                speculative: bool = False) -> Fix:
    """Give a call's argument a new value: replace `node` (the argument as written), or add `name=text`."""
    if node is not None:
        edit = TextEdit(source.span(node), text)
    elif call.args or call.keywords:
        end = source.span(max([*call.args, *call.keywords], key=lambda n: (n.end_lineno, n.end_col_offset)))
        indent = _indent(source, end.line)
        # One argument per line: the new one gets its own line too.
        separator = f",\n{indent}" if end.line > source.span(call).line and len(indent) == end.column else ", "
        edit = TextEdit(Span(end.end_line, end.end_column, end.end_line, end.end_column), f"{separator}{name}={text}")
    else:  # `Layer()`: inside the parentheses
        end = source.span(call)
        edit = TextEdit(Span(end.end_line, end.end_column - 1, end.end_line, end.end_column - 1), f"{name}={text}")
    return Fix(title, (edit,), preferred=True, speculative=speculative)


def append_element(source: Source, sequence: ast.Tuple | ast.List, text: str, title: str) -> Fix:
    """(28, 28) → (28, 28, 1); (128,) → (128, 1)."""
    elements = ", ".join([*(source.snippet(e, 10**6) for e in sequence.elts), text])
    new = f"({elements})" if isinstance(sequence, ast.Tuple) else f"[{elements}]"
    return replace_node(source, sequence, new, title, preferred=True)


def remove_statement(source: Source, statement: ast.AST, title: str) -> Fix:
    """Delete the whole lines a statement is on."""
    span = source.span(statement)
    return Fix(title, (TextEdit(Span(span.line, 0, span.end_line + 1, 0), ""),), preferred=True)


def append_to(source: Source, node: ast.AST, suffix: str, title: str) -> Fix:
    """`x` → `x.T`, `x[:, None]`: an attribute or index of the expression, parenthesised if it needs it."""
    text = source.snippet(node, 10**6)
    if not isinstance(node, (ast.Name, ast.Attribute, ast.Subscript, ast.Call)):
        text = f"({text})"
    return Fix(title, (TextEdit(source.span(node), text + suffix),), preferred=True)


def api_spelling(env: dict, path: str) -> str | None:
    """How a file with these globals spells `path` (keras.utils.to_categorical): by the name it
    imported the function or one of its modules as, the shortest (TensorFlow holds Keras as tf.keras)."""
    spellings = []
    for name, value in imported(env):
        module = resolve.canonical(value.path)
        if path == module or path.startswith(module + "."):
            spellings.append(name + path[len(module):])
        elif module == "tensorflow":
            spellings.append(f"{name}.{path}")
    return min(spellings, key=len, default=None)


def layer_spelling(source: Source, env: dict, func: ast.expr, name: str) -> str | None:
    """How this file spells another class of the module `func` comes from: layers.Dense →
    layers.Flatten; Dense (imported by name) → Flatten if that name is imported too."""
    if isinstance(func, ast.Attribute):
        return f"{source.snippet(func.value, 10**6)}.{name}"
    value = env.get(name)
    return name if isinstance(value, ApiRef) and value.path.endswith(f"layers.{name}") else None


def transpose_data(source: Source, data: ast.AST, axes: tuple[int, ...], numpy: str, title: str) -> Fix | None:
    """x → np.transpose(x, axes): data whose axes hold the model's sizes in another order."""
    text = source.snippet(data, 10**6)
    if not text or "\n" in text or not isinstance(data, (ast.Name, ast.Attribute, ast.Subscript)):
        return None
    return Fix(title, (TextEdit(source.span(data), f"{numpy}.transpose({text}, {axes})"),), speculative=True)


def _int_constant(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) is int


def _size_nodes(call: ast.Call, shape: tuple) -> list | None:
    """The literals in `call` that set each axis of the value it makes: a shape tuple that is the
    whole shape (np.zeros((2, 32, 32, 1))) or all but the batch axis (keras.Input(shape=(12,))), or
    the sizes as separate arguments (np.random.rand(5, 10)). None when the sizes are not written out."""
    def whole(sizes: tuple) -> bool:  # the first axis may have been batched since
        return len(sizes) == len(shape) and sizes[1:] == tuple(shape[1:])

    for argument in [*call.args, *(k.value for k in call.keywords)]:
        if isinstance(argument, (ast.Tuple, ast.List)) and all(_int_constant(e) for e in argument.elts):
            sizes = tuple(e.value for e in argument.elts)
            if whole(sizes):
                return list(argument.elts)
            if sizes == tuple(shape[1:]):
                return [None, *argument.elts]
    if call.args and not call.keywords and all(_int_constant(a) for a in call.args) \
            and whole(tuple(a.value for a in call.args)):
        return list(call.args)
    # np.random.rand(10, 8).astype("float32"): the sizes are in the call the method is called on.
    if isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Call):
        return _size_nodes(call.func.value, shape)
    return None


def resize_where_made(source: Source, made_by: ast.AST | None, shape: tuple, want: tuple) -> Fix | None:
    """Data made from sizes written in the code (random or placeholder arrays, keras.Input) that the
    code needs in another size: write the needed sizes there. Speculative: other uses of the data
    may need the old ones."""
    if not isinstance(made_by, ast.Call) or len(shape) != len(want):
        return None
    nodes = _size_nodes(made_by, shape)
    if nodes is None:
        return None
    edits, written = [], []
    for node, have, need in zip(nodes, shape, want):
        if need is not None and need != have:
            if node is None:
                return None
            edits.append(TextEdit(source.span(node), str(need)))
        if node is not None:
            written.append(need if need is not None else node.value)
    if not edits:
        return None
    if nodes[0] is None:
        title = f"Declare the input with shape {format_shape(tuple(written))}"
    elif isinstance(made_by.func, ast.Attribute) and made_by.func.attr == "reshape":
        title = f"Reshape the data to {format_shape(tuple(written))}"
    else:
        title = f"Make the data with shape {format_shape(tuple(written))} where it is created"
    return Fix(title, tuple(edits), speculative=True)


def insert_line_after(source: Source, statement: ast.stmt, text: str, title: str) -> Fix | None:
    """Insert a statement on the line below `statement`, at its indentation; None when the
    statement shares its lines with other code (`a = 1; b = 2`, `if c: a = 1`)."""
    span = source.span(statement)
    if span.end_line >= len(source.lines):
        return None
    indent, last = _indent(source, span.line), source.lines[span.end_line]
    ending = last[len(last.rstrip("\r\n")):]
    if len(indent) != span.column or not ending or last[span.end_column:].strip()[:1] not in ("", "#"):
        return None
    return Fix(title, (TextEdit(Span(span.end_line + 1, 0, span.end_line + 1, 0), f"{indent}{text}{ending}"),))


def _outside_loops(body: list[ast.stmt], nested: bool = True):
    """The statements of a body and of the blocks in it, but not of loops (each pass would
    repeat an edit made after one of them); `nested`: and of the functions and classes in it."""
    for statement in body:
        yield statement
        if isinstance(statement, (ast.For, ast.AsyncFor, ast.While)) or not nested and isinstance(
                statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for block in ("body", "orelse", "finalbody"):
            yield from _outside_loops(getattr(statement, block, []), nested)
        for handler in getattr(statement, "handlers", []):
            yield from _outside_loops(handler.body, nested)


def _binds(statement: ast.stmt, name: str | None) -> str | None:
    """The name a one-target assignment binds: its Name target's, or `name` among those it unpacks to."""
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        target = statement.targets[0]
    elif isinstance(statement, ast.AnnAssign) and statement.simple and statement.value is not None:
        target = statement.target
    else:
        return None
    if isinstance(target, ast.Name) and name in (None, target.id):
        return target.id
    if name is not None and isinstance(target, (ast.Tuple, ast.List)) and any(
            isinstance(n, ast.Name) and n.id == name for n in ast.walk(target)):
        return name
    return None


def assignment_of(tree: ast.Module, value: ast.AST, name: str | None,
                  used: ast.AST | None = None) -> tuple[ast.stmt, str] | None:
    """The statement that binds a name to `value`, outside loops, and the name: `name = value`, or
    with `name` given, an unpacking that binds it (`(x, y), _ = value`). A value made elsewhere (in
    a helper function): the last such statement binding `name` before its use `used`, in its scope."""
    for statement in _outside_loops(tree.body):
        if getattr(statement, "value", None) is value and (bound := _binds(statement, name)):
            return statement, bound
    if name is None or used is None:
        return None
    scopes = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
              and n.lineno < used.lineno <= (n.end_lineno or 0)]
    scope = max(scopes, key=lambda n: n.lineno, default=tree)
    last = None
    for statement in _outside_loops(scope.body, nested=False):
        if (statement.end_lineno or statement.lineno) < used.lineno and _binds(statement, name):
            last = statement
    return (last, name) if last is not None else None


def add_axis_where_defined(source: Source, tree: ast.Module, value: ast.AST, name: str | None, numpy: str | None,
                           what: str, used: ast.AST | None = None) -> Fix | None:
    """`x = <value>` gets a line after it, `x = np.expand_dims(x, -1)` (or `x = x[..., None]`): the
    data gains a trailing axis of size 1 where it is defined, so every later use (its shape, fit,
    flow, a dataset made of it) sees it. `name` and `used`: the data's name and where it is used, when known."""
    found = assignment_of(tree, value, name, used)
    if found is None:
        return None
    statement, name = found
    line = f"{name} = {numpy}.expand_dims({name}, -1)" if numpy else f"{name} = {name}[..., None]"
    fix = insert_line_after(source, statement, line, f"Add a {what} axis to the data: {line}")
    return Fix(fix.title, fix.edits, preferred=True, speculative=True) if fix else None


def remove_method_call(source: Source, call: ast.Call, title: str) -> Fix | None:
    """`make(x).batch(8).prefetch(2)` → `make(x).prefetch(2)`: one step of a method chain."""
    if not isinstance(call.func, ast.Attribute):
        return None
    receiver, whole = source.span(call.func.value), source.span(call)
    edit = TextEdit(Span(receiver.end_line, receiver.end_column, whole.end_line, whole.end_column), "")
    return Fix(title, (edit,), preferred=True, speculative=True)
