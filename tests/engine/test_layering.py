"""The engine's imports run one way: values at the bottom, layer rules above them, library rules
above those, the interpreter on top. Every import counts, also one inside a function."""
import ast
from pathlib import Path

import shapelens.engine

ENGINE = Path(shapelens.engine.__file__).parent
INTERPRETER = {"", "interpreter", "incremental", "classes", "describe", "keras2", "fixall", "suppressions", "oracle",
               "graph"}


def level(module: str) -> int:
    if module in INTERPRETER:
        return 3
    if module == "api" or module.startswith("api."):
        return 2
    if module == "layers" or module.startswith("layers.") or module == "params":
        return 1
    return 0


def name_of(path: Path) -> str:
    parts = list(path.relative_to(ENGINE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> dict[str, set[str]]:
    """Each engine module's imports of other engine modules (`from . import x` names module x)."""
    modules = {name_of(path): path for path in ENGINE.rglob("*.py")}
    found: dict[str, set[str]] = {}
    for module, path in modules.items():
        package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        package = [part for part in package if part]
        found[module] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package[:len(package) - node.level + 1]
                target = ".".join(base + (node.module.split(".") if node.module else []))
                named = [f"{target}.{alias.name}".strip(".") for alias in node.names]
                found[module] |= {n for n in named if n in modules} or ({target} if target in modules else set())
        found[module].discard(module)
    return found


def group(module: str) -> str:
    """A package's registry and its modules import each other; between groups, nothing cycles."""
    top = module.split(".")[0]
    return top if top in ("api", "layers") else module


def test_no_module_imports_a_higher_level():
    upward = sorted((module, target) for module, targets in imports().items() for target in targets
                    if level(target) > level(module))
    assert upward == []


def test_no_import_cycle_between_modules_outside_a_package_registry():
    graph: dict[str, set[str]] = {}
    for module, targets in imports().items():
        graph.setdefault(group(module), set()).update(group(t) for t in targets if group(t) != group(module))
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> None:
        assert node not in path, " -> ".join(path[path.index(node):] + [node])
        if node in done:
            return
        for target in sorted(graph.get(node, ())):
            visit(target, path + [node])
        done.add(node)

    for node in sorted(graph):
        visit(node, [])


def test_operators_build_on_tensors_not_the_other_way_round():
    found = imports()
    assert "api.tensors" in found["api.ops"] and "api.ops" not in found["api.tensors"]
