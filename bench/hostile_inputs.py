"""Issue 22's figures: `check` of 1 MB hostile inputs, each in a fresh process.

    python bench/hostile_inputs.py

Prints the time, the peak memory (max RSS, Python's own start-up included) and what
`check` said. The bar: no 1 MB input takes more than a second or 200 MB. Printed, never
asserted (the tests assert the located errors, not the time).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import BASE  # noqa: E402

MB = 1_000_000
_CHECK = (
    "import resource, sys\n"
    "from tui.cli import main\n"
    "code = main(['check', sys.argv[1]])\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def cases() -> dict[str, str]:
    many = ", ".join(['"s"'] * (MB // 5))
    same = ", ".join(['"putin"'] * (MB // 9))
    return {
        "dotted key": "a" + ".a" * (MB // 2) + " = 1\n",
        "table header": "[" + ".".join(["a"] * (MB // 2)) + "]\n",
        "inline dotted key": "x = {" + ".".join(["a"] * (MB // 2)) + " = 1}\n",
        "sources": BASE.replace('participants = ["putin"]\n', f"sources = [{many}]\n"),
        "one participant id again": BASE.replace(
            'participants = ["putin"]', f"participants = [{same}]"
        ),
        "nested arrays": "x = " + "[" * (MB // 2) + "]" * (MB // 2) + "\n",
        "dots in comments": BASE + "\n".join(f"# {'a.' * 200}" for _ in range(MB // 400)),
    }


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="diplocal-hostile-"))
    path = folder / "calendar.toml"
    env = {**os.environ, "DIPLOCAL_NO_CACHE": "1"}
    print("| input (1 MB) | exit | seconds | peak MB | said |")
    print("|---|---|---|---|---|")
    for name, text in cases().items():
        path.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _CHECK, str(path)],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=False,
        )
        took = time.perf_counter() - started
        lines = done.stderr.strip().splitlines()
        peak = int(lines[-1]) / 1000
        said = (lines[0] if done.returncode else done.stdout.strip()).split(": ", 1)[-1]
        print(f"| {name} | {done.returncode} | {took:.2f} | {peak:.0f} | {said[:70]} |")
    path.unlink()
    folder.rmdir()


if __name__ == "__main__":
    main()
