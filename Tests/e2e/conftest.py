import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def ansatz_binary() -> str:
    return os.environ.get("ANSATZ_BIN", str(ROOT / ".build" / "debug" / "ansatz"))


@pytest.fixture(scope="session")
def binary() -> str:
    path = ansatz_binary()
    assert os.access(path, os.X_OK), f"build ansatz first: {path}"
    return path


@pytest.fixture(scope="session")
def registry(binary):
    """The registry as the binary reports it: the suite follows tools added later."""
    out = subprocess.run([binary, "tools", "--json"], check=True, capture_output=True, text=True).stdout
    return json.loads(out)
