"""environment.yml (conda) must list the same Python packages as pyproject.toml (pip).

Checked both ways, by normalised name (version specifiers are ignored):

- every runtime dependency and every `lab` / `test` extra in pyproject.toml is in
  environment.yml, under its conda-forge name or in the `pip:` section;
- every Python package in environment.yml is one that pyproject.toml asks for.

environment.yml is read with a tiny parser for the subset of YAML it uses, so this test needs
no YAML library; where PyYAML is installed, the parser is checked against it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: pytest itself depends on tomli there
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
ENV_YML = ROOT / "environment.yml"
PYPROJECT = ROOT / "pyproject.toml"

# pip name -> conda-forge name, where they differ.
PIP_TO_CONDA = {"graphviz": "python-graphviz"}
CONDA_TO_PIP = {conda: pip for pip, conda in PIP_TO_CONDA.items()}
# conda packages that are not Python packages pyproject.toml could list
# ("graphviz" on conda-forge is the `dot` program itself, the bindings are python-graphviz).
CONDA_NON_PYTHON = {"python", "pip", "graphviz"}
# The extras the conda environment provides (the `gpu` extra is a comment there).
EXTRAS = ("lab", "test")


# --------------------------------------------------------------------------- parsing


def _strip_comment(line: str) -> str:
    """Drop a YAML comment: `#` at the start of the line or after whitespace."""
    return re.sub(r"(^|\s)#.*$", "", line)


def _scalar(text: str, where: str) -> str:
    if text[:1] in "[{&*!|>":
        raise ValueError(f"{where}: unsupported YAML {text!r}")
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def parse_environment_yml(text: str) -> dict:
    """Parse the YAML subset an environment.yml uses; raise ValueError on anything else.

    Supported: top-level `key: value` and `key:` followed by a block list of `- item`,
    where one item may be `- pip:` followed by a more indented list of strings.
    """
    result: dict = {}
    key = None  # the top-level key whose list is being filled
    pip: list | None = None  # the open `- pip:` list, if any
    pip_indent = 0
    for lineno, raw in enumerate(text.splitlines(), 1):
        where = f"environment.yml:{lineno}"
        line = _strip_comment(raw).rstrip()
        if not line.strip():
            continue
        if "\t" in line:
            raise ValueError(f"{where}: tab in YAML")
        indent = len(line) - len(line.lstrip(" "))
        body = line.strip()
        if indent == 0:
            m = re.fullmatch(r"([A-Za-z_][\w-]*):(?:\s+(.*))?", body)
            if not m:
                raise ValueError(f"{where}: expected 'key:' or 'key: value', got {body!r}")
            name, value = m.groups()
            if name in result:
                raise ValueError(f"{where}: duplicate key {name!r}")
            result[name] = _scalar(value, where) if value else []
            key = None if value else name
            pip = None
            continue
        if not body.startswith("- "):
            raise ValueError(f"{where}: expected a '- item' list entry, got {body!r}")
        item = body[2:].strip()
        if pip is not None and indent > pip_indent:
            pip.append(_scalar(item, where))
            continue
        pip = None
        if key is None:
            raise ValueError(f"{where}: list entry outside a list")
        if item == "pip:":
            pip, pip_indent = [], indent
            result[key].append({"pip": pip})
        elif item.endswith(":"):
            raise ValueError(f"{where}: unsupported nested mapping {item!r}")
        else:
            result[key].append(_scalar(item, where))
    return result


def normalise(requirement: str) -> str:
    """Package name of a pip requirement or conda match spec, PEP 503-normalised."""
    spec = requirement.split("::")[-1]  # conda `channel::name`
    m = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", spec)
    if not m:
        raise ValueError(f"cannot read a package name from {requirement!r}")
    return re.sub(r"[-_.]+", "-", m.group(1)).lower()


# --------------------------------------------------------------------------- checking


def pyproject_requirements(pyproject: dict) -> list[str]:
    project = pyproject["project"]
    reqs = list(project.get("dependencies", []))
    for extra in EXTRAS:
        reqs += project.get("optional-dependencies", {}).get(extra, [])
    return reqs


def mismatches(pyproject: dict, env: dict) -> list[str]:
    """Everything that differs between pyproject.toml and environment.yml, as messages."""
    problems = []
    deps = env.get("dependencies")
    if not isinstance(deps, list):
        return ["environment.yml has no 'dependencies:' list"]
    conda_specs = [d for d in deps if isinstance(d, str)]
    pip_sections = [d["pip"] for d in deps if isinstance(d, dict) and "pip" in d]
    pip_specs = [s for section in pip_sections for s in section]
    conda = {normalise(s) for s in conda_specs}
    pip = {normalise(s) for s in pip_specs if not s.startswith("-")}

    if "conda-forge" not in (env.get("channels") or []):
        problems.append("environment.yml: channel conda-forge is missing")
    if "graphviz" not in conda:
        problems.append("environment.yml: 'graphviz' (the dot program) is missing")
    if pip_sections and "pip" not in conda:
        problems.append("environment.yml: has a pip: section but does not list 'pip'")
    if not any(re.fullmatch(r"-e\s+\.", s) for s in pip_specs):
        problems.append("environment.yml: the pip: section must install the kit with '-e .'")

    requires = pyproject["project"].get("requires-python", "")
    python = [s for s in conda_specs if normalise(s) == "python"]
    if [re.sub(r"\s+", "", s) for s in python] != ["python" + requires.replace(" ", "")]:
        problems.append(f"environment.yml: python spec {python} != requires-python {requires!r}")

    wanted = set()
    for req in pyproject_requirements(pyproject):
        name = normalise(req)
        wanted.add(name)
        conda_name = PIP_TO_CONDA.get(name, name)
        if conda_name not in conda and name not in pip:
            problems.append(
                f"{name!r} from pyproject.toml is missing from environment.yml "
                f"(as conda package {conda_name!r} or in the pip: section)"
            )
        if conda_name in conda and name in pip:
            problems.append(f"{name!r} is in environment.yml twice (conda and pip:)")
    for conda_name in sorted(conda - CONDA_NON_PYTHON):
        if CONDA_TO_PIP.get(conda_name, conda_name) not in wanted:
            problems.append(f"conda package {conda_name!r} is not a dependency in pyproject.toml")
    for name in sorted(pip - wanted):
        problems.append(f"pip package {name!r} in environment.yml is not in pyproject.toml")
    return problems


# --------------------------------------------------------------------------- tests


@pytest.fixture(scope="module")
def env_text() -> str:
    return ENV_YML.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pyproject() -> dict:
    with PYPROJECT.open("rb") as f:
        return tomllib.load(f)


def test_environment_yml_matches_pyproject(env_text, pyproject):
    problems = mismatches(pyproject, parse_environment_yml(env_text))
    assert not problems, "environment.yml and pyproject.toml disagree:\n" + "\n".join(problems)


def test_parser_agrees_with_pyyaml(env_text):
    yaml = pytest.importorskip("yaml")
    assert parse_environment_yml(env_text) == yaml.safe_load(env_text)


def _drop_package(text: str, name: str) -> str:
    """environment.yml without its list entry for package `name`."""
    lines = text.splitlines()
    kept = [
        ln
        for ln in lines
        if not (m := re.fullmatch(r"\s*- ([^-\s].*)", _strip_comment(ln).rstrip()))
        or m.group(1).endswith(":")
        or normalise(m.group(1)) != name
    ]
    assert len(kept) == len(lines) - 1, f"environment.yml has no single entry for {name!r}"
    return "\n".join(kept)


@pytest.mark.parametrize(
    ("package", "expected"),
    [("numpy", "'numpy'"), ("python-graphviz", "'graphviz'"), ("playwright", "'playwright'")],
)
def test_check_fails_when_a_package_is_missing(env_text, pyproject, package, expected):
    problems = mismatches(pyproject, parse_environment_yml(_drop_package(env_text, package)))
    assert any(expected in p for p in problems), problems


def test_check_fails_on_a_package_pyproject_does_not_list(env_text, pyproject):
    text = env_text.replace("dependencies:\n", "dependencies:\n  - scipy\n", 1)
    problems = mismatches(pyproject, parse_environment_yml(text))
    assert any("'scipy'" in p for p in problems), problems


def test_check_fails_when_pyproject_gains_a_dependency(env_text, pyproject):
    grown = {**pyproject, "project": {**pyproject["project"]}}
    grown["project"]["dependencies"] = [*pyproject["project"]["dependencies"], "Sci_Py>=1"]
    problems = mismatches(grown, parse_environment_yml(env_text))
    assert any("'sci-py'" in p for p in problems), problems


@pytest.mark.parametrize(
    "bad",
    ["dependencies: [numpy]\n", "dependencies:\n  numpy\n", "dependencies:\n  - a:\n    - b\n"],
)
def test_parser_rejects_yaml_it_does_not_understand(bad):
    with pytest.raises(ValueError):
        parse_environment_yml(bad)
