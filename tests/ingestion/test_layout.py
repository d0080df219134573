"""The ingestion app's shape: imports between its modules go one way, and the tasks stay thin.

Read from the source (no database, no imports run): the arrows are tasks -> jobs -> pipeline.
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import newsclaims.ingestion

PACKAGE = Path(newsclaims.ingestion.__file__).parent
PREFIX = "newsclaims.ingestion."


def imports_of(path: Path) -> set[str]:
    """Ingestion modules ``path`` imports, at its top or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(PREFIX):
            found.add(node.module.removeprefix(PREFIX))
        elif isinstance(node, ast.ImportFrom) and node.module == "newsclaims.ingestion":
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name.removeprefix(PREFIX) for a in node.names if a.name.startswith(PREFIX))
    return found


def module_graph() -> dict[str, set[str]]:
    graph = {}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        name = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        graph[name] = imports_of(path) - {name}
    return graph


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for nxt in graph.get(todo.pop(), set()) - seen:
            seen.add(nxt)
            todo.append(nxt)
    return seen


def test_no_import_cycle_between_ingestion_modules():
    try:
        tuple(TopologicalSorter(module_graph()).static_order())
    except CycleError as exc:  # pragma: no cover - the message names the cycle
        raise AssertionError(f"import cycle: {' -> '.join(exc.args[1])}") from None


def test_the_job_lifecycle_arrows_point_from_tasks_to_jobs_to_pipeline():
    graph = module_graph()
    assert {"jobs", "pipeline"} <= reachable(graph, "tasks")
    assert "pipeline" in reachable(graph, "jobs")
    assert "tasks" not in reachable(graph, "jobs") and "jobs" not in reachable(graph, "pipeline")
    assert "tasks" not in reachable(graph, "pipeline")


def test_the_pipeline_knows_nothing_of_celery():
    tree = ast.parse((PACKAGE / "pipeline.py").read_text(encoding="utf-8"))
    modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    modules |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not {m for m in modules if m and (m.startswith("celery") or m.startswith("config"))}


def test_tasks_write_nothing_to_the_database_themselves():
    source = (PACKAGE / "tasks.py").read_text(encoding="utf-8")
    writes = (".create(", ".save(", ".update(", ".delete(", "bulk_create", "transaction.")
    assert [w for w in writes if w in source] == []
