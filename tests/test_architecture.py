"""The folders layer the flow: each imports only the stages above it, never back (ARCHITECTURE.md).

Imports are read with ``ast`` from every module, those inside functions
included, so a cycle cannot hide in a late import.
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: The stages in the order of the flow; a folder may import only the folders before it.
LAYERS = [
    "newsarchive.record", "newsarchive.text", "newsarchive.extract", "newsarchive.discover",
    "newsarchive.store", "newsarchive.handoff",
    "crawler", "crawler.distributed", "crawler.pipelines", "crawler.spiders", "crawler.commands",
]
PRODUCT = ("newsarchive", "crawler")


def _modules():
    for top in PRODUCT:
        for path in sorted((REPO / top).rglob("*.py")):
            parts = path.relative_to(REPO).with_suffix("").parts
            module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            folder = ".".join(path.relative_to(REPO).parent.parts)
            yield module, folder, ast.parse(path.read_text(encoding="utf-8"), str(path))


def _imported(module: str, tree: ast.AST, is_package: bool) -> set[str]:
    """Every module name an import statement anywhere in the tree names."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")[: len(module.split(".")) - node.level + (1 if is_package else 0)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            names.add(target)
            names.update(f"{target}.{alias.name}" for alias in node.names)
    return {n for n in names if n.split(".")[0] in PRODUCT}


def _folder_of(name: str, folders: set[str]) -> str | None:
    """The product folder a dotted name lives in (a module's package, or the package itself)."""
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        if ".".join(parts[:cut]) in folders:
            return ".".join(parts[:cut])
    return None


def _folder_graph() -> dict[str, set[str]]:
    modules = list(_modules())
    folders = {folder for _, folder, _ in modules}
    graph: dict[str, set[str]] = {folder: set() for folder in folders}
    for module, folder, tree in modules:
        is_package = module == folder
        for name in _imported(module, tree, is_package):
            target = _folder_of(name, folders)
            if target and target != folder:
                graph[folder].add(target)
    return graph


def test_every_product_folder_is_a_declared_layer():
    assert set(_folder_graph()) - {"newsarchive"} == set(LAYERS)


def test_each_folder_imports_only_the_stages_above_it():
    graph = _folder_graph()
    wrong = {
        folder: sorted(t for t in targets if t == "newsarchive" or LAYERS.index(t) > LAYERS.index(folder))
        for folder, targets in graph.items() if folder != "newsarchive"
    }
    assert {f: t for f, t in wrong.items() if t} == {}
    assert graph["newsarchive"] == set()


def test_no_folder_imports_another_that_imports_it_back():
    graph = _folder_graph()
    seen: dict[str, int] = {}

    def visit(folder: str, path: list[str]) -> None:
        if seen.get(folder) == 1:
            raise AssertionError("import cycle: " + " → ".join([*path, folder]))
        if seen.get(folder) == 2:
            return
        seen[folder] = 1
        for target in sorted(graph[folder]):
            visit(target, [*path, folder])
        seen[folder] = 2

    for folder in sorted(graph):
        visit(folder, [])


def test_the_walk_sees_imports_inside_functions(tmp_path):
    """The checker itself: an import hidden in a function body counts."""
    tree = ast.parse("def late():\n    from crawler.pipelines import dedupe\n")
    assert "crawler.pipelines.dedupe" in _imported("newsarchive.text.x", tree, False)
    relative = ast.parse("from .state import SqliteDedupeState\n")
    assert "newsarchive.store.state" in _imported("newsarchive.store.jobs", relative, False)
