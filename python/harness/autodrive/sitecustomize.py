"""Loaded by Python at start-up when this folder is on PYTHONPATH: lets
scripts/run-offered-python.mjs run `python3 FILE.py` unchanged and still press
its buttons and close its window (see harness/drive.py)."""

import os
import sys
from pathlib import Path

_file = os.environ.get("TWO_LOOPS_DRIVE")
if _file:
    _python_dir = str(Path(__file__).resolve().parent.parent.parent)
    sys.path.insert(0, _python_dir)
    from harness import drive

    sys.path.remove(_python_dir)
    drive.install(drive.STEPS[drive.key(_file)])
