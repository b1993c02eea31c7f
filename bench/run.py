"""`make bench`: Shape Lens's latency and memory as an editor sees them, next to the targets of
the performance issue. Prints a Markdown table on stdout (progress goes to stderr).

Latencies go through a real `shapelens server` subprocess over stdio; the big models are analysed
by the engine in a fresh process each (bench/probe.py), so their memory is theirs alone.
"""
from __future__ import annotations

import asyncio
import itertools
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import generate
from lsp_client import Document, Server

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seed" / "example_1.py"
SEED_EDIT = ("Dense(10, activation='softmax')", "Dense(12, activation='softmax')")
SCRIPT_EDIT = ("BATCH_SIZE = 32", "BATCH_SIZE = 64")  # every fit call depends on it
SIZES = [  # lines, models, layers, repetitions (fewer for the big files: keeps `make bench` short)
    (50, 1, 10, 30),
    (300, 3, 100, 30),
    (3_000, 30, 1_000, 10),
    (10_000, 100, 3_000, 3),
]
DEBOUNCE = 0.3  # the server's pause before checking while typing
REPETITION_BUDGET = 45.0  # seconds; past it a measurement stops repeating (after two samples)
WAIT = 300.0  # seconds to wait for one publication before declaring the server stuck
COLD_STARTS, TF_RUNS, PROBE_RUNS, OPEN_FILES, CLI_FILES, CLI_MEMORY_FILES = 5, 3, 10, 50, 400, 1_000
WORKSPACE_FILES, OPENED_DURING = 1_000, 10  # workspace mode: files on disk; files opened while they are checked
REQUESTS = 60  # hovers and code actions per size: each takes milliseconds
MS = 1e-3
SAVE_TARGETS = {300: 40 * MS, 3_000: 250 * MS}  # p95, by lines
TYPING_TARGET = 30 * MS  # p95 beyond the debounce, at every size


@dataclass
class Row:
    measurement: str
    size: str
    samples: list[float]  # seconds, or MB for memory rows
    unit: str = "s"  # "s", "MB" or "x" (a ratio)
    limit: float | None = None  # the target, on the p95 (the median for ratios)
    at_least: bool = False  # the target is a lower bound
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:  # nearest rank: with 20 samples or fewer, the slowest
        return sorted(self.samples)[math.ceil(0.95 * len(self.samples)) - 1]

    def verdict(self) -> str:
        if self.limit is None:
            return ""
        if not self.samples:
            return "**MISS**"
        judged = self.median if self.unit == "x" else self.p95
        if (judged >= self.limit) if self.at_least else (judged <= self.limit):
            return "PASS"
        return f"**MISS** ({judged / self.limit:.1f}× the target)"

    def cells(self) -> list[str]:
        n = str(len(self.samples)) if len(self.samples) > 1 else ""
        if not self.samples:
            stats = ["—", "—"]
        else:
            stats = [fmt(self.median, self.unit), fmt(self.p95, self.unit) if n else ""]
        target = "" if self.limit is None else f"{'≥' if self.at_least else '≤'} {fmt(self.limit, self.unit)}"
        measurement = f"{self.measurement} ({self.note})" if self.note else self.measurement
        return [measurement, self.size, n, *stats, target, self.verdict()]


def fmt(value: float, unit: str) -> str:
    if math.isinf(value):
        return "never"
    if unit == "x":
        return f"{value:,.0f}×" if value >= 10 else f"{value:.1f}×"
    if unit == "MB":
        return f"{value:,.1f} MB"
    if value >= 10:
        return f"{value:.1f} s"
    return f"{value * 1000:,.1f} ms" if value < 0.01 else f"{value * 1000:,.0f} ms"


def progress(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


async def repeat(measure: Callable[[], Awaitable[float]], times: int) -> list[float]:
    """Up to `times` samples, fewer past the time budget; an infinite one (nothing came) ends it."""
    samples: list[float] = []
    started = time.perf_counter()
    while len(samples) < times and (len(samples) < 2 or time.perf_counter() - started < REPETITION_BUDGET):
        samples.append(await measure())
        if math.isinf(samples[-1]):
            break
    return samples


def toggled(text: str, edit: tuple[str, str]) -> str:
    """The text with the edit made, or undone: each version differs from the one before."""
    before, after = edit
    return text.replace(after, before, 1) if after in text else text.replace(before, after, 1)


async def published(document: Document, timeout: float = WAIT) -> tuple[float, dict]:
    found = await document.published(timeout)
    if found is None:
        raise RuntimeError(f"no diagnostics for {document.uri} version {document.version} in {timeout:.0f} s")
    return found


def hover_position(text: str) -> tuple[int, int]:
    """The kind of the layer in the middle of the file (e.g. on `Conv2D` of `layers.Conv2D(`)."""
    sites = [(n, line.index("layers.") + len("layers.") + 1) for n, line in enumerate(text.splitlines())
             if "layers." in line and line.rstrip().endswith(("(", ",", ")"))]
    return sites[len(sites) // 2]


# ---- through the language server ---------------------------------------------------------------

async def save_latency(document: Document, edit: tuple[str, str]) -> float:
    """An edit, then a save: the save is checked at once (it cancels the typing debounce)."""
    document.change(toggled(document.text, edit))
    saved = document.save()
    arrival, _ = await published(document)
    return arrival - saved


async def typing_latency(document: Document, edit: tuple[str, str], timeout: float) -> float:
    changed = document.change(toggled(document.text, edit))
    found = await document.published(timeout)
    return math.inf if found is None else found[0] - changed


async def requests(send: Callable[[], Awaitable[object]]) -> tuple[list[float], bool]:
    """The latencies of REQUESTS requests, and whether every one got a non-empty answer."""
    answers: list[object] = []

    async def one() -> float:
        started = time.perf_counter()
        answers.append(await send())
        return time.perf_counter() - started
    return await repeat(one, REQUESTS), all(answers)


async def measure_file(server: Server, path: Path, lines: int, models: int, size: str,
                       repetitions: int) -> list[Row]:
    document = Document(server, path, path.read_text())
    await published(document)
    saves = await repeat(lambda: save_latency(document, SCRIPT_EDIT), repetitions)
    rows = [Row("warm didSave → publishDiagnostics", size, saves, limit=SAVE_TARGETS.get(lines))]
    progress(f"{size}: save → diagnostics median {fmt(rows[0].median, 's')}")

    # The server stops checking while typing once a file's analysis takes over 2 s, and says so.
    slow = any(str(path) in message and "save only" in message for message in server.logs)
    timeout = DEBOUNCE + 10 + 3 * max(saves)
    note = "none: the server checks this file on save only" if slow else ""
    # A keystroke in one layer of the middle model (what typing mostly is), then one every fit
    # call depends on (the constant at the top).
    local = (f'name="m{models // 2}_', f'name="n{models // 2}_')
    typing = [] if slow else await repeat(lambda: typing_latency(document, local, timeout), repetitions)
    everywhere = [] if slow else await repeat(lambda: typing_latency(document, SCRIPT_EDIT, timeout), repetitions)
    # A line added (and taken away again) before the middle model's compile: every line below moves.
    enter = (f"\nmodel_{models // 2}.compile(", f"\n\nmodel_{models // 2}.compile(")
    lines_moved = [] if slow else await repeat(lambda: typing_latency(document, enter, timeout), repetitions)
    rows += [Row("didChange → publishDiagnostics, total", size, typing, note=note),
             Row(f"… beyond the {DEBOUNCE * 1000:.0f} ms debounce", size, [t - DEBOUNCE for t in typing],
                 limit=TYPING_TARGET, note=note),
             Row("… an edit every fit depends on (BATCH_SIZE), beyond the debounce", size,
                 [t - DEBOUNCE for t in everywhere], note=note),
             Row("… a line added or removed mid-file, beyond the debounce", size,
                 [t - DEBOUNCE for t in lines_moved], note=note)]
    typing = typing + everywhere + lines_moved
    if not typing or math.isinf(typing[-1]):  # the last change is unchecked: check it before the requests
        document.save()
        await published(document)

    line, character = hover_position(document.text)
    hovers, answered = await requests(lambda: document.hover(line, character))
    rows.append(Row("hover", size, hovers, limit=20 * MS, note="" if answered else "empty answer"))

    _, params = await published(document)
    fixable = [d for d in params["diagnostics"] if (d.get("data") or {}).get("fixes")]
    diagnostic = (fixable or params["diagnostics"])[0]
    actions, answered = await requests(lambda: document.code_actions(diagnostic))
    rows.append(Row("codeAction", size, actions, limit=20 * MS, note="" if answered else "empty answer"))
    server.notify("textDocument/didClose", {"textDocument": {"uri": document.uri}})
    return rows


def scaling(saves: list[tuple[int, Row]]) -> list[Row]:
    """'Growing no worse than linearly': the median save latency against the file's length, from
    300 lines up (below, it is all fixed cost), with 20 % allowed for noise."""
    return [Row("save latency growth, median ÷ median", f"{small:,} → {big:,} lines",
                [big_row.median / small_row.median], unit="x", limit=1.2 * big / small,
                note=f"lines ×{big / small:.1f}")
            for (small, small_row), (big, big_row) in itertools.pairwise(saves[1:])]


async def editing_session(workspace: Path) -> tuple[list[Row], list[float]]:
    """Every size in one warm server, then the seed example (the denominator of the speed-up)."""
    server = await Server.start(workspace)
    rows: list[Row] = []
    saves: list[tuple[int, Row]] = []
    for lines, models, layers, repetitions in SIZES:
        size = f"{lines:,} lines · {models} model{'s' * (models > 1)} · {layers:,} layers"
        path = workspace / f"experiments_{lines}.py"
        path.write_text(generate.script(lines, models, layers))
        progress(f"{size}: opening")
        measured = await measure_file(server, path, lines, models, size, repetitions)
        saves.append((lines, measured[0]))
        rows += measured
    order = list(dict.fromkeys(row.measurement for row in rows))
    rows.sort(key=lambda row: order.index(row.measurement))  # each measurement's sizes together
    rows += scaling(saves)
    seed = Document(server, workspace / SEED.name, SEED.read_text())
    await published(seed)
    seed_saves = await repeat(lambda: save_latency(seed, SEED_EDIT), 30)
    await server.stop()
    return rows, seed_saves


async def model_graph(workspace: Path) -> list[Row]:
    """shapelens/modelGraph on ResNet50 written out: the first request of a document (its analysis
    runs again to draw the graphs), then the next ones (answered from the report). The target leaves
    half of the 500 ms from the command to the drawn graph to the webview's layout."""
    server = await Server.start(workspace)
    text, label = generate.resnet50(), "ResNet50 written out (177 layers, 16 Adds)"
    firsts, answered = [], True
    for k in range(PROBE_RUNS):
        document = Document(server, workspace / f"resnet50_{k}.py", text)
        await published(document)
        started = time.perf_counter()
        reply = await server.request("shapelens/modelGraph", {"uri": document.uri, "line": 0})
        firsts.append(time.perf_counter() - started)
        answered = answered and len(reply["graphs"][0]["nodes"]) == 177
    later, answered_later = await requests(lambda: server.request("shapelens/modelGraph", {"uri": document.uri}))
    await server.stop()
    note = "" if answered and answered_later else "not the 177 layers"
    return [Row("shapelens/modelGraph → graph JSON, first request", label, firsts, limit=250 * MS, note=note),
            Row("shapelens/modelGraph → graph JSON, from the report", label, later, limit=50 * MS, note=note)]


async def cold_start(workspace: Path) -> tuple[float, float]:
    """(spawn → first diagnostics, initialized → first diagnostics) of a fresh server."""
    server = await Server.start(workspace)
    ready = time.perf_counter()
    document = Document(server, workspace / SEED.name, SEED.read_text())
    arrival, _ = await published(document, 60)
    await server.stop()
    return arrival - server.spawned, arrival - ready


async def open_files(workspace: Path) -> Row:
    server = await Server.start(workspace)
    idle = server.rss_mb()
    text = generate.script(300, 3, 100)
    documents = [Document(server, workspace / "project" / f"experiment_{k}.py", text) for k in range(OPEN_FILES)]
    for document in documents:
        await published(document)
    row = Row(f"server RSS after opening {OPEN_FILES} files", "300 lines each", [server.rss_mb()], unit="MB",
              limit=100, note=f"{idle:.0f} MB idle")
    await server.stop()
    return row


async def workspace_mode(workspace: Path) -> list[Row]:
    """diagnosticMode "workspace" over 1,000 files on disk: how long the whole check takes, and
    how long a file opened meanwhile waits for its diagnostics."""
    root = workspace / "large-workspace"
    text = generate.script(50, 1, 10)
    for k in range(WORKSPACE_FILES):
        path = root / f"package_{k // 100}" / f"module_{k}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    server = await Server.start(root, {"diagnosticMode": "workspace"})
    opened = root / "opened"
    opened.mkdir()
    latencies = []
    for k in range(OPENED_DURING):
        while len(server.published) < 20 * (k + 1):  # spread over the first part of the check
            await asyncio.sleep(0.01)
        sent = time.perf_counter()
        arrival, _ = await published(Document(server, opened / f"edited_{k}.py", SEED.read_text()))
        latencies.append(arrival - sent)
    while len({params["uri"] for _, params in server.published}) < WORKSPACE_FILES + OPENED_DURING:
        await asyncio.sleep(0.05)
    finished = max(arrival for arrival, _ in server.published)
    await server.stop()
    size = f"{WORKSPACE_FILES:,} files of 50 lines"
    return [Row("workspace mode: open → publishDiagnostics while the rest is checked", size, latencies,
                limit=500 * MS),
            Row("workspace mode: the whole workspace checked", size, [finished - server.spawned],
                note=f"{(finished - server.spawned) / WORKSPACE_FILES * 1e3:.0f} ms a file")]


# ---- in other processes ----------------------------------------------------------------------

def big_models(workspace: Path) -> list[Row]:
    rows = []
    for name, label, text in [
            ("vgg16", "VGG16 written out (138 M params)", generate.vgg16()),
            ("resnet50", "ResNet50 written out (177 layers, 16 Adds)", generate.resnet50()),
            ("resnet50_application", "keras.applications.ResNet50(weights=None)", generate.resnet50_application())]:
        path = workspace / f"{name}.py"
        path.write_text(text)
        out = subprocess.run([sys.executable, str(Path(__file__).with_name("probe.py")), str(path), str(PROBE_RUNS)],
                             capture_output=True, text=True, check=True)
        result = json.loads(out.stdout)
        note = "partial: out of time" if result["partial"] else ""
        rows += [Row("engine analyse()", label, result["times"], limit=150 * MS, note=note),
                 Row("peak RSS growth of the analysis", label, [result["peak_growth_mb"]], unit="MB", limit=50)]
    return rows


def data_loading(workspace: Path) -> list[Row]:
    """The same loading script over a small data folder and a real-size one (2 GB files, 10,000
    images): reading data must not grow with it."""
    medians, rows = {}, []
    for big in (False, True):
        folder = workspace / ("data-big" if big else "data-small")
        path = folder / "train.py"
        path.write_text(generate.data_workspace(folder, big))
        out = subprocess.run([sys.executable, str(Path(__file__).with_name("probe.py")), str(path), str(PROBE_RUNS)],
                             capture_output=True, text=True, check=True)
        result = json.loads(out.stdout)
        medians[big] = statistics.median(result["times"])
        label = "2 GB CSV, 2 GB .npy, 10,000 images" if big else "the same, small files"
        rows.append(Row("engine analyse(), reading the data files", label, result["times"],
                        note=f"{result['values']} values known"))
    rows.append(Row("cost of real-size data: median − median", "2 GB files, 10,000 images",
                    [max(medians[True] - medians[False], 0.0)], limit=5 * MS))
    return rows


def command_line(workspace: Path) -> list[Row]:
    """`shapelens check` over folders of generated Keras scripts: CLI_FILES in one process and in
    one per core, then again unchanged with the results kept from a first run; and the memory of
    one process over CLI_MEMORY_FILES."""
    def project(name: str, count: int) -> Path:
        folder = workspace / name
        folder.mkdir()
        for i in range(count):
            (folder / f"model_{i:04}.py").write_text(generate.script(150 + i % 50, 2, 30 + i % 20))
        return folder

    def check(folder: Path, *options: str) -> tuple[float, float]:
        """Seconds, and the peak RSS in MB of the process (workers are measured apart)."""
        command = [sys.executable, "-m", "shapelens", "check", "--no-keras", "--output-format", "concise",
                   "--cache-dir", str(workspace / "cache"), *options, str(folder)]
        started = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", MEASURED_RUN, json.dumps(command)], capture_output=True,
                             text=True, check=True)
        return time.perf_counter() - started, float(out.stdout) / 1024

    cores = os.cpu_count() or 1
    folder = project("project", CLI_FILES)
    (one, _), (all_cores, _) = check(folder, "--no-cache", "--jobs", "1"), check(folder, "--no-cache")
    check(folder)  # fills the cache
    size = f"{CLI_FILES} files of 150–200 lines"
    _, memory = check(project("big-project", CLI_MEMORY_FILES), "--no-cache", "--jobs", "1")
    return [Row("shapelens check --jobs 1", size, [one]),
            Row(f"shapelens check (--jobs {cores})", size, [all_cores]),
            Row(f"speed-up of --jobs {cores}", size, [one / all_cores], unit="x", limit=1.8, at_least=True),
            Row("shapelens check again, nothing changed (cached)", size, [check(folder)[0]], limit=2.0),
            Row("peak RSS of shapelens check --jobs 1", f"{CLI_MEMORY_FILES:,} files of 150–200 lines", [memory],
                unit="MB", limit=300)]


# Runs a command and prints the peak RSS (kB) of the processes it waited for: this one's only child.
MEASURED_RUN = ("import json, resource, subprocess, sys; subprocess.run(json.loads(sys.argv[1]), capture_output=True); "
                "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def tensorflow_runs() -> list[float]:
    """The user's alternative: run the buggy seed example until TensorFlow raises (it prints the
    error it catches)."""
    times = []
    for _ in range(TF_RUNS):
        started = time.perf_counter()
        out = subprocess.run([sys.executable, str(SEED)], check=False, capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        if "there was an error" not in out.stdout:
            raise RuntimeError(f"the seed example did not reach its error:\n{out.stdout}{out.stderr}")
    return times


def commit() -> str:
    out = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
                         check=False, capture_output=True, text=True)
    return out.stdout.strip() or "unknown"


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()} "
            f"({platform.system()} {platform.release()})")


def main() -> None:
    started, load = time.perf_counter(), os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="shapelens-bench-") as directory:
        workspace = Path(directory)
        progress("cold starts")
        colds, readies = zip(*(asyncio.run(cold_start(workspace)) for _ in range(COLD_STARTS)))
        rows, seed_saves = asyncio.run(editing_session(workspace))
        progress(f"opening {OPEN_FILES} files")
        rows.append(asyncio.run(open_files(workspace)))
        progress(f"workspace mode, {WORKSPACE_FILES:,} files")
        rows += asyncio.run(workspace_mode(workspace))
        progress("big models")
        rows += big_models(workspace)
        progress("model graph")
        rows += asyncio.run(model_graph(workspace))
        progress("data files")
        rows += data_loading(workspace)
        progress(f"shapelens check over {CLI_FILES} files")
        rows += command_line(workspace)
    progress("running the seed example under TensorFlow")
    tf = tensorflow_runs()
    seed = "seed example_1.py"
    rows += [
        Row("cold start: spawn → first publishDiagnostics", seed, list(colds), limit=1.5),
        Row("cold start: server initialized → first publishDiagnostics", seed, list(readies), limit=300 * MS),
        Row("warm didSave → publishDiagnostics", seed, seed_saves),
        Row("the alternative: run it under TensorFlow to its error", seed, tf),
        Row("speed-up: TensorFlow run ÷ save → diagnostics", seed,
            [statistics.median(tf) / statistics.median(seed_saves)], unit="x", limit=100, at_least=True),
        Row("speed-up: TensorFlow run ÷ cold first diagnostics", seed,
            [statistics.median(tf) / statistics.median(colds)], unit="x"),
    ]

    # Other work on the machine slows every number: the load average tells the reader.
    print(f"Shape Lens {commit()} on {machine()}; {time.strftime('%Y-%m-%d')}, {time.perf_counter() - started:.0f} s "
          f"in all; load average {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end.\n")
    print("| Measurement | File | n | Median | p95 | Target | |")
    print("| --- | --- | --: | --: | --: | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row.cells()) + " |")
    print("\nLatency targets are on the p95 (nearest rank), the speed-up on medians. Scripts: bench/generate.py.")


if __name__ == "__main__":
    main()
