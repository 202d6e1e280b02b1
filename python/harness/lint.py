"""Static checks on the Python the page offers, and pyflakes over python/.

    python3 python/harness/lint.py

Prints one line per check ("ok  ..." or "FAIL ...") and exits 1 if any failed.
For every offered file (see offered_files()):
  * the licence line and the `# two-loops: expect=...` header come first;
  * it parses as Python 3.9 (ast.parse(feature_version=(3, 9)));
  * it imports the standard library only, none of the project's modules,
    except a library its third line names with `pip install NAME` (a file
    demonstrating that library says so before anything else).
Then pyflakes over python/ (Debian's pyflakes3, or python3 -m pyflakes).
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

PYTHON_DIR = Path(__file__).resolve().parent.parent
LICENCE_LINE = "# SPDX-License-Identifier: 0BSD"
HEADER = re.compile(r"^# two-loops: expect=(exit-0|hangs|aborts|raises \w+)(; raises \w+)*$")


def offered_files() -> list[Path]:
    """Every Python file the page offers to copy and run."""
    files = [PYTHON_DIR / "recommended.py"]
    for folder in ("strategies", "mistakes", "fixes", "tools"):
        files += sorted((PYTHON_DIR / folder).glob("*.py"))
    return files


def stdlib_names() -> frozenset:
    names = getattr(sys, "stdlib_module_names", None)  # Python 3.10+
    if names is None:
        raise SystemExit("lint.py needs Python 3.10 or later to know the standard library's names")
    return frozenset(names) | {"__future__"}


def imported(tree: ast.AST) -> set[str]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            out.add("." if node.level else (node.module or "").split(".")[0])
    return out


PIP_INSTALL = re.compile(r"^# .*\bpip install ([A-Za-z0-9_-]+)")


def declared_libraries(lines: list) -> set:
    """The library the third line says to install (`# ... pip install trio`), if any."""
    match = PIP_INSTALL.match(lines[2]) if len(lines) > 2 else None
    return {match.group(1)} if match else set()


def check_offered(path: Path, results: list) -> None:
    name = path.relative_to(PYTHON_DIR.parent).as_posix()
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    results.append((lines[:1] == [LICENCE_LINE], f"{name}: first line is {LICENCE_LINE!r}"))
    results.append((len(lines) > 1 and bool(HEADER.match(lines[1])), f"{name}: second line is a two-loops expect= header"))
    try:
        tree = ast.parse(source, filename=name, feature_version=(3, 9))
    except SyntaxError as exc:
        results.append((False, f"{name}: parses as Python 3.9 ({exc})"))
        return
    results.append((True, f"{name}: parses as Python 3.9"))
    foreign = sorted(imported(tree) - stdlib_names() - declared_libraries(lines))
    results.append((not foreign, f"{name}: imports the standard library only" + (f" (not: {', '.join(foreign)})" if foreign else "")))


def pyflakes() -> tuple[bool, str]:
    command = ["pyflakes3"] if shutil.which("pyflakes3") else [sys.executable, "-m", "pyflakes"]
    result = subprocess.run([*command, str(PYTHON_DIR)], capture_output=True, text=True)
    if result.returncode != 0 and not result.stdout and "No module named pyflakes" in result.stderr:
        return False, "pyflakes over python/: not installed (Debian package: pyflakes3)"
    report = (result.stdout + result.stderr).strip()
    return result.returncode == 0, "pyflakes over python/" + (f":\n{report}" if report else ": clean")


def main() -> None:
    results: list = []
    for path in offered_files():
        check_offered(path, results)
    results.append(pyflakes())
    for ok, text in results:
        print(f"{'ok  ' if ok else 'FAIL'} {text}")
    sys.exit(0 if all(ok for ok, _ in results) else 1)


if __name__ == "__main__":
    main()
