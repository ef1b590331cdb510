"""The layer rules, read from the source: what may import what, no import cycles, and no
process-wide state outside the runtime.

Every import counts, at module level or inside a function (a lazy import is still a dependency),
except those under `if TYPE_CHECKING:`, which never run.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("voc_engine", "api")


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (REPO / package).rglob("*.py"):
            parts = path.relative_to(REPO).with_suffix("").parts
            if "versions" in parts:  # Alembic revisions are loaded by Alembic, not imported
                continue
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def _imports(modules: dict[str, Path]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = _type_checking_lines(tree)
        for node in ast.walk(tree):
            if getattr(node, "lineno", None) in skipped:
                continue
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name and not name.startswith(target + "."):
                    graph[name].add(target)
    return graph


MODULES = _modules()
GRAPH = _imports(MODULES)


def _cycles(graph: dict[str, set[str]], nodes: list[str]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(nodes):
        if node not in index:
            visit(node)
    return found


def test_the_library_never_imports_the_service():
    offenders = sorted(
        (name, target) for name, targets in GRAPH.items() if name.startswith("voc_engine")
        for target in targets if target.startswith("api")
    )
    assert offenders == []


@pytest.mark.parametrize("above", ["voc_engine.alerting", "voc_engine.topics", "voc_engine.drivers",
                                   "voc_engine.spc", "voc_engine.ingest", "voc_engine.demo"])
def test_the_store_imports_nothing_built_on_it(above):
    offenders = sorted(
        (name, target) for name, targets in GRAPH.items() if name.startswith("voc_engine.store")
        for target in targets if target == above or target.startswith(above + ".")
    )
    assert offenders == []



def _names_the_service(tree: ast.AST) -> list[str]:
    """String constants that name a module of the service (``"api.main:create_app"``): an import
    by name (uvicorn's, logging's ``"()"``) that the import graph does not see."""
    return sorted(
        node.value for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        and any(node.value.startswith(f"{module}:") or node.value.startswith(f"{module}.") or node.value == module
                for module in MODULES if module.startswith("api"))
    )


def test_the_store_names_the_service_not_even_by_string():
    offenders = {
        name: found for name, path in MODULES.items() if name.startswith("voc_engine.store")
        if (found := _names_the_service(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert offenders == {}
    # The finder sees what `voc serve` hands uvicorn (voc_engine/serve.py).
    assert "api.main:create_app" in _names_the_service(ast.parse(MODULES["voc_engine.serve"].read_text()))

# The store's seams are functions over a session (or over the store's sessions); the facade
# `FeedbackStore` calls them, and none of them calls back into it.
STORE_SEAMS = ("ingest", "query", "erasure", "reprocess", "registry", "audit", "rows", "frame", "stats", "filters")


@pytest.mark.parametrize("seam", STORE_SEAMS)
def test_the_store_seams_never_call_back_into_the_facade(seam):
    name = f"voc_engine.store.{seam}"
    assert "voc_engine.store.repository" not in GRAPH[name]
    # A seam handed the store uses its sessions and settings, never its methods (that is the cycle).
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    calls = {
        node.func.attr for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name) and node.func.value.id == "store"
    }
    assert calls <= {"read_session", "write_session"}, f"{name} calls store.{sorted(calls)}"


def test_opening_cases_at_ingest_and_the_case_workflow_are_apart():
    assert {"voc_engine.alerting.opening", "voc_engine.alerting.cases"} <= set(MODULES)
    assert "voc_engine.alerting.cases" not in GRAPH["voc_engine.alerting.opening"]
    assert "voc_engine.alerting.opening" not in GRAPH["voc_engine.alerting.cases"]


def test_no_import_cycles():
    assert _cycles(GRAPH, list(MODULES)) == []


def test_the_cycle_finder_finds_cycles_and_only_cycles():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"d"}}
    assert _cycles(graph, list("abcde")) == [["a", "b", "c"]]


# --------------------------------------------------------------------------- process-wide state
# Everything one deployment holds lives on its `voc_engine.runtime.Runtime` (settings, store,
# pipeline, batchers, workers, extensions); no module keeps any of it. Read from the source:
# `global` statements, module-level containers that the code changes, functools caches, and
# module-level instances of the runtime's parts.

MUTATING_METHODS = {
    "append", "appendleft", "add", "clear", "discard", "extend", "extendleft", "insert", "pop", "popitem",
    "popleft", "remove", "setdefault", "sort", "update", "__setitem__", "__delitem__",
}
CONTAINER_CALLS = {"dict", "list", "set", "defaultdict", "deque", "OrderedDict", "Counter", "WeakKeyDictionary",
                   "WeakValueDictionary", "WeakSet"}
CACHE_DECORATORS = {"cache", "lru_cache"}
# The runtime's parts and what builds them: one made at module level is a process-wide one.
RUNTIME_PARTS = {"Runtime", "FeedbackStore", "Settings", "StoreSettings", "AlertSettings", "TopicSettings",
                 "Extensions", "Pipeline", "MicroBatcher", "IngestService", "DeliveryWorker", "Deliverer",
                 "AlertConfigs", "Wakers", "TopicModels", "AuthSettings", "create_app", "cli_runtime",
                 # the service's metrics: one registry per app (api.metrics.ServiceMetrics)
                 "ServiceMetrics", "CollectorRegistry", "Histogram", "Gauge", "Summary"}
# Caches of read-only data of the installed package, the same for every runtime (why each is one).
ALLOWED_CACHES = {
    ("voc_engine.store.db", "head_revision"): "the newest migration of the installed scripts",
    ("voc_engine.nlp.flags", "shipped_flags"): "the shipped flags.yaml, parsed",
    ("voc_engine.nlp.language", "_loaded_resources"): "langid's model and installed word lists",
    ("voc_engine.topics.labels", "_english"): "spaCy's installed English lookup tables, read-only",
}


def _name_of(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _is_container(value: ast.AST) -> bool:
    if isinstance(value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)):
        return True
    return isinstance(value, ast.Call) and _name_of(value.func) in CONTAINER_CALLS


def _module_containers(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        value = getattr(node, "value", None)
        if value is not None and _is_container(value):
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def _mutated_names(tree: ast.AST) -> set[str]:
    """Names whose object the code changes: a mutating method, an item assigned or deleted."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATING_METHODS:
            if isinstance(node.func.value, ast.Name):
                found.add(node.func.value.id)
        targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else \
            [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
        for target in targets:
            if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                found.add(target.value.id)
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            found.add(node.target.id)  # CACHE += [...] changes a list in place
    return found


def state_problems(sources: dict[str, str]) -> list[str]:
    """What holds process-wide state in these modules (name -> source): one line per finding."""
    trees = {name: ast.parse(source) for name, source in sources.items()}
    containers = {(name, var) for name, tree in trees.items() for var in _module_containers(tree)}
    problems = []
    for name, tree in trees.items():
        # Names bound here to another module's container (`from m import CACHE`) count as it.
        imported = {alias.asname or alias.name: (node.module, alias.name)
                    for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
                    for alias in node.names}
        for var in sorted(_mutated_names(tree)):
            owner = (name, var) if (name, var) in containers else imported.get(var)
            if owner in containers:
                problems.append(f"{name}: changes the module-level container {owner[0]}.{owner[1]}")
        for node in ast.walk(tree):
            if isinstance(node, ast.Global):
                problems.append(f"{name}:{node.lineno}: global {', '.join(node.names)}")
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for decorator in node.decorator_list:
                    called = decorator.func if isinstance(decorator, ast.Call) else decorator
                    if _name_of(called) in CACHE_DECORATORS and (name, node.name) not in ALLOWED_CACHES:
                        problems.append(f"{name}:{node.lineno}: functools cache on {node.name}")
        for node in tree.body:
            value = getattr(node, "value", None)
            if isinstance(node, (ast.Assign, ast.AnnAssign, ast.Expr)) and isinstance(value, ast.Call):
                called = value.func
                parts = {_name_of(called), _name_of(called.value) if isinstance(called, ast.Attribute) else None}
                if parts & RUNTIME_PARTS:
                    problems.append(f"{name}:{node.lineno}: a module-level {ast.unparse(called)}(...)")
    return problems


def test_no_module_holds_process_wide_state():
    sources = {name: path.read_text(encoding="utf-8") for name, path in MODULES.items()}
    assert state_problems(sources) == []


def test_the_allowed_caches_exist_and_hold_no_runtime_part():
    for (module, function), _why in ALLOWED_CACHES.items():
        tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
        (found,) = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == function]
        assert not found.args.args, f"{module}.{function}: a cache keyed by arguments grows with them"
        returns = ast.unparse(found.returns) if found.returns else ""
        assert not any(part in returns for part in RUNTIME_PARTS), f"{module}.{function} returns {returns}"


def test_the_state_finder_finds_state_and_only_state():
    sources = {
        "a": "CACHE = {}\ndef put(k, v):\n    CACHE[k] = v\n",
        "b": "_hooks = []\ndef register(h):\n    _hooks.append(h)\n",
        "c": "_x = None\ndef get():\n    global _x\n    _x = 1\n",
        "d": "from functools import lru_cache\n@lru_cache(maxsize=1)\ndef get_settings():\n    return 1\n",
        "e": "from a import CACHE\ndef clear():\n    CACHE.clear()\n",
        "f": "from voc_engine.runtime import Runtime\nRUNTIME = Runtime()\n",
        "g": "from api.main import create_app\napp = create_app()\n",
        "h": "from voc_engine.nlp.pipeline import Pipeline\nPIPELINE = Pipeline.default()\n",
        "i": "SEEN = []\ndef note(x):\n    global_ = x\n    SEEN += [global_]\n",
        "j": "from prometheus_client import Histogram\nLATENCY = Histogram('voc_latency', 'seconds')\n",
        # Not state: constants read, containers of instances, locals, caches on instances.
        "ok": "NAMES = {'a': 1}\nORDER = [1, 2]\n"
              "def f():\n    seen = {}\n    seen['x'] = NAMES['a']\n    return sorted(ORDER)\n"
              "class C:\n    def __init__(self):\n        self.cache = {}\n"
              "    def put(self, k):\n        self.cache[k] = 1\n",
    }
    found = state_problems(sources)
    assert [line.split(":")[0] for line in found] == ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"], found
