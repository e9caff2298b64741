"""The dependency order the README promises, held for every module of every app.

Each module may import its own app and the layers below it, never a layer above or a
neighbour in its own layer. Imports inside functions count too: a late import is still an
arrow; so do roads around an import statement (``import_module``, ``apps.get_model``).
``LAYERS`` is the one list of the allowed order, and every package of ours needs a place
in it. URL names are not arrows: a page links or redirects to another by name, and the
resolver joins them.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Bottom first. ``domain`` and the settings helpers import no app; ``rehabana.urls``,
# ``rehabana.settings`` and ``rehabana.wsgi`` are the top, which may import anything.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("domain", "rehabana"),
    ("reference",),
    ("staff",),
    ("patients",),
    ("plans",),
    ("delivery",),
    ("desk", "demo"),
)
TOP_MODULES = {"rehabana.urls", "rehabana.settings", "rehabana.wsgi"}
LAYER_OF = {package: index for index, layer in enumerate(LAYERS) for package in layer}
# Ours but no app's to import: the test suite, the benchmarks and the command line.
NOT_IMPORTABLE = {"tests", "benchmarks", "manage"}
FIRST_PARTY = {
    path.stem if path.suffix == ".py" else path.name
    for path in ROOT.iterdir()
    if path.suffix == ".py" or (path / "__init__.py").exists()
}


def modules() -> list[tuple[str, Path]]:
    found = []
    for package in LAYER_OF:
        for path in sorted((ROOT / package).rglob("*.py")):
            dotted = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found.append((dotted.removesuffix(".__init__"), path))
    return found


def imported_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            # "from plans import services" imports the module plans.services.
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def layer(module: str) -> int | None:
    if module in TOP_MODULES:
        return len(LAYERS)
    return LAYER_OF.get(module.split(".")[0])


def dynamic_imports(path: Path) -> list[str]:
    """Calls that load a module or a model by name, which the import walk cannot see."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Call):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else None
            called = called or (node.func.id if isinstance(node.func, ast.Name) else None)
            if called in {"import_module", "__import__", "get_model"}:
                found.append(f"{called}() at line {node.lineno}")
    return found


def arrows_up(module: str, path: Path) -> list[str]:
    own = layer(module)
    package = module.split(".")[0]
    wrong = []
    for name in sorted(imported_names(path)):
        top = name.split(".")[0]
        target = layer(name)
        if top == package:
            continue
        if target is None:
            if top in FIRST_PARTY:
                wrong.append(name)  # ours, but with no place in LAYERS
            continue
        if target > own or (target == own and own != 0):
            wrong.append(name)
    return wrong


@pytest.mark.parametrize(("module", "path"), modules(), ids=[m for m, _ in modules()])
def test_no_module_imports_a_higher_layer(module, path):
    if module in TOP_MODULES:
        return
    assert arrows_up(module, path) == [], f"{module} imports above its layer"


@pytest.mark.parametrize(("module", "path"), modules(), ids=[m for m, _ in modules()])
def test_no_module_loads_code_by_name(module, path):
    """Migrations load historical models by name, as they must; nothing else does (the
    catalogue loader is migration code: the reference migrations call it)."""
    if ".migrations." in module or module in {"rehabana.migration_ops", "reference.loader"}:
        return
    assert dynamic_imports(path) == [], module


def test_every_package_of_ours_has_a_layer():
    assert set(LAYER_OF) - {"rehabana"} | {"rehabana"} == FIRST_PARTY - NOT_IMPORTABLE


def test_the_domain_and_the_settings_helpers_import_no_app():
    for module, path in modules():
        if module.split(".")[0] not in ("domain", "rehabana") or module in TOP_MODULES:
            continue
        for name in imported_names(path):
            assert layer(name) in (None, 0), (module, name)


def test_the_domain_imports_nothing_of_the_orm():
    for module, path in modules():
        if module.split(".")[0] == "domain":
            for name in imported_names(path):
                assert not name.startswith(("django.db", "django.apps")), (module, name)


def test_every_installed_app_of_ours_has_a_layer(settings):
    ours = {app for app in settings.INSTALLED_APPS if (ROOT / app).is_dir()}
    assert ours <= set(LAYER_OF), ours - set(LAYER_OF)


def test_the_check_sees_an_arrow_up(tmp_path):
    """The walk itself works: a lower module importing a higher one, a package without a
    layer, or a module loaded by name is caught."""
    fake = tmp_path / "module.py"
    fake.write_text("def f():\n    from desk import views\n    import tests.factories\n")
    assert arrows_up("plans.fake", fake) == ["desk", "desk.views", "tests.factories"]
    fake.write_text("import importlib\nviews = importlib.import_module('desk.views')\n")
    assert dynamic_imports(fake) == ["import_module() at line 2"]
