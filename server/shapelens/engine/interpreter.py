"""The abstract interpreter: one walk over the module's statements, computing abstract values.

Python semantics are followed where the engine can know the outcome (literals, arithmetic,
tuples, local functions, loops over constant ranges) and give up — UNKNOWN — everywhere else.
Library calls are dispatched to the tables in `api/`; the user's own imports are never imported
or executed, and their names are unknown.
"""
from __future__ import annotations

import ast
import operator
import time
from collections import deque
import os
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, Callable

from . import growing, resolve, runtime
from .api import METHODS, attribute_of, call_api, call_value, has_call, is_known_api, special_method
from .api.containers import DefaultDict, as_sequence, change, new_dict, new_set, plain_set
from .api.ops import tensor_binary
from .api.paths import bounded_spec, formattable, mark_written, percent_format
from .api.tensors import index_tensor
from .calls import CallArgs, builtin, is_builtin
from .classes import (BoundUserMethod, Instance, LambdaRunner, Super, UserClass, classify, instance_attribute,
                      instantiate, run_method)
from .datafiles import DataFiles
from .describe import describe_value
from .exports import star_exports
from .modules import ModuleLoader, ModuleValue, module_of
from .mutation import Mutations, changed_in_place, is_container
from .params import layer_line
from .reporting import Reporting
from .source import Source
from .values import (UNKNOWN, ApiRef, Dataset, Function, Layer, Model, PilImage, Tensor, changing, imported, join,
                     same_value)

_NEWAXIS = frozenset({"numpy.newaxis", "tensorflow.newaxis"})
MAX_UNROLL = 512  # items of a comprehension the engine follows
FULL_UNROLL = 64  # a loop over at most this many known items is followed item by item...
MAX_UNROLLED = 4096  # ...while the loops around it, so unrolled, make at most this many passes
WIDEN_AFTER = 3  # passes of a longer loop followed before what it changes becomes unknown
MAX_SEQUENCE = 10_000  # longest tuple/list/str the engine builds from `*` or `+`
MAX_CALL_DEPTH = 12
MAX_MODULES = 200  # workspace modules followed from one file
_MAIN_GUARD = "__main__"
_DONE = object()  # a loop's passes are over
_ABSENT = object()  # a name not bound in a scope


class Terminated(Exception):
    """Control leaves the current block (return/raise/break/continue)."""


class Break(Terminated):
    """`break` in a loop the engine follows pass by pass."""


class Continue(Terminated):
    """`continue` in a loop the engine follows pass by pass."""


class Unfollowable(Exception):
    """A loop followed pass by pass meets what it cannot follow exactly (a `break` under an unknown
    condition, a `while` test it cannot decide): the loop is then analysed as one of unknown length."""


class OutOfTime(Exception):
    """The analysis used up its time budget: what was found so far is the result."""


@dataclass
class Frame:
    env: dict[str, Any]
    returns: list[Any] = field(default_factory=list)
    closure: dict[str, Any] | None = None  # the enclosing scope (for `nonlocal`)
    # Names declared `global` or `nonlocal`: the scope each one's assignments write to.
    declared: dict[str, dict] = field(default_factory=dict)


class Interpreter(Reporting):
    def __init__(self, source: Source, path: str, oracle: Any = None, loader: ModuleLoader | None = None,
                 deadline: float | None = None, data: DataFiles | None = None):
        super().__init__(source, path)
        self.oracle = oracle  # KerasOracle for layers without a rule, or None
        self.loader = loader  # finds the user's other modules; None: they stay unknown
        self.data = data if data is not None else DataFiles(enabled=False)  # the data files the code loads
        self.module_envs: dict[str, dict] = {}  # modules interpreted in this analysis, by path
        self.not_found: set[str] = set()  # the modules its imports named that no file was found for
        self.deadline = deadline  # time.monotonic() value after which the analysis stops
        self.cancelled: Callable[[], bool] | None = None  # says when the report is no longer wanted: stop
        self.out_of_time = False
        self.stopped_at: ast.stmt | None = None  # the innermost statement of this file running when time ran out
        self.frames: list[Frame] = []
        self.star_modules: list[str | None] = []  # None: a star import of the user's own module
        self.layer_counts: dict[str, int] = {}
        self.models: list[Model] = []  # Sequential models, to describe their layers at the end
        self.model_uses: list[tuple[ast.Name, Model]] = []  # described at the end, in their final state
        self.tracing = 0  # functions running as TensorFlow traces them: tf.function, Dataset.map
        self.depth = 0
        self.unrolled = 1  # passes the enclosing unrolled loops make, multiplied
        self.loops: list[str] = []  # the loops running, innermost last: "exact" (pass by pass) or "unknown"
        # Branches and loop passes running that may not happen: what they do is not certain.
        self.inexact = 0
        self.mutations = Mutations()  # containers changed in place: the journal and what is forgotten
        # Names a function rebinds through `global`/`nonlocal` where it may or may not run: never trusted.
        self.volatile: set[str] = set()
        # Names the code of unknown functions and classes of this file reads: what calling unknown
        # code may change.
        self.exposed: set[str] = set()
        # Files the code writes (np.save, ...), as `datafiles` would find them; None: one whose path
        # is not known. What is on the disk now is not what the code reads after writing there.
        self.written_files: set[str | None] = set()
        self.tree: ast.Module | None = None  # the analysed file's, for fixes that edit around a statement
        self._parents: dict[ast.AST, ast.AST] | None = None
        self.opened_images: list[PilImage] = []  # PIL.Image.open's images, for fixes that convert them

    @property
    def keras_major(self) -> int:
        """The Keras the code runs under; 2 switches to Keras 2's rules (keras2.py)."""
        return runtime.current().keras_major

    def enclosing(self, node: ast.AST, kinds: type | tuple) -> ast.AST | None:
        """The innermost node of one of these kinds holding `node` in the analysed file (for fixes
        that edit around an error: the statement, the method)."""
        if self._parents is None:
            nodes = ast.walk(self.tree) if self.tree is not None else ()
            self._parents = {child: parent for parent in nodes for child in ast.iter_child_nodes(parent)}
        parent = self._parents.get(node)
        while parent is not None and not isinstance(parent, kinds):
            parent = self._parents.get(parent)
        return parent

    def numpy_alias(self) -> str | None:
        """The name the module imported NumPy as (for fixes that call it), if any."""
        for name, value in imported(self.frames[0].env):
            if value.path == "numpy":
                return name
        return None

    def lambda_runner(self, function: Function) -> Any:
        """What answers for a Lambda layer's shapes: its function, run on the layer's input."""
        return LambdaRunner(self, function)

    def unique_name(self, prefix: str) -> str:
        """Keras numbers automatic names per prefix: conv2d, conv2d_1, ..."""
        count = self.layer_counts.get(prefix, 0)
        if self.recorder is not None:
            self.recorder.named(prefix, count)
        self.layer_counts[prefix] = count + 1
        return prefix if count == 0 else f"{prefix}_{count}"

    # ---- entry ---------------------------------------------------------------------------------

    def run(self, tree: ast.Module, session: Any = None) -> None:
        """Run the module; with an incremental.Session, statements its last run left unchanged
        are replayed instead."""
        self.tree = tree
        env = session.module_env() if session is not None else {}
        env.update({"__name__": _MAIN_GUARD, **_file_of(self.path)})
        self.frames.append(Frame(env))
        if session is None:
            try:
                self.exec_block(tree.body, env)
            except Terminated:
                pass
            self.describe_models()
        else:
            session.run(self, tree.body, env)

    def describe_models(self, memo: dict | None = None) -> None:
        """At the end: what hovers show of models, in their final state. `memo` keeps descriptions
        by the state they describe, for the next run of an incremental session."""
        memo = {} if memo is None else memo
        described: dict = {}
        states: dict[int, tuple] = {}

        def state(model: Model) -> tuple:
            if id(model) not in states:
                states[id(model)] = _model_state(model)
            return states[id(model)]

        for model in self.models:
            key = ("layers", *state(model))
            if key not in described:
                described[key] = memo[key] if key in memo else {
                    (info.span, info.kind): info for info in (self.value_info(*n) for n in self.layer_notes(model))
                    if info is not None}
            self.values.update(described[key])  # a dict's keys keep their hashes: none is computed again
        for node, model in self.model_uses:
            key = ("model", *state(model))
            if key not in described:
                described[key] = memo[key] if key in memo else describe_value(model)
            if described[key] is not None:
                use = (key, node)
                info = described[use] = memo[use] if use in memo else self.value_info(node, *described[key])
                if info is not None:
                    self.values[(info.span, info.kind)] = info
        memo.clear()
        memo.update(described)

    def layer_notes(self, model: Model) -> list[tuple]:
        """Each layer of a Sequential with its input and output shapes (hovers, inlay hints)."""
        if model.poisoned or not model.inputs:
            return []
        notes, previous = [], model.inputs[0]
        for layer, output in zip(model.layers, model.layer_outputs):
            if output is None or previous is None:
                break
            if isinstance(layer, Layer) and layer.node is not None:
                notes.append((layer.node, "layer", layer_line(layer, previous, output), output))
            previous = output
        return notes

    # ---- statements --------------------------------------------------------------------------

    def exec_block(self, body: list[ast.stmt], env: dict) -> None:
        for stmt in body:
            self.exec_stmt(stmt, env)

    def check_time(self) -> None:
        if (self.deadline is not None and time.monotonic() > self.deadline) or (
                self.cancelled is not None and self.cancelled()):
            self.out_of_time = True
            raise OutOfTime

    def exec_stmt(self, stmt: ast.stmt, env: dict) -> None:
        handler = getattr(self, "exec_" + type(stmt).__name__, None)
        try:
            self.check_time()
            if handler is None:
                self.forget_assigned(stmt, env)
                return
            handler(stmt, env)
        except OutOfTime:
            if self.stopped_at is None and module_of(stmt) is None:
                self.stopped_at = stmt
            raise
        except (Terminated, Unfollowable):
            raise
        except Exception:  # as in eval: what this statement assigns is unknown, the rest goes on
            self.forget_assigned(stmt, env)

    def exec_Expr(self, stmt: ast.Expr, env: dict) -> None:
        self.eval(stmt.value, env)

    def exec_Assign(self, stmt: ast.Assign, env: dict) -> None:
        value = self.eval(stmt.value, env)
        for target in stmt.targets:
            self.assign(target, value, env, stmt.value)

    def exec_AnnAssign(self, stmt: ast.AnnAssign, env: dict) -> None:
        if stmt.value is not None:
            self.assign(stmt.target, self.eval(stmt.value, env), env, stmt.value)

    def exec_AugAssign(self, stmt: ast.AugAssign, env: dict) -> None:
        current = self.eval(stmt.target, env)
        operand = self.eval(stmt.value, env)
        name = _IN_PLACE.get((dict if isinstance(current, dict) else type(current), type(stmt.op)))
        if name is not None:  # `a += b` extends the list itself: every alias sees it
            value = change(self, current, name, operand)
        elif is_container(current):  # some other in-place operator (`d |= …` on a view, `s ^= t`)
            self.mutations.forget(current)
            value = UNKNOWN
        else:
            value = self.binary(stmt.op, current, operand, stmt)
        self.assign(stmt.target, value, env, stmt)

    def exec_Import(self, stmt: ast.Import, env: dict) -> None:
        for alias in stmt.names:
            if alias.asname:
                env[alias.asname] = ApiRef(alias.name) if resolve.is_library(alias.name) else \
                    self.user_module(alias.name, 0, stmt)
            else:
                top = alias.name.split(".", 1)[0]
                env[top] = ApiRef(top) if resolve.is_library(top) else \
                    (self.user_module(top, 0, stmt) if top == alias.name else UNKNOWN)

    def exec_ImportFrom(self, stmt: ast.ImportFrom, env: dict) -> None:
        module = stmt.module or ""
        library = stmt.level == 0 and resolve.is_library(module)
        user = None if library else self.user_module(module, stmt.level, stmt)
        for alias in stmt.names:
            if alias.name == "*":
                exported = star_exports(module, self.keras_major) if library else None
                if isinstance(user, ModuleValue):
                    env.update({k: v for k, v in user.env.items() if not k.startswith("_")})
                elif exported is not None:  # what the module really exports, as Python binds it
                    env.update({name: ApiRef(f"{module}.{name}") for name in exported})
                    self.star_modules.append(module)
                else:
                    # It may rebind what earlier star imports bound: those names are looked up
                    # again, through every star import in order (`star_lookup`).
                    for name, value in list(env.items()):
                        if isinstance(value, ApiRef):
                            source, _, last = value.path.rpartition(".")
                            if last == name and source in self.star_modules:
                                del env[name]
                    self.star_modules.append(module if library else None)
                continue
            if library:
                env[alias.asname or alias.name] = ApiRef(f"{module}.{alias.name}")
            elif isinstance(user, ModuleValue) and alias.name in user.env:
                env[alias.asname or alias.name] = user.env[alias.name]
            else:  # `from package import module`
                env[alias.asname or alias.name] = self.user_module(
                    f"{module}.{alias.name}" if module else alias.name, stmt.level, stmt)

    def user_module(self, name: str, level: int, stmt: ast.stmt) -> Any:
        """Interpret a workspace module's top level (once per analysis) and return its names."""
        if self.loader is None:
            return UNKNOWN
        importer = module_of(stmt).path if module_of(stmt) else self.path
        path = self.loader.find(name, level, importer)
        if path is None:
            self.not_found.add(name)
        if path is None or os.path.abspath(path) == os.path.abspath(self.path):
            return UNKNOWN
        if path in self.module_envs:
            return ModuleValue(self.module_envs[path])
        parsed = self.loader.parse(path)
        if parsed is None or len(self.module_envs) >= MAX_MODULES:
            return UNKNOWN
        env: dict[str, Any] = {"__name__": os.path.splitext(os.path.basename(path))[0], **_file_of(path)}
        self.module_envs[path] = env  # registered first: import cycles see a partial module
        saved = self.star_modules
        self.star_modules = []
        try:
            self.exec_block(parsed.tree.body, env)
        except Terminated:
            pass
        finally:
            self.star_modules = saved
        return ModuleValue(env)

    def exec_FunctionDef(self, stmt: ast.FunctionDef, env: dict) -> None:
        transparent = all(self.is_transparent_decorator(d, env) for d in stmt.decorator_list)
        env[stmt.name] = Function(stmt, env) if transparent else UNKNOWN
        if not transparent:
            self.expose(stmt)

    exec_AsyncFunctionDef = exec_FunctionDef

    def is_transparent_decorator(self, node: ast.expr, env: dict) -> bool:
        """Decorators that keep the function's behaviour (tf.function) leave it analysable."""
        value = self.eval(node.func if isinstance(node, ast.Call) else node, env)
        return isinstance(value, ApiRef) and resolve.canonical(value.path) == "tensorflow.function"

    def exec_ClassDef(self, stmt: ast.ClassDef, env: dict) -> None:
        # Custom layers and subclassed models are interpreted from their source; other classes
        # are unknown.
        cls = classify(self, stmt, env) if not stmt.decorator_list else None
        env[stmt.name] = cls if cls is not None else UNKNOWN
        if cls is None:
            self.expose(stmt)

    def expose(self, stmt: ast.stmt) -> None:
        """Code the engine does not follow may, when called, change whatever it names."""
        self.exposed |= {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name)}

    def exec_Return(self, stmt: ast.Return, env: dict) -> None:
        value = self.eval(stmt.value, env) if stmt.value is not None else None
        if len(self.frames) > 1:
            self.frames[-1].returns.append(value)
        raise Terminated

    def exec_Raise(self, stmt: ast.Raise, env: dict) -> None:
        raise Terminated

    def exec_Delete(self, stmt: ast.Delete, env: dict) -> None:
        for target in stmt.targets:
            if isinstance(target, ast.Name):
                env.pop(target.id, None)
                if len(self.frames) > 1 and target.id in self.frames[-1].declared:
                    self.volatile.add(target.id)
            elif isinstance(target, ast.Subscript):
                owner = self.eval(target.value, env)
                if is_container(owner):
                    change(self, owner, "__delitem__", self.eval(target.slice, env))
            elif isinstance(target, ast.Attribute):
                self.set_attribute(self.eval(target.value, env), target.attr, None, delete=True)
            else:
                self.forget_assigned(stmt, env)

    def exec_Global(self, stmt: ast.Global, env: dict) -> None:
        module = module_of(stmt)
        scope = self.module_envs.get(module.path, {}) if module is not None else self.frames[0].env
        self.declare(stmt.names, scope, env)

    def exec_Nonlocal(self, stmt: ast.Nonlocal, env: dict) -> None:
        self.declare(stmt.names, self.frames[-1].closure, env)

    def declare(self, names: list[str], scope: dict | None, env: dict) -> None:
        """`global`/`nonlocal`: the names are the outer scope's, read and written there."""
        if len(self.frames) < 2 or scope is None:
            return
        for name in names:
            self.frames[-1].declared[name] = scope
            env[name] = scope.get(name, UNKNOWN)

    def write_through(self, name: str, value: Any) -> None:
        """An assignment to a name declared `global`/`nonlocal` rebinds the outer scope's name, which
        callers have copies of. In a branch or a loop pass that may not run, the name is unknown
        from then on."""
        scope = self.frames[-1].declared.get(name) if len(self.frames) > 1 else None
        if scope is None:
            return
        if self.inexact:
            self.volatile.add(name)
            return
        old = scope.get(name, _ABSENT)
        self.mutations.touch(scope)
        scope[name] = value
        for frame in self.frames[:-1]:
            if frame.env is not scope and frame.env.get(name, _ABSENT) is old:
                frame.env[name] = value

    def exec_Assert(self, stmt: ast.Assert, env: dict) -> None:
        self.eval(stmt.test, env)

    def exec_Pass(self, stmt: ast.Pass, env: dict) -> None:
        pass

    def exec_With(self, stmt: ast.With, env: dict) -> None:
        for item in stmt.items:
            value = self.eval(item.context_expr, env)
            enter = METHODS.get((type(value), "__enter__"))
            if enter is not None:  # a modelled value that is its own context (`with np.load(...) as data`)
                value = enter(value, CallArgs(self, item.context_expr, [], {}, [], {}))
            elif value is not None:
                value = UNKNOWN
            if item.optional_vars is not None:
                self.assign(item.optional_vars, value, env, item.context_expr)
        self.exec_block(stmt.body, env)

    exec_AsyncWith = exec_With

    def exec_If(self, stmt: ast.If, env: dict) -> None:
        test = self.eval(stmt.test, env)
        if isinstance(test, (bool, int, str, type(None))):
            self.exec_block(stmt.body if test else stmt.orelse, env)
            return
        self.branches(env, [stmt.body, stmt.orelse])

    def exec_Try(self, stmt: ast.Try, env: dict) -> None:
        # The body runs; any handler may run after part of it: join both outcomes. What the body
        # changed in place is unknown to a handler, which may start anywhere in it.
        self.mutations.begin()
        try:
            try:
                self.exec_block(stmt.body, env)
                self.exec_block(stmt.orelse, env)
            finally:
                changed = self.mutations.end(undo=False)
        except (Break, Continue):
            raise
        except Terminated:
            if not stmt.handlers:
                raise
        if stmt.handlers:
            self.mutations.forget_changed(changed)
            self.branches(env, [[]] + [h.body for h in stmt.handlers], handler_names=[
                None] + [h.name for h in stmt.handlers])
        self.exec_block(stmt.finalbody, env)

    exec_TryStar = exec_Try

    def branches(self, env: dict, bodies: list[list[ast.stmt]], handler_names: list | None = None) -> None:
        """Run each body from the same state; afterwards a name keeps a value only if every
        branch that falls through agrees on it, and a model or layer changed differently by the
        branches is unknown."""
        objects = _mutable_objects(env)
        before = [_state(o) for o in objects]
        after: list[list[dict]] = []
        outcomes: list[dict] = []
        changes: list[dict] = []
        for obj in objects:
            changing(obj)
        for index, body in enumerate(bodies):
            for obj, state in zip(objects, before):
                obj.__dict__.update(_copy_state(state))
            branch_env = dict(env)
            if handler_names and handler_names[index]:
                branch_env[handler_names[index]] = UNKNOWN
            self.mutations.begin()
            self.inexact += 1
            jumped = False
            try:
                self.exec_block(body, branch_env)
                outcomes.append(branch_env)
                after.append([_state(o) for o in objects])
            except (Break, Continue):
                jumped = self.loops[-1:] == ["exact"]
            except Terminated:
                pass
            finally:
                self.inexact -= 1
                changes.append(self.mutations.end())
            if jumped:  # the loop may or may not go on: it cannot be followed pass by pass
                raise Unfollowable
        self.mutations.join(changes)
        for i, obj in enumerate(objects):
            states = [a[i] for a in after] or [before[i]]
            if all(_same_state(states[0], st) for st in states[1:]):
                obj.__dict__.update(_copy_state(states[0]))
            else:
                obj.__dict__.update(_copy_state(before[i]))
                if isinstance(obj, Model):
                    obj.poisoned = True
                else:
                    obj.built_shape = UNKNOWN  # built differently by the branches: unknown
        if not outcomes:
            raise Terminated
        names = set().union(*outcomes)
        for name in names:
            values = [o.get(name, UNKNOWN) for o in outcomes]
            joined = values[0]
            for other in values[1:]:
                joined = join(joined, other)
            env[name] = joined

    def exec_For(self, stmt: ast.For, env: dict) -> None:
        items = as_sequence(self.eval(stmt.iter, env))
        found = growing.passes(items, stmt.iter)
        if found is not None:  # the rows of an array, the items of a grown list
            row, count = found
            if count is None or count > FULL_UNROLL:
                self.unknown_loop(stmt, env, row)
                return
            items = [row] * count
        index = growing.loop_index(items) if isinstance(items, range) else UNKNOWN  # what a pass gets, if not followed
        if not isinstance(items, (list, tuple, range, str)) or self.iterates_what_it_changes(stmt, env):
            self.unknown_loop(stmt, env, index)
            return
        items = tuple(items)
        if len(items) <= FULL_UNROLL and self.unrolled * len(items) <= MAX_UNROLLED:
            passes = iter(items)
            self.follow_loop(stmt, env, lambda: next(passes, _DONE), len(items))
            return
        has_jump = any(isinstance(n, (ast.Break, ast.Continue)) for n in ast.walk(stmt))
        if not has_jump and self.converges(stmt, items, env):
            self.exec_block(stmt.orelse, env)
            return
        self.unknown_loop(stmt, env, index)

    def iterates_what_it_changes(self, stmt: ast.For, env: dict) -> bool:
        """A list the body changes is iterated as it changes: more or fewer passes."""
        changed = self.changed_in_place(ast.Module(stmt.body, []), env)
        return any(isinstance(n, ast.Name) and n.id in changed for n in ast.walk(stmt.iter))

    def follow_loop(self, stmt: ast.For | ast.While, env: dict, next_item: Callable[[], Any], count: int) -> None:
        """Run a loop pass by pass, as Python does; `next_item` gives each pass's item (`_DONE` when
        the loop ends) or raises Unfollowable, and then the loop is one of unknown length."""
        self.unrolled *= max(count, 1)
        self.mutations.begin()
        self.loops.append("exact")
        followed = True
        try:
            while True:
                item = next_item()
                if item is _DONE:
                    self.exec_block(stmt.orelse, env)
                    break
                if isinstance(stmt, ast.For):
                    self.assign(stmt.target, item, env, stmt.iter)
                try:
                    self.exec_block(stmt.body, env)
                except Continue:
                    continue
                except Break:
                    break
        except Unfollowable:
            followed = False
        finally:
            self.unrolled //= max(count, 1)
            self.loops.pop()
            # A loop that cannot be followed is analysed as one of unknown length from where it
            # began: its passes so far are undone, and what it changes is then forgotten.
            self.mutations.end(undo=not followed)
        if not followed:
            self.unknown_loop(stmt, env)

    def converges(self, stmt: ast.For, items: Any, env: dict) -> bool:
        """Follow the first passes of a long loop. When a pass leaves every name and container as
        the one before did (the loop variable aside), later passes change nothing either: the
        loop is done. Otherwise the caller widens it."""
        target = {n.id for n in ast.walk(stmt.target) if isinstance(n, ast.Name)}
        assigned = {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)} - target
        previous: dict | None = None
        for item in items[:WIDEN_AFTER]:
            objects = _mutable_objects(env)
            before = [_state(o) for o in objects]
            self.mutations.begin()
            self.inexact += 1
            try:
                self.assign(stmt.target, item, env, stmt.iter)
                self.exec_block(stmt.body, env)
            finally:
                self.inexact -= 1
                changed = self.mutations.changed(self.mutations.end(undo=False))
            current = {name: env.get(name, UNKNOWN) for name in assigned}
            if previous is not None and not changed and all(_same_state(b, _state(o)) for o, b in zip(objects, before)) \
                    and all(_stable(previous[name], current[name]) for name in assigned):
                self.assign(stmt.target, items[-1], env, stmt.iter)
                return True
            previous = current
        return len(items) <= WIDEN_AFTER

    exec_AsyncFor = exec_For

    def exec_While(self, stmt: ast.While, env: dict) -> None:
        passes = 0

        def next_pass() -> Any:
            nonlocal passes
            test = self.eval(stmt.test, env)
            passes += 1
            if not isinstance(test, (bool, int, str, type(None))) or passes > FULL_UNROLL:
                raise Unfollowable
            return True if test else _DONE
        self.follow_loop(stmt, env, next_pass, FULL_UNROLL)

    def exec_Break(self, stmt: ast.Break, env: dict) -> None:
        raise Break

    def exec_Continue(self, stmt: ast.Continue, env: dict) -> None:
        raise Continue

    def unknown_loop(self, stmt: ast.For | ast.While, env: dict, item: Any = UNKNOWN) -> None:
        """A loop whose iterations the engine cannot count: everything it assigns or changes is
        unknown afterwards (but the lists it appends arrays of one shape to: `growing`), and its
        body is analysed once with those names unknown and the loop variable `item`, what every
        pass gets (a row of an array), when known."""
        grown = growing.prepare(self, stmt, env)
        self.forget_assigned(stmt, env, keep=set(grown))
        for value in list(env.values()):
            if isinstance(value, Model) and self.mutated_in(stmt, value, env):
                value.poisoned = True
        self.mutations.begin()
        self.loops.append("unknown")
        self.inexact += 1
        body_env = {**env, **{name: value for name, (value, _) in grown.items()}}
        growing.watch(self, grown)
        try:
            if isinstance(stmt, ast.For) and item is not UNKNOWN:
                self.assign(stmt.target, item, body_env, stmt.iter)
            self.exec_block(stmt.body, body_env)
        except Terminated:
            pass
        finally:
            self.inexact -= 1
            self.loops.pop()
            self.mutations.forget_changed(self.mutations.end())
        self.forget_names(stmt, env)
        growing.settle(self, env, grown)

    def mutated_in(self, stmt: ast.stmt, model: Model, env: dict) -> bool:
        names = {n for n, v in env.items() if v is model}
        for node in ast.walk(stmt):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in names:
                return True
        return False

    def forget_assigned(self, stmt: ast.stmt, env: dict, keep: set[str] = frozenset()) -> None:
        """What the statement assigns or may change in place (but the names in `keep`) is unknown."""
        self.forget_names(stmt, env)
        for name in self.changed_in_place(stmt, env) - keep:
            self.mutations.forget(env.get(name))

    def forget_names(self, stmt: ast.stmt, env: dict) -> None:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
                env[node.id] = UNKNOWN

    def changed_in_place(self, code: ast.AST, env: dict) -> set[str]:
        """The names whose values `code` may change in place (`mutation.changed_in_place`), with the
        functions this file's names already say change no argument (builtins, library rules)."""
        def keeps_arguments(func: ast.expr) -> bool:
            path = func
            while isinstance(path, ast.Attribute):
                path = path.value
            if not isinstance(path, ast.Name):
                return False
            value = self.eval(func, env)
            if isinstance(value, ApiRef):
                return is_known_api(resolve.canonical(value.path))
            return is_builtin(value)
        return changed_in_place(code, keeps_arguments)

    # ---- assignment --------------------------------------------------------------------------

    def assign(self, target: ast.expr, value: Any, env: dict, value_node: ast.AST) -> None:
        if isinstance(target, ast.Name):
            env[target.id] = value
            self.write_through(target.id, value)
            self.note_assigned(target, value)
        elif isinstance(target, (ast.Tuple, ast.List)):
            self.unpack(target, value, env, value_node)
        elif isinstance(target, ast.Starred):
            self.assign(target.value, UNKNOWN, env, value_node)
        elif isinstance(target, ast.Attribute):
            self.set_attribute(self.eval(target.value, env), target.attr, value)
        elif isinstance(target, ast.Subscript):
            owner = self.eval(target.value, env)
            if is_container(owner):
                change(self, owner, "__setitem__", self.eval(target.slice, env), value)
            elif not isinstance(owner, Tensor):  # stored where the engine cannot see it change
                self.release(value)
            # Item assignment into an array keeps its shape.

    def set_attribute(self, owner: Any, name: str, value: Any, delete: bool = False) -> None:
        if isinstance(owner, UserClass) and owner.kind != "object":
            return  # a custom layer's class attributes are not read
        if isinstance(owner, (Instance, ModuleValue, UserClass)):  # self.units = units, config.BATCH = 64
            attrs = owner.env if isinstance(owner, ModuleValue) else owner.attrs
            self.mutations.touch(attrs)
            if delete:
                attrs.pop(name, None)
            else:
                attrs[name] = value
        elif isinstance(owner, Tensor):
            if name == "shape":  # `a.shape = (2, 3)` reshapes in place
                self.mutations.forget_object(owner)
        elif isinstance(owner, PilImage):  # `image._size = ...`: PIL's own attributes, changed
            owner.forget()
        elif is_container(owner):  # `df.columns = [...]`
            self.mutations.forget(owner)
            self.release(value)
        elif not isinstance(owner, (Model, Layer)):  # stored where the engine cannot see it change
            self.release(value)

    def unpack(self, target: ast.Tuple | ast.List, value: Any, env: dict, value_node: ast.AST) -> None:
        elts = target.elts
        starred = [i for i, e in enumerate(elts) if isinstance(e, ast.Starred)]
        if isinstance(value, (tuple, list)) and not starred and len(value) == len(elts):
            parts = list(value)
        elif isinstance(value, (tuple, list)) and len(starred) == 1 and len(value) >= len(elts) - 1:
            s = starred[0]
            tail = len(elts) - s - 1
            parts = list(value[:s]) + [list(value[s:len(value) - tail])] + list(value[len(value) - tail:])
            self.assign(elts[s].value, parts[s], env, value_node)
            for i, elt in enumerate(elts):
                if i != s:
                    self.assign(elt, parts[i], env, value_node)
            return
        else:
            parts = [UNKNOWN] * len(elts)
        for elt, part in zip(elts, parts):
            self.assign(elt, part, env, value_node)

    def note_assigned(self, target: ast.Name, value: Any) -> None:
        info = describe_value(value)
        if info is not None:
            kind, summary, shape, detail = info
            self.note(target, kind, summary, shape, detail)

    # ---- expressions -------------------------------------------------------------------------

    def eval(self, node: ast.expr | None, env: dict) -> Any:
        if node is None:
            return None
        handler = getattr(self, "eval_" + type(node).__name__, None)
        if handler is None:
            return UNKNOWN
        try:
            value = handler(node, env)
        except (Terminated, OutOfTime):
            raise
        except Exception:
            # A construct the engine cannot follow, an overflowing constant, or a bug in one rule:
            # this expression is unknown (silent), and the rest of the file is still analysed.
            return UNKNOWN
        return UNKNOWN if self.mutations.hides(value) else value

    def eval_Constant(self, node: ast.Constant, env: dict) -> Any:
        return node.value

    def eval_Name(self, node: ast.Name, env: dict) -> Any:
        if node.id in self.volatile:
            return UNKNOWN
        if node.id in env:
            value = env[node.id]
            if isinstance(value, Model):  # hovers on every use of a model show its summary
                self.model_uses.append((node, value))
            return value
        module_env = self.frames[0].env
        if node.id in module_env:
            return module_env[node.id]
        return self.star_lookup(node.id) if self.star_modules else BUILTINS.get(node.id, UNKNOWN)

    def star_lookup(self, name: str) -> Any:
        for module in reversed(self.star_modules):
            if module is None:  # the user's module may define anything
                return UNKNOWN
            exported = star_exports(module, self.keras_major)
            if name in exported if exported is not None else is_known_api(resolve.canonical(f"{module}.{name}")):
                return ApiRef(f"{module}.{name}")
        return BUILTINS.get(name, UNKNOWN)

    def eval_Tuple(self, node: ast.Tuple, env: dict) -> Any:
        items = self.sequence(node.elts, env)
        return UNKNOWN if items is UNKNOWN else tuple(items)

    def eval_List(self, node: ast.List, env: dict) -> Any:
        items = self.sequence(node.elts, env)
        return UNKNOWN if items is UNKNOWN else list(items)

    def sequence(self, elts: list[ast.expr], env: dict) -> Any:
        items: list[Any] = []
        unknown = False
        for elt in elts:
            if isinstance(elt, ast.Starred):
                value = self.eval(elt.value, env)
                if isinstance(value, (tuple, list, range)) and len(value) <= MAX_SEQUENCE:
                    items.extend(value)
                else:
                    unknown = True
            else:
                items.append(self.eval(elt, env))
        return UNKNOWN if unknown else items

    def eval_Dict(self, node: ast.Dict, env: dict) -> Any:
        result = {}
        for key, value in zip(node.keys, node.values):
            k = self.eval(key, env) if key is not None else UNKNOWN
            v = self.eval(value, env)
            if key is None or not isinstance(k, (str, int)):
                return UNKNOWN
            result[k] = v
        return result

    def eval_Set(self, node: ast.Set, env: dict) -> Any:
        items = self.sequence(node.elts, env)
        return UNKNOWN if items is UNKNOWN else plain_set(items)

    def eval_JoinedStr(self, node: ast.JoinedStr, env: dict) -> Any:
        """f"data/{name}_{i:03d}.npy": folded when every part is a known constant."""
        parts: list[Any] = []
        for part in node.values:
            if isinstance(part, ast.Constant):
                parts.append(part.value)
                continue
            value = self.eval(part.value, env)
            spec = self.eval(part.format_spec, env) if part.format_spec is not None else ""
            if not formattable(value) or not isinstance(spec, str) or not bounded_spec(spec):
                parts.append(UNKNOWN)
                continue
            convert = {-1: lambda v: v, ord("s"): str, ord("r"): repr, ord("a"): ascii}[part.conversion]
            parts.append(format(convert(value), spec))
        if any(p is UNKNOWN for p in parts) or sum(len(p) for p in parts) > MAX_SEQUENCE:
            return UNKNOWN
        return "".join(parts)

    def eval_Attribute(self, node: ast.Attribute, env: dict) -> Any:
        owner = self.eval(node.value, env)
        value = self.attribute(owner, node.attr, node)
        if isinstance(value, ApiRef) and resolve.canonical(value.path) in _NEWAXIS:
            return None  # np.newaxis and tf.newaxis are None
        return value

    def attribute(self, owner: Any, name: str, node: ast.AST) -> Any:
        if owner is UNKNOWN:
            return UNKNOWN
        if isinstance(owner, UserClass):  # a plain class's own attributes
            return owner.attrs.get(name, UNKNOWN) if owner.kind == "object" and not self.mutations.hides(
                owner.attrs) else UNKNOWN
        if isinstance(owner, ApiRef):
            return owner.attr(name)
        if isinstance(owner, (Instance, ModuleValue)) and self.mutations.hides(
                owner.attrs if isinstance(owner, Instance) else owner.env):
            return UNKNOWN
        if isinstance(owner, (Instance, Super)):
            return instance_attribute(owner, name)
        if isinstance(owner, ModuleValue):
            return owner.env.get(name, UNKNOWN)
        return attribute_of(self, owner, name, node)

    def eval_Subscript(self, node: ast.Subscript, env: dict) -> Any:
        owner = self.eval(node.value, env)
        index = self.eval(node.slice, env)
        if isinstance(owner, Tensor):
            return index_tensor(owner, index, node)
        handler = METHODS.get((type(owner), "__getitem__"))
        if handler is not None:  # a modelled mapping (an .npz archive's arrays)
            return handler(owner, CallArgs(self, node, [index], {}, [node.slice], {}))
        if isinstance(owner, (tuple, list, str, range)):
            if isinstance(index, slice) or (isinstance(index, int) and not isinstance(index, bool)):
                return owner[index]
            return UNKNOWN
        if isinstance(owner, DefaultDict) and index not in owner and isinstance(index, (str, int)):
            default = self.call(owner.factory, CallArgs(self, node, [], {}, [], {}))
            self.mutations.touch(owner)  # reading a missing key stores the default
            owner[index] = default
            return default
        if isinstance(owner, dict) and isinstance(index, (str, int)):
            return owner.get(index, UNKNOWN)
        handler = special_method(owner, "__getitem__")
        if handler is not None:  # a DataFrame's columns, `df.iloc[...]`
            return handler(owner, CallArgs(self, node, [index], {}, [node.slice], {}))
        return UNKNOWN

    def eval_Slice(self, node: ast.Slice, env: dict) -> Any:
        parts = [self.eval(p, env) for p in (node.lower, node.upper, node.step)]
        if all(isinstance(p, growing.LoopIndex) for p in parts[:2]) and parts[2] is None:
            return slice(*parts)  # a window that moves with a loop: only arrays read it
        # Strings: a slice of labels (`df.loc[:, "a":"c"]`); anything else is not followed.
        if any(p is not None and (not isinstance(p, (int, str)) or isinstance(p, bool)) for p in parts):
            return UNKNOWN
        return slice(*parts)

    def eval_Starred(self, node: ast.Starred, env: dict) -> Any:
        return UNKNOWN

    def eval_UnaryOp(self, node: ast.UnaryOp, env: dict) -> Any:
        value = self.eval(node.operand, env)
        if isinstance(value, Tensor):
            return Tensor(value.shape, value.dtype, node, value.symbolic, library=value.library)
        if isinstance(node.op, ast.Not):
            return UNKNOWN if value is UNKNOWN or isinstance(value, (Model, Layer)) else not value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return {ast.USub: operator.neg, ast.UAdd: operator.pos}.get(type(node.op), lambda v: UNKNOWN)(value)
        return UNKNOWN

    def eval_BinOp(self, node: ast.BinOp, env: dict) -> Any:
        return self.binary(node.op, self.eval(node.left, env), self.eval(node.right, env), node)

    def binary(self, op: ast.operator, left: Any, right: Any, node: ast.AST) -> Any:
        if isinstance(left, Tensor) or isinstance(right, Tensor):
            return tensor_binary(self, op, left, right, node)
        handler = special_method(left, "__binop__") or special_method(right, "__binop__")
        if handler is not None:  # DataFrames and Series
            return handler(op, left, right, node)
        if isinstance(left, growing.LoopIndex) or isinstance(right, growing.LoopIndex):
            return growing.shift(op, left, right)
        return fold_binary(op, left, right)

    def eval_Compare(self, node: ast.Compare, env: dict) -> Any:
        left = self.eval(node.left, env)
        result: Any = True
        for op, comparator in zip(node.ops, node.comparators):
            right = self.eval(comparator, env)
            if not all(isinstance(v, (int, float, str, type(None), tuple)) for v in (left, right)) \
                    or isinstance(op, (ast.In, ast.NotIn)):
                result = UNKNOWN
            elif result is not UNKNOWN:
                result = result and _COMPARE[type(op)](left, right)
            left = right
        return result

    def eval_BoolOp(self, node: ast.BoolOp, env: dict) -> Any:
        values = [self.eval(v, env) for v in node.values]
        if any(v is UNKNOWN or isinstance(v, (Tensor, Model, Layer, Dataset, ApiRef)) for v in values):
            return UNKNOWN
        result = values[0]
        for v in values[1:]:
            result = (result and v) if isinstance(node.op, ast.And) else (result or v)
        return result

    def eval_IfExp(self, node: ast.IfExp, env: dict) -> Any:
        test = self.eval(node.test, env)
        if isinstance(test, (bool, int, str, type(None))):
            return self.eval(node.body if test else node.orelse, env)
        return join(self.eval(node.body, env), self.eval(node.orelse, env))

    def eval_Lambda(self, node: ast.Lambda, env: dict) -> Any:
        return Function(node, env)

    def eval_ListComp(self, node: ast.ListComp, env: dict) -> Any:
        return self.comprehension(node, env, list)

    def eval_GeneratorExp(self, node: ast.GeneratorExp, env: dict) -> Any:
        return self.comprehension(node, env, tuple)

    def comprehension(self, node: ast.ListComp | ast.GeneratorExp, env: dict, kind: type) -> Any:
        """`[Dense(64) for _ in range(3)]`: unrolled when the iterable is a known, short sequence."""
        if len(node.generators) != 1 or node.generators[0].is_async:
            return UNKNOWN
        gen = node.generators[0]
        items = as_sequence(self.eval(gen.iter, env))
        if not isinstance(items, (list, tuple, range)) or len(items) > MAX_UNROLL:
            return UNKNOWN
        results = []
        for item in items:
            self.check_time()  # nested comprehensions run no statement that would check it
            scope = dict(env)
            self.assign(gen.target, item, scope, gen.iter)
            conditions = [self.eval(c, scope) for c in gen.ifs]
            if any(c is UNKNOWN or not isinstance(c, (bool, int, str, type(None))) for c in conditions):
                return UNKNOWN
            if all(conditions):
                results.append(self.eval(node.elt, scope))
        return kind(results)

    def eval_NamedExpr(self, node: ast.NamedExpr, env: dict) -> Any:
        value = self.eval(node.value, env)
        self.assign(node.target, value, env, node.value)
        return value

    # ---- calls -------------------------------------------------------------------------------

    def eval_Call(self, node: ast.Call, env: dict) -> Any:
        owner: Any = None  # the receiver of a method call
        if isinstance(node.func, ast.Attribute):
            owner = self.eval(node.func.value, env)
            callee = self.attribute(owner, node.func.attr, node.func)
            callee = UNKNOWN if self.mutations.hides(callee) else callee
        else:
            callee = self.eval(node.func, env)
        if callee is UNKNOWN and owner is not None:
            self.unknown_method(owner, node.func.attr)
        args: list[Any] = []
        arg_nodes: list[ast.AST] = []
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                value = self.eval(arg.value, env)
                if not isinstance(value, (tuple, list)):
                    return self.call_unknown(node, env)
                args.extend(value)
                arg_nodes.extend([arg] * len(value))
            else:
                args.append(self.eval(arg, env))
                arg_nodes.append(arg)
        kwargs: dict[str, Any] = {}
        kwarg_nodes: dict[str, ast.AST] = {}
        for kw in node.keywords:
            value = self.eval(kw.value, env)
            if kw.arg is None:  # **kwargs
                if not isinstance(value, dict):
                    return UNKNOWN
                kwargs.update(value)
                kwarg_nodes.update({k: kw.value for k in value})
            else:
                kwargs[kw.arg] = value
                kwarg_nodes[kw.arg] = kw.value
        return self.call(callee, CallArgs(self, node, args, kwargs, arg_nodes, kwarg_nodes))

    def call_unknown(self, node: ast.Call, env: dict) -> Any:
        """A call whose arguments the engine cannot line up: what it is given may change."""
        for arg in node.args:
            self.release(self.eval(arg.value if isinstance(arg, ast.Starred) else arg, env))
        for kw in node.keywords:
            self.release(self.eval(kw.value, env))
        self.release_exposed()
        return UNKNOWN

    def unknown_method(self, owner: Any, name: str) -> None:
        """A method the engine does not model: the list, dict or model it belongs to may change
        (Keras's own methods that only read a model or layer excepted)."""
        if is_container(owner):
            self.mutations.forget(owner)
        elif isinstance(owner, Model) and name not in _MODEL_READS:
            owner.poisoned = True
        elif isinstance(owner, Layer) and name == "build":
            owner.built_shape = UNKNOWN
        elif isinstance(owner, Tensor) and name == "resize":  # NumPy's in-place resize
            self.mutations.forget_object(owner)
        elif isinstance(owner, PilImage):  # thumbnail, paste, putalpha, seek, ... change it in place
            owner.forget()

    def release(self, value: Any, library: bool = False) -> None:
        """`value` was handed to code the engine does not follow: the containers in it may change,
        and so may the models, unless that code is a library's (which does not rebuild models)."""
        self.mutations.forget(value)
        items = value if isinstance(value, (list, tuple)) else value.values() if isinstance(value, dict) else [value]
        for item in items:
            if isinstance(item, Model) and not library:
                item.poisoned = True
            elif isinstance(item, (Instance, UserClass)):  # its attributes may be set or changed
                self.mutations.forget(item.attrs)
            elif isinstance(item, PilImage):  # e.g. ImageOps.exif_transpose(image, in_place=True)
                item.forget()

    def release_exposed(self) -> None:
        """Unknown code of this file may change what it names."""
        envs = [frame.env for frame in self.frames] + list(self.module_envs.values())
        for name in self.exposed:
            for scope in envs:
                if name in scope:
                    self.release(scope[name])

    def escape(self, call: CallArgs, library: bool = False) -> None:
        for value in [*call.args, *call.kwargs.values()]:
            self.release(value, library)
        if not library:
            self.release_exposed()

    def call(self, callee: Any, call: CallArgs) -> Any:
        if callee is UNKNOWN:
            self.escape(call)
            return UNKNOWN
        if isinstance(callee, ApiRef):
            path = resolve.canonical(callee.path)
            if not is_known_api(path):  # a library function without a rule may still change a list
                self.escape(call, library=True)
            return call_api(path, call)
        if isinstance(callee, Function):
            return self.call_function(callee, call)
        if isinstance(callee, UserClass):
            return instantiate(self, callee, call)
        if isinstance(callee, BoundUserMethod):
            return run_method(self, callee.instance, callee.function, call.args, call.kwargs)
        if is_builtin(callee):
            return callee(call)
        if not has_call(callee):
            self.escape(call)
        return call_value(self, callee, call)

    def call_function(self, function: Function, call: CallArgs) -> Any:
        """Interpret a function of this file with the caller's arguments."""
        node = function.node
        if self.depth >= MAX_CALL_DEPTH:
            return self.skip_function(function, call)
        self.check_time()  # a lambda's body is an expression: no statement would check it
        if _is_generator(node):  # its body runs later, while it is iterated, if at all
            return self.skip_function(function, call)
        env = dict(function.closure)
        if not self.bind_arguments(node.args, call, env, function.closure):
            return self.skip_function(function, call)
        frame = Frame(env, closure=function.closure)
        self.frames.append(frame)
        self.depth += 1
        entering = module_of(node) is not None and module_of(call.node) is None
        traced = bool(getattr(node, "decorator_list", None))  # only tf.function leaves a function followed
        self.tracing += traced
        if entering:
            self.call_sites.append((call.node, f"`{self.source.snippet(call.node)}` calls into "
                                    f"{os.path.basename(module_of(node).path)} here"))
        try:
            if isinstance(node, ast.Lambda):
                return self.eval(node.body, env)
            try:
                self.exec_block(node.body, env)
                frame.returns.append(None)  # fell off the end
            except Terminated:
                pass
        finally:
            self.depth -= 1
            self.tracing -= traced
            self.frames.pop()
            if entering:
                self.call_sites.pop()
        if not frame.returns:
            return UNKNOWN
        result = frame.returns[0]
        for other in frame.returns[1:]:
            result = join(result, other)
        return result

    def skip_function(self, function: Function, call: CallArgs) -> Any:
        """A function not followed after all: what it is given, and what it names, may change."""
        self.escape(call)
        for name in {n.id for n in ast.walk(function.node) if isinstance(n, ast.Name)}:
            if name in function.closure:
                self.release(function.closure[name])
        return UNKNOWN

    def bind_arguments(self, spec: ast.arguments, call: CallArgs, env: dict, closure: dict) -> bool:
        positional = spec.posonlyargs + spec.args
        defaults = [None] * (len(positional) - len(spec.defaults)) + list(spec.defaults)
        for i, param in enumerate(positional):
            if i < len(call.args):
                env[param.arg] = call.args[i]
            elif param.arg in call.kwargs:
                env[param.arg] = call.kwargs[param.arg]
            elif defaults[i] is not None:
                env[param.arg] = self.eval(defaults[i], closure)
            else:
                return False
        if len(call.args) > len(positional):
            if spec.vararg is None:
                return False
        if spec.vararg is not None:
            env[spec.vararg.arg] = tuple(call.args[len(positional):])
        for param, default in zip(spec.kwonlyargs, spec.kw_defaults):
            if param.arg in call.kwargs:
                env[param.arg] = call.kwargs[param.arg]
            elif default is not None:
                env[param.arg] = self.eval(default, closure)
            else:
                return False
        if spec.kwarg is not None:
            names = {p.arg for p in positional + spec.kwonlyargs}
            env[spec.kwarg.arg] = {k: v for k, v in call.kwargs.items() if k not in names}
        return True


def _mutable_objects(env: dict) -> list:
    """The models and layers a branch could change: those reachable from names, one level deep."""
    found: dict[int, Any] = {}
    for value in env.values():
        items = value if isinstance(value, (list, tuple)) else [value]
        for item in items:
            if isinstance(item, (Model, Layer)):
                found[id(item)] = item
                if isinstance(item, Model):
                    for layer in item.layers:
                        found[id(layer)] = layer
    return list(found.values())


def _model_state(model: Model) -> tuple:
    """What a model's descriptions are made of (its layers' arguments never change once made)."""
    return (id(model), model.kind, model.name, model.poisoned, _frozen(model.inputs), _frozen(model.outputs),
            tuple(map(id, model.layers)), _frozen(model.layer_outputs), model.runner is None)


def _frozen(value: Any) -> Any:
    return tuple(map(_frozen, value)) if isinstance(value, list) else value


def _state(obj: Any) -> dict:
    return _copy_state(obj.__dict__)


def _copy_state(state: dict) -> dict:
    return {k: list(v) if isinstance(v, list) else v for k, v in state.items()}


def _same_state(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(
        same_value(x, y) or (isinstance(x, list) and isinstance(y, list) and len(x) == len(y)
                             and all(p is q or p == q for p, q in zip(x, y)))
        for x, y in ((a[k], b[k]) for k in a))


def _is_generator(node: ast.FunctionDef | ast.Lambda) -> bool:
    body = node.body if isinstance(node.body, list) else [node.body]
    pending = list(body)
    while pending:
        sub = pending.pop()
        if isinstance(sub, (ast.Yield, ast.YieldFrom)):
            return True
        if not isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            pending.extend(ast.iter_child_nodes(sub))
    return False


def _stable(a: Any, b: Any) -> bool:
    """Two values a name took in consecutive passes of a loop are the same to every rule."""
    if same_value(a, b):
        return True
    if isinstance(a, Tensor) and isinstance(b, Tensor):
        return (a.shape, a.dtype, a.symbolic) == (b.shape, b.dtype, b.symbolic) and a.producer is None \
            and b.producer is None
    if type(a) in (list, tuple) and type(a) is type(b):
        return len(a) == len(b) and all(_stable(x, y) for x, y in zip(a, b))
    return False


# Augmented assignments that change their container itself: every alias sees the change.
_IN_PLACE = {(list, ast.Add): "__iadd__", (list, ast.Mult): "__imul__", (dict, ast.BitOr): "__ior__",
             (set, ast.BitOr): "__ior__", (set, ast.Sub): "__isub__", (set, ast.BitAnd): "__iand__",
             (deque, ast.Add): "__iadd__", (deque, ast.Mult): "__imul__"}

# Methods of Keras's Model that leave its layers and inputs as they are.
_MODEL_READS = frozenset({
    "count_params", "get_weights", "set_weights", "get_config", "to_json", "get_layer", "train_on_batch",
    "test_on_batch", "predict_on_batch", "reset_states", "reset_metrics", "export", "save_spec", "get_metrics_result",
    "compute_loss", "compute_metrics", "make_predict_function", "make_train_function", "make_test_function",
})

_COMPARE: dict[type, Callable[[Any, Any], Any]] = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Gt: operator.gt, ast.GtE: operator.ge, ast.Is: operator.is_, ast.IsNot: operator.is_not,
}

_ARITHMETIC: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod, ast.Pow: operator.pow,
}


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def fold_binary(op: ast.operator, left: Any, right: Any) -> Any:
    """Constant folding of Python arithmetic, bounded so huge literals cannot hang the engine."""
    fn = _ARITHMETIC.get(type(op))
    if fn is None:
        return UNKNOWN
    if _is_number(left) and _is_number(right):
        if isinstance(op, ast.Pow) and (abs(right) > 64 or abs(left) > 2**32):
            return UNKNOWN
        result = fn(left, right)
        return result if not isinstance(result, int) or abs(result) < 2**63 else UNKNOWN
    if isinstance(op, ast.Mod) and isinstance(left, str):
        return percent_format(left, right)
    if isinstance(op, ast.Div) and (isinstance(left, PurePath) or isinstance(right, PurePath)) \
            and all(isinstance(v, (str, PurePath)) for v in (left, right)):
        return left / right  # pathlib's `/`
    sequences = (tuple, list, str)
    if isinstance(op, ast.Add) and isinstance(left, sequences) and type(left) is type(right):
        return fn(left, right) if len(left) + len(right) <= MAX_SEQUENCE else UNKNOWN
    if isinstance(op, ast.Mult):
        seq, count = (left, right) if isinstance(left, sequences) else (right, left)
        if isinstance(seq, sequences) and isinstance(count, int) and not isinstance(count, bool):
            return seq * count if len(seq) * max(count, 0) <= MAX_SEQUENCE else UNKNOWN
    return UNKNOWN


@builtin
def _range(call: CallArgs) -> Any:
    if call.kwargs or not call.args or not all(isinstance(a, int) and not isinstance(a, bool) for a in call.args):
        return UNKNOWN
    result = range(*call.args)
    return result if len(result) <= MAX_SEQUENCE else UNKNOWN


@builtin
def _len(call: CallArgs) -> Any:
    (value,) = call.args or (UNKNOWN,)
    if isinstance(value, (tuple, list, str, range, dict, set, deque)):
        return len(value)
    if isinstance(value, Tensor) and value.shape and value.shape[0] is not None:
        return value.shape[0]
    handler = special_method(value, "__len__")
    return handler(value, call) if handler is not None else UNKNOWN


def _converter(kind: type) -> Callable[[CallArgs], Any]:
    def convert(call: CallArgs) -> Any:
        if not call.args and not call.kwargs:  # int() is 0, list() is []: defaultdict's factories
            return kind()
        if len(call.args) != 1 or call.kwargs:
            return UNKNOWN
        value = as_sequence(call.args[0])
        if kind in (tuple, list) and isinstance(value, (tuple, list, range)) and len(value) <= MAX_SEQUENCE:
            return kind(value)
        if kind in (int, float) and _is_number(value):
            return kind(value)
        return UNKNOWN
    return builtin(convert, kind.__name__)


def _sequences(values: list) -> list | None:
    """The arguments as sequences the engine knows item by item, or None."""
    items = [as_sequence(v) for v in values]
    return items if all(isinstance(v, (list, tuple, range, str)) and len(v) <= MAX_SEQUENCE for v in items) else None


@builtin
def _enumerate(call: CallArgs) -> Any:
    """enumerate(seq, start): its pairs, read when called (a loop over a list its body changes is
    not followed item by item)."""
    start = call.get("start", 1, 0)
    items = _sequences(call.args[:1])
    if len(call.args) > 2 or not isinstance(start, int) or isinstance(start, bool):
        return UNKNOWN
    if items is None:  # an array's rows, a grown list's items
        return growing.zipped([as_sequence(v) for v in call.args[:1]], call.node, start, FULL_UNROLL)
    return [(start + i, item) for i, item in enumerate(items[0])]


@builtin
def _zip(call: CallArgs) -> Any:
    items = _sequences(call.args)
    if call.kwargs:
        return UNKNOWN
    if items is None:
        return growing.zipped([as_sequence(v) for v in call.args], call.node, most=FULL_UNROLL)
    return list(zip(*items))


@builtin
def _sorted(call: CallArgs) -> Any:
    """sorted() of numbers or strings (in any container: the result's order is its own)."""
    if len(call.args) != 1 or set(call.kwargs) - {"reverse"} or not isinstance(call.kwargs.get("reverse", False), bool):
        return UNKNOWN
    items = as_sequence(call.args[0], ordered=False)
    if not isinstance(items, (list, tuple, set, range, str)) or len(items) > MAX_SEQUENCE:
        return UNKNOWN
    if not (all(_is_number(v) for v in items) or all(isinstance(v, str) for v in items)):
        return UNKNOWN
    return sorted(items, reverse=call.kwargs.get("reverse", False))


def _reducer(fn: Callable) -> Callable[[CallArgs], Any]:
    @builtin
    def reduce(call: CallArgs) -> Any:
        values = call.args[0] if len(call.args) == 1 else call.args
        if call.kwargs or not isinstance(values, (tuple, list, range)) or not values \
                or not all(_is_number(v) for v in values):
            return UNKNOWN
        return fn(values)
    return reduce


@builtin
def _str(call: CallArgs) -> Any:
    """str(path), str(3): the text of a constant or a path; str() is "" (a defaultdict's factory)."""
    if not call.args and not call.kwargs:
        return ""
    if len(call.args) == 1 and not call.kwargs and formattable(call.args[0]):
        return str(call.args[0])
    return _reads_only(call)


@builtin
def _open(call: CallArgs) -> Any:
    """open(path, "w"): what the disk holds there is stale for the reads after it."""
    mode = call.get("mode", 1, "r")
    if not isinstance(mode, str) or set(mode) & set("wax+"):
        mark_written(call, call.get("file", 0))
    return _reads_only(call)


def _file_of(path: str) -> dict[str, str]:
    """`__file__` of a module read from the disk: its absolute path, as a script run sees it (a
    notebook has none)."""
    return {"__file__": os.path.abspath(path)} if path.endswith(".py") and os.path.isfile(path) else {}


@builtin
def _print(call: CallArgs) -> Any:
    return None


@builtin
def _super(call: CallArgs) -> Any:
    return Super()


@builtin
def _reads_only(call: CallArgs) -> Any:
    """A builtin that changes none of its arguments (isinstance, map, reversed, ...); one given a
    function of the analysed code may call it, and that function may change anything."""
    if any(isinstance(value, Function) for value in [*call.args, *call.kwargs.values()]):
        call.interp.escape(call)
    return UNKNOWN


BUILTINS: dict[str, Any] = {
    **{name: _reads_only for name in (
        "abs", "all", "any", "ascii", "bin", "callable", "chr", "divmod", "filter",
        "format", "frozenset", "getattr", "hasattr", "hash", "hex", "id", "isinstance", "issubclass", "iter", "map",
        "next", "oct", "ord", "pow", "repr", "reversed", "round", "slice", "type")},
    "enumerate": _enumerate, "zip": _zip, "sorted": _sorted,
    "bool": builtin(lambda call: _reads_only(call), "bool"),  # its own: a dtype when passed as one
    "range": _range, "len": _len, "str": builtin(_str, "str"), "open": _open, "tuple": _converter(tuple), "list": _converter(list),
    "dict": builtin(new_dict, "dict"), "set": builtin(new_set, "set"),
    "int": _converter(int), "float": _converter(float), "min": _reducer(min), "max": _reducer(max),
    "sum": _reducer(sum), "print": _print, "super": _super, "True": True, "False": False, "None": None,
}
