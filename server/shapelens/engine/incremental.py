"""Incremental analysis: a document's last run, kept statement by statement, so that the next run
replays what an edit cannot have changed and runs only the rest.

Each top-level statement a run executes leaves an `Entry`: the statement's syntax tree (reused by
the next run while the statement's text is unchanged), the module names it read and the values
they held, the names it bound, what it reported and noted, the layer names it took, and every
object it changed (a `values.Tracked` object's attributes, or a container through the mutation
journal: one hook, `values.changing`, sees both). The next run replays an entry instead of running
its statement when:

- the statement has the same text: the parse kept its node (so values that point at its nodes stay
  right). An edit that adds or removes lines moves the statements below it, with the places their
  entries noted, unless an entry noted a place in the lines replaced or a line number in a message;
- every module name it read holds the same object, or an equal plain value, and the layer-name
  counters and the interpreter's own sets (forgotten containers, names calls may change, files
  written, star imports) are as they were;
- it is a simple statement that read no file, no workspace module, no Keras oracle and not the
  whole module namespace;
- no statement run for real before it in this run changed an object an earlier run made, and no
  statement the edit replaced before it had changed an object an earlier statement made: from
  there on, every statement runs.

Replaying an entry binds the names it bound, re-reports and re-notes what it did, and puts back
the state it left each object in that a later statement also changed, so that every object is as
the statement left it. Consecutive entries replay as one `Block`. Objects are shared between runs;
the module namespace is one dictionary for the document's life, so the functions a replayed `def`
made read this run's names. A run that fails or runs out of time leaves no trace: the next one
starts from scratch.
"""
from __future__ import annotations

import ast
import bisect
import operator
import threading
from dataclasses import dataclass, field, replace
from typing import Any

from . import reads
from .interpreter import Terminated
from .mutation import _restore, _snapshot, is_container
from .report import Diagnostic, Span, ValueInfo
from .source import Source, first_line, parse
from .values import ApiRef, Tracked, next_changer, same_value, watch_changes

_ABSENT = object()  # a name not bound
_REPLAYABLE = (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Expr, ast.Import, ast.ImportFrom, ast.FunctionDef,
               ast.AsyncFunctionDef, ast.ClassDef, ast.Pass, ast.Delete, ast.Assert)
_SCAN_DEPTH = 4  # how deep the containers a statement bound are looked into
BLOCK = 32  # entries in a block (see Block)
_END = operator.attrgetter("end_lineno")


def _whole(method: Any) -> Any:
    def every_name(self: "ModuleEnv", *args: Any, **kwargs: Any) -> Any:
        self.whole = True
        return method(self, *args, **kwargs)
    return every_name


class ModuleEnv(dict):
    """The module's namespace. While a statement is recorded, the names it reads (with the values
    they held before it bound any) and the names it binds are noted; reading them all (iterating,
    copying) makes the statement one that is never replayed."""

    def __init__(self) -> None:
        super().__init__()
        self.read: dict[str, Any] | None = None
        self.written: set[str] = set()
        self.whole = False
        self.imported: tuple | None = None  # the library names, when the statement asked for them

    def imports(self) -> list[tuple[str, ApiRef]]:
        """values.imported: the statement depends on these names alone, not on the whole namespace."""
        found = _imports(self)
        if self.read is not None and self.imported is None and not self.written:
            self.imported = tuple(found)
        elif self.read is not None and self.imported != tuple(found):
            self.whole = True  # asked again after binding names: not followed
        return found

    def _note(self, name: str) -> None:
        if self.read is not None and name not in self.read and name not in self.written:
            self.read[name] = dict.get(self, name, _ABSENT)

    def __getitem__(self, name: str) -> Any:
        self._note(name)
        return dict.__getitem__(self, name)

    def get(self, name: str, default: Any = None) -> Any:
        self._note(name)
        return dict.get(self, name, default)

    def __contains__(self, name: object) -> bool:
        if isinstance(name, str):
            self._note(name)
        return dict.__contains__(self, name)

    def __setitem__(self, name: str, value: Any) -> None:
        self.written.add(name)
        dict.__setitem__(self, name, value)

    def __delitem__(self, name: str) -> None:
        self.written.add(name)
        dict.__delitem__(self, name)

    def pop(self, name: str, *default: Any) -> Any:
        self._note(name)
        self.written.add(name)
        return dict.pop(self, name, *default)

    def setdefault(self, name: str, default: Any = None) -> Any:
        self._note(name)
        self.written.add(name)
        return dict.setdefault(self, name, default)

    # Reading (or replacing) every name at once: the statement running is not replayed.
    update = _whole(dict.update)
    __iter__ = _whole(dict.__iter__)
    keys = _whole(dict.keys)
    values = _whole(dict.values)
    items = _whole(dict.items)
    copy = _whole(dict.copy)


@dataclass(eq=False)
class Entry:
    node: ast.stmt | None  # reused by the next run while its text and place are unchanged
    reads: dict[str, Any] = field(default_factory=dict)
    imported: tuple | None = None  # the library names it asked for (values.imported), as they were
    writes: dict[str, Any] = field(default_factory=dict)
    deleted: tuple[str, ...] = ()  # names it unbound
    reports: list[tuple[tuple, Diagnostic]] = field(default_factory=list)
    notes: dict[tuple, ValueInfo] = field(default_factory=dict)
    names: dict[str, list[int]] = field(default_factory=dict)  # layer-name prefix → [count before, taken]
    models: list = field(default_factory=list)
    model_uses: list = field(default_factory=list)
    forgotten: list = field(default_factory=list)
    touched: list = field(default_factory=list)  # every object it changed or made
    changes: dict[int, "Entry"] = field(default_factory=dict)  # their ids → this entry, as replays tell it
    restore: dict[int, tuple[Any, Any]] = field(default_factory=dict)  # id → (object, state it left it in)
    state: tuple = ()  # the interpreter's sets when it began
    replayable: bool = True
    last_of_block: bool = False  # a block of entries replayed as one ends here (see Block)
    changed_older: bool = False  # it changed an object an earlier statement made
    placed: list[dict] | None = None  # its nodes' attributes that hold a place, once it has moved


@dataclass(eq=False)
class Block:
    """Consecutive entries replayed as one, their effects merged: a long file's thousands of
    unchanged statements cost a few dozen checks. Ends fall on fixed entries (one in BLOCK), so an
    edit changes only the blocks around it. Entries that change the interpreter's sets or ask for
    the library names are replayed on their own."""
    entries: list[Entry]
    nodes: list[ast.stmt]
    state: tuple
    reads: dict[str, Any]  # the names read before any entry of the block bound them, as they were
    counts: dict[str, int]  # the layer-name counters the first entry drawing on each found
    counted: dict[str, int]  # ... and the last one left
    writes: dict[str, Any]
    deleted: tuple[str, ...]
    changes: dict[int, Entry]
    ids: list[int]
    reports: list[tuple[tuple, Diagnostic]]
    notes: dict[tuple, ValueInfo]
    models: list
    model_uses: list

    @classmethod
    def of(cls, entries: list[Entry]) -> "Block":
        reads: dict[str, Any] = {}
        bound: set[str] = set()
        writes: dict[str, Any] = {}
        deleted: set[str] = set()
        counts: dict[str, int] = {}
        counted: dict[str, int] = {}
        changes: dict[int, Entry] = {}
        notes: dict[tuple, ValueInfo] = {}
        for entry in entries:
            for name, value in entry.reads.items():
                if name not in bound and name not in reads:
                    reads[name] = value
            bound.update(entry.writes, entry.deleted)
            writes.update(entry.writes)
            deleted.difference_update(entry.writes)
            for name in entry.deleted:
                writes.pop(name, None)
                deleted.add(name)
            for prefix, (before, taken) in entry.names.items():
                counts.setdefault(prefix, before)
                counted[prefix] = before + taken
            changes.update(entry.changes)
            notes.update(entry.notes)
        return cls(entries, [e.node for e in entries], entries[0].state, reads, counts, counted, writes,
                   tuple(deleted), changes, list(map(id, entries)), [r for e in entries for r in e.reports], notes,
                   [m for e in entries for m in e.models], [u for e in entries for u in e.model_uses])


class Session:
    """One document's analyses, each replaying what it can of the one before. Not thread-safe: one
    analysis at a time (the language server runs them on one thread)."""

    def __init__(self) -> None:
        self._env = ModuleEnv()
        self._entries: dict[int, Entry] = {}  # by the id of the statement's node (the entry keeps it)
        self._blocks: dict[int, Block] = {}  # by the id of the first statement's node
        # Where the next run's replays stop: the place of the first statement the edit replaced that
        # had changed an object an earlier statement made (later statements saw that change).
        self._cut: int | None = None
        self._made = 0  # entries made so far: every BLOCK-th ends a block
        self._lines: list[str] = []  # the last text's
        self._tree: ast.Module | None = None
        self._context: tuple | None = None
        self._descriptions: dict = {}  # the models' descriptions, by the state they describe
        # This run's bookkeeping: each changed object's last changer (by id: the entries keep the
        # objects alive), and the objects two changed.
        self._changer: dict[int, Entry] = {}
        self._shared: dict[int, Any] = {}
        self._current: Entry | None = None
        self._replayed: set[int] = set()  # ids of this run's replayed entries
        self._applied: list[Block] = []  # the blocks this run replayed
        self._diverged = False  # a statement run for real changed an object an earlier run made
        self._sets: tuple | None = None  # the interpreter's sets as they are (None: to be computed)
        self._thread = 0
        self.replayed = 0  # statements the last run replayed (for tests and the benchmark)

    def reset(self) -> None:
        """Forget the last run: the next one starts from scratch."""
        self._entries, self._blocks, self._lines, self._tree, self._descriptions = {}, {}, [], None, {}
        self._cut = None

    # ---- parsing ---------------------------------------------------------------------------------

    def parse(self, source: Source, path: str, context: tuple) -> ast.Module:
        """The syntax tree of the source's text: the last run's, with only the statements an edit
        touches parsed again (those below moved, if it added or removed lines). The `context`
        (what else the analysis depends on) must match the last run's, else that run is forgotten."""
        if context != self._context:
            self.reset()
            self._context = context
        lines = source.lines
        tree = self._reparsed(lines, path) if self._tree is not None else None
        if tree is None:
            tree = parse(source.text, path)
        self._lines, self._tree = lines, tree
        return tree

    def _reparsed(self, new: list[str], path: str) -> ast.Module | None:
        """The last tree with the statements edits touch parsed again. An edit that adds or removes
        lines moves the statements after it: their nodes, and what their entries noted, are moved
        with it. None: parse the whole text."""
        old, body = self._lines, self._tree.body
        if old == new:
            return self._tree
        delta = len(new) - len(old)
        if delta == 0:
            first, last = _first_difference(old, new), len(old) - _first_difference(old[::-1], new[::-1])
            changed = [i + 1 for i in range(first, last) if old[i] != new[i]]  # 1-based
            regions = [[changed[0], changed[0]]]
            for line in changed[1:]:
                if line == regions[-1][1] + 1:
                    regions[-1][1] = line
                else:
                    regions.append([line, line])
        else:
            common = min(len(old), len(new))
            first = next((i for i in range(common) if old[i] != new[i]), common)
            same = next((i for i in range(common - first) if old[-1 - i] != new[-1 - i]), common - first)
            regions = [[first + 1, len(old) - same]]  # the old lines replaced (none, for lines inserted)
        if regions[0][0] <= 2:  # an encoding declaration, or `from __future__` at the top
            return None
        spans: list[list[int]] = []  # [first statement, last statement, first line, last line] to parse again
        for first, last in regions:
            a = bisect.bisect_left(body, first, key=_END)  # no list of every statement's end
            lo = min(first, first_line(body[a])) if a < len(body) else first
            b = next((i for i in range(a, len(body)) if first_line(body[i]) > last), len(body)) - 1
            hi = max(last, body[b].end_lineno) if b >= a else last
            if spans and (a <= spans[-1][1] + 1 or lo <= spans[-1][3]):  # touching the last one: one span
                spans[-1][1], spans[-1][3] = max(b, spans[-1][1]), max(hi, spans[-1][3])
            else:
                spans.append([a, b, lo, hi])
        spliced, done, cut = [], 0, None
        for a, b, lo, hi in spans:
            if (a > 0 and body[a - 1].end_lineno >= lo) or (b + 1 < len(body) and first_line(body[b + 1]) <= hi):
                return None  # statements sharing a line with the edit's
            part = self._parse_lines(new, lo, hi + delta, path) if hi + delta >= lo else []
            if part is None:
                return None
            spliced += body[done:a]
            replaced = (self._entries.get(id(stmt)) for stmt in body[a:b + 1])
            if cut is None and any(entry is not None and entry.changed_older for entry in replaced):
                cut = len(spliced)
            spliced += part
            done = b + 1
        if delta:
            (_, _, lo, hi), = spans
            self._move(body[done:], lo, hi, delta)
        self._cut = cut
        return ast.Module(body=spliced + body[done:], type_ignores=[])

    def _move(self, statements: list[ast.stmt], lo: int, hi: int, delta: int) -> None:
        """Lines lo..hi (1-based) were replaced by others, `delta` lines more: the statements after
        them move down by `delta`, and so do the places their entries noted. An entry that noted a
        place within the lines replaced, or wrote a line number into a message, runs again."""
        for stmt in statements:
            entry = self._entries.get(id(stmt))
            if entry is None:
                _move_down(_placed(stmt), delta)
                continue
            if entry.placed is None:
                entry.placed = _placed(stmt)
            _move_down(entry.placed, delta)
            if not _moved(entry, lo - 1, hi, delta):
                del self._entries[id(stmt)]
        self._blocks = {}  # they hold the places as they were
        self._descriptions = _moved_descriptions(self._descriptions, lo - 1, hi, delta)

    @staticmethod
    def _parse_lines(lines: list[str], lo: int, hi: int, path: str) -> list[ast.stmt] | None:
        """The statements of lines lo..hi (1-based), placed where they are; None if they do not
        parse on their own (the whole text's parse then reports the error, or sees them in context)."""
        try:
            part = parse("".join(lines[lo - 1:hi]), path)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None
        if any(isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__" for stmt in part.body):
            return None
        ast.increment_lineno(part, lo - 1)
        return part.body

    # ---- running -----------------------------------------------------------------------------

    def module_env(self) -> ModuleEnv:
        """The module namespace for a run: the document's one dictionary, emptied."""
        dict.clear(self._env)
        self._env.read, self._env.written, self._env.whole = None, set(), False
        return self._env

    def run(self, interp: Any, body: list[ast.stmt], env: ModuleEnv) -> None:
        """Run (or replay) the module's statements, then describe its models, recording a new trace."""
        previous, self._entries = self._entries, {}
        self._changer, self._shared, self._replayed, self._applied = {}, {}, set(), []
        self._diverged, self.replayed, self._sets = False, 0, None
        self._thread = threading.get_ident()  # changes made by other threads are not this run's
        watch_changes(self._changing)
        finished = False
        cut, self._cut = self._cut, None
        try:
            index = 0
            while index < len(body):
                stmt = body[index]
                if cut is not None and index >= cut:
                    self._diverged = True  # from a gone statement that changed an older object on
                    cut = None
                block = self._blocks.get(id(stmt)) if not self._diverged else None
                if block is not None and self._block_replays(interp, block, body, index, env):
                    self._replay_block(interp, block, env)
                    index += len(block.entries)
                    continue
                index += 1
                entry = previous.get(id(stmt))
                if (entry is not None and entry.node is stmt and not self._diverged
                        and self._replays(interp, entry, env)):
                    self._replay(interp, entry, env)
                    self._entries[id(stmt)] = entry
                    continue
                entry = Entry(stmt)
                self._made += 1
                entry.last_of_block = self._made % BLOCK == 0
                self._entries[id(stmt)] = entry
                if self._record(interp, entry, env):
                    break
            self._current = Entry(None, replayable=False)  # describing the models changes what it changes
            next_changer()
            interp.describe_models(self._descriptions)
            finished = not interp.out_of_time
        finally:
            self._current = None
            interp.recorder = None
            watch_changes(None)
            if finished:
                self._close(body)
            else:
                self.reset()

    def _replays(self, interp: Any, entry: Entry, env: ModuleEnv) -> bool:
        if not entry.replayable or entry.state != self._state(interp):
            return False
        if not _as_they_were(entry.reads, env):
            return False
        if entry.imported is not None and tuple(_imports(env)) != entry.imported:
            return False
        counts = interp.layer_counts
        return not entry.names or all(counts.get(prefix, 0) == before for prefix, (before, _) in entry.names.items())

    def _block_replays(self, interp: Any, block: Block, body: list[ast.stmt], index: int, env: ModuleEnv) -> bool:
        nodes = block.nodes
        if body[index:index + len(nodes)] != nodes or block.state != self._state(interp):  # nodes compare by identity
            return False
        if not _as_they_were(block.reads, env):
            return False
        counts = interp.layer_counts
        return all(counts.get(prefix, 0) == before for prefix, before in block.counts.items())

    def _replay_block(self, interp: Any, block: Block, env: ModuleEnv) -> None:
        """What replaying each of its entries in turn does."""
        interp.check_time()
        self._applied.append(block)
        dict.update(env, block.writes)
        for name in block.deleted:
            dict.pop(env, name, None)
        for entry in block.entries:
            if entry.restore:  # a later statement changed what it made: put back as it left it
                for obj, state in entry.restore.values():
                    _put_back(obj, state)
            self._entries[id(entry.node)] = entry
        self._changer.update(block.changes)
        self._replayed.update(block.ids)
        if block.reports:
            _report_again(interp, block.reports)
        interp.values.update(block.notes)
        interp.layer_counts.update(block.counted)
        interp.models.extend(block.models)
        interp.model_uses.extend(block.model_uses)
        self.replayed += len(block.entries)

    def _state(self, interp: Any) -> tuple:
        """The interpreter's own sets, which change what a statement does: computed again only
        after a statement that may have added to them."""
        if self._sets is None:
            self._sets = _state(interp)
        return self._sets

    def _replay(self, interp: Any, entry: Entry, env: ModuleEnv) -> None:
        if self.replayed % 64 == 0:
            interp.check_time()
        dict.update(env, entry.writes)
        for name in entry.deleted:
            dict.pop(env, name, None)
        for obj, state in entry.restore.values():
            _put_back(obj, state)
        self._changer.update(entry.changes)
        self._replayed.add(id(entry))
        if entry.reports:
            _report_again(interp, entry.reports)
        if entry.notes:
            interp.values.update(entry.notes)
        if entry.names:
            for prefix, (before, taken) in entry.names.items():
                interp.layer_counts[prefix] = before + taken
        if entry.models:
            interp.models.extend(entry.models)
        if entry.model_uses:
            interp.model_uses.extend(entry.model_uses)
        if entry.forgotten:
            self._sets = None
            for obj in entry.forgotten:
                interp.mutations.forgotten[id(obj)] = obj
        self.replayed += 1

    def _record(self, interp: Any, entry: Entry, env: ModuleEnv) -> bool:
        """Run the statement, noting what it does. True if control left the module (a `raise`)."""
        entry.state = self._state(interp)
        untouched = _untouched(interp)
        models, uses, forgotten = len(interp.models), len(interp.model_uses), len(interp.mutations.forgotten)
        env.read, env.written, env.whole, env.imported = entry.reads, set(), False, None
        interp.recorder = self
        self._current = entry
        next_changer()
        left = False
        try:
            interp.exec_stmt(entry.node, env)
        except Terminated:  # a module-level `raise`: the module stops here
            left = True
        finally:
            interp.recorder = None
            self._current = None
            env.read = None
        self._sets = None
        entry.imported = env.imported
        entry.writes = {name: dict.__getitem__(env, name) for name in env.written if dict.__contains__(env, name)}
        entry.deleted = tuple(name for name in env.written if name not in entry.writes)
        entry.models = interp.models[models:]
        entry.model_uses = interp.model_uses[uses:]
        entry.forgotten = list(interp.mutations.forgotten.values())[forgotten:]
        entry.replayable = (isinstance(entry.node, _REPLAYABLE) and not left and not env.whole
                            and _untouched(interp) == untouched)
        self._own(entry)
        entry.changes = dict.fromkeys(map(id, entry.touched), entry)
        return left

    # ---- what the interpreter tells the statement being recorded ------------------------------

    def reported(self, key: tuple, diagnostic: Diagnostic) -> None:
        self._recording().reports.append((key, _copy(diagnostic)))

    def noted(self, key: tuple, info: ValueInfo) -> None:
        self._recording().notes[key] = info

    def named(self, prefix: str, count: int) -> None:
        self._recording().names.setdefault(prefix, [count, 0])[1] += 1

    def _recording(self) -> Entry:
        assert self._current is not None, "the interpreter tells a session only while it records"
        return self._current

    def _own(self, entry: Entry) -> None:
        """The containers a statement bound (and those inside them) are its own from now on, so
        that a later change to them is seen as one to an object this statement made."""
        pending = [(value, 0) for value in entry.writes.values()]
        while pending:
            value, depth = pending.pop()
            if depth > _SCAN_DEPTH or not (is_container(value) or isinstance(value, tuple)):
                continue
            if is_container(value) and id(value) not in self._changer:
                self._changer[id(value)] = entry
                entry.touched.append(value)
            items = value.values() if isinstance(value, dict) else value
            try:
                pending.extend((item, depth + 1) for item in items)
            except TypeError:
                continue

    # ---- what changed ------------------------------------------------------------------------

    def _changing(self, obj: Any) -> bool:
        """Before `obj` changes: the statement running is now its last changer; the one before
        keeps the state it left it in. Whether this run's statement took note."""
        entry = self._current
        if entry is None or threading.get_ident() != self._thread:
            return False
        key = id(obj)
        last = self._changer.get(key)
        if last is entry:
            return True
        self._changer[key] = entry
        entry.touched.append(obj)
        if last is not None:
            entry.changed_older = True
            if key not in last.restore:
                last.restore[key] = (obj, _state_of(obj))
            self._shared[key] = obj
            if id(last) in self._replayed:
                self._diverged = True
        return True

    def _close(self, body: list[ast.stmt]) -> None:
        """The run is over: each object two statements changed is put back, by its last changer's
        replay, to the state it ends in; the entries are grouped into blocks again (those whose
        entries are all as they were are kept)."""
        for key, obj in self._shared.items():
            last = self._changer[key]
            if id(last) not in self._replayed:
                last.restore[key] = (obj, _state_of(obj))
        old, self._blocks = self._blocks, {}
        applied = {id(block.nodes[0]): block for block in self._applied}  # still blocks: skipped over
        run: list[Entry] = []
        index = 0
        while index < len(body):
            stmt = body[index]
            block = applied.get(id(stmt))
            if block is not None:
                self._block(run, old)
                run = []
                self._blocks[id(stmt)] = block
                index += len(block.entries)
                continue
            index += 1
            entry = self._entries.get(id(stmt))
            if entry is None:  # not reached: the module stopped before
                break
            if not (entry.replayable and not entry.forgotten and entry.imported is None
                    and (not run or entry.state == run[0].state)):
                self._block(run, old)
                run = []
                continue
            run.append(entry)
            if entry.last_of_block:
                self._block(run, old)
                run = []
        self._block(run, old)

    def _block(self, entries: list[Entry], old: dict[int, Block]) -> None:
        if len(entries) < 2:
            return
        key = id(entries[0].node)
        kept = old.get(key)
        self._blocks[key] = kept if kept is not None and kept.entries == entries else Block.of(entries)


def _placed(stmt: ast.stmt) -> list[dict]:
    """The attribute dictionaries of a statement's nodes that hold a place: kept by its entry, so
    that moving it again (each line added above it) does not walk its tree again."""
    found, pending = [], [stmt]
    while pending:
        fields = pending.pop().__dict__
        if "lineno" in fields:
            found.append(fields)
        for name, value in fields.items():
            if type(value) is list:
                pending.extend(item for item in value if isinstance(item, ast.AST))
            elif isinstance(value, ast.AST) and name != "ctx":  # Load/Store: shared, placeless
                pending.append(value)
    return found


def _first_difference(a: list[str], b: list[str]) -> int:
    """The first index where two lists of the same length differ (they do): by halving, each
    comparison of slices made in C, not line by line in Python."""
    lo, hi = 0, len(a)  # a[:lo] == b[:lo]; a[:hi] != b[:hi]
    while hi - lo > 1:
        middle = (lo + hi) // 2
        if a[lo:middle] == b[lo:middle]:
            lo = middle
        else:
            hi = middle
    return lo


def _move_down(placed: list[dict], delta: int) -> None:
    """ast.increment_lineno, on attributes found beforehand."""
    for fields in placed:
        fields["lineno"] += delta
        if fields["end_lineno"] is not None:
            fields["end_lineno"] += delta


def _moved_descriptions(memo: dict, first: int, after: int, delta: int) -> dict:
    """The models' descriptions with their places moved as `_moved` moves an entry's; those placed
    within the lines replaced are left out (described again)."""
    def moved(info: ValueInfo) -> ValueInfo | None:
        try:
            return _moved_info(info, first, after, delta)
        except _Unplaced:
            return None

    kept: dict = {}
    for key, value in memo.items():
        if isinstance(value, ValueInfo):  # one use of a model
            value = moved(value)
        elif isinstance(value, dict):  # a model's layers
            infos = [moved(info) for info in value.values()]
            value = None if None in infos else {(info.span, info.kind): info for info in infos}
        if value is not None or key[0] == "model":
            kept[key] = value
    return kept


def _moved(entry: Entry, first: int, after: int, delta: int) -> bool:
    """Move the places `entry` noted that lie at or after 0-based line `after` by `delta` lines;
    False if one lies in lines first..after-1 (replaced), or a text names a line."""
    def place(span: Span) -> Span:
        return _moved_span(span, first, after, delta)

    def diagnostic(d: Diagnostic) -> Diagnostic:
        texts = [d.message, d.expected or "", d.actual or "", *(r.message for r in d.related),
                 *(f.title for f in d.fixes)]
        if any("line " in text for text in texts):
            raise _Unplaced
        return replace(d, span=place(d.span),
                       related=[replace(r, span=place(r.span)) if r.path is None else r for r in d.related],
                       fixes=[replace(f, edits=tuple(replace(e, span=place(e.span)) for e in f.edits))
                              for f in d.fixes])

    try:
        reports = [((place(key[0]), *key[1:]), diagnostic(d)) for key, d in entry.reports]
        notes = {}
        for (span, kind), info in entry.notes.items():
            info = _moved_info(info, first, after, delta)
            notes[(info.span, kind)] = info
    except _Unplaced:
        return False
    entry.reports, entry.notes = reports, notes
    return True


def _moved_span(span: Span, first: int, after: int, delta: int) -> Span:
    """A place at or after 0-based line `after` moved by `delta` lines; one before line `first`
    as it is; one between (in the lines replaced) is _Unplaced."""
    if span.line >= after:
        return Span(span.line + delta, span.column, span.end_line + delta, span.end_column)
    if span.end_line < first:
        return span
    raise _Unplaced


def _moved_info(info: ValueInfo, first: int, after: int, delta: int) -> ValueInfo:
    if "line " in info.summary or "line " in info.detail:  # it names a line, which may have moved
        raise _Unplaced
    return replace(info, span=_moved_span(info.span, first, after, delta))


class _Unplaced(Exception):
    """A place noted within the lines an edit replaced."""


def _as_they_were(reads: dict[str, Any], env: dict) -> bool:
    """Whether every name read holds what it held (the same object, or an equal plain value)."""
    lookup = dict.get
    for name, value in reads.items():
        current = lookup(env, name, _ABSENT)
        if current is not value and not same_value(current, value):
            return False
    return True


def _report_again(interp: Any, reports: list[tuple[tuple, Diagnostic]]) -> None:
    seen = interp._seen
    for key, diagnostic in reports:
        if key not in seen:
            seen.add(key)
            interp.diagnostics.append(_copy(diagnostic))


def _imports(env: dict) -> list[tuple[str, ApiRef]]:
    return [(name, value) for name, value in dict.items(env) if isinstance(value, ApiRef)]


def _state(interp: Any) -> tuple:
    """The interpreter's own sets, which change what a statement does."""
    sets = (interp.exposed, interp.volatile, interp.written_files, interp.mutations.forgotten, interp.not_found)
    if not any(sets) and not interp.star_modules:
        return ()
    return (*(frozenset(s) for s in sets), tuple(interp.star_modules))


def _untouched(interp: Any) -> tuple:
    """What a statement that is replayed must leave as it was: the interpreter's sets, the
    workspace modules run, the files read, the questions asked of the Keras oracle."""
    return (len(interp.exposed), len(interp.volatile), len(interp.written_files), len(interp.not_found),
            len(interp.star_modules), len(interp.module_envs), len(interp.opened_images), reads.count(),
            interp.oracle.misses if interp.oracle is not None else 0)


def _state_of(obj: Any) -> Any:
    if isinstance(obj, Tracked):
        return {k: _shallow(v) for k, v in vars(obj).items()}
    return _snapshot(obj)


def _put_back(obj: Any, state: Any) -> None:
    if isinstance(obj, Tracked):
        attributes = vars(obj)
        attributes.clear()
        attributes.update({k: _shallow(v) for k, v in state.items()})
    else:
        _restore(obj, state)


def _shallow(value: Any) -> Any:
    return value.copy() if type(value) in (list, dict, set) else value


def _copy(diagnostic: Diagnostic) -> Diagnostic:
    """A replayed diagnostic: front ends change theirs in place (fixes sorted, messages reworded)."""
    return replace(diagnostic, fixes=list(diagnostic.fixes), related=list(diagnostic.related))

