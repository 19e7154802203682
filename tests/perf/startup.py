"""Start-up, whole process: `pos-app --quit-after-ready` on 100,000 cached customers and
`pos-app --sandbox --quit-after-ready`, against a bare PySide6 script that shows one window
and quits; the peak memory of each; and what `ready in N ms` says next to the wall clock.

The `--sandbox` demo's backend is a process of its own, a child of the window's, which
reaps it: the peak the runner reads for the window's process (ru_maxrss from wait4) is
then the larger of the two, not their sum. So the backend writes its own peak as it exits
(pos_app/sandbox/child.py, POS_APP_SANDBOX_PEAK_FILE), and a second row adds it to the
window's."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from .data import POS_APP, child_env, copy_terminal
from .timing import REFERENCE, ChildRun, Figure, Plan, alternate, median, run_child

PEAK_FILE = "POS_APP_SANDBOX_PEAK_FILE"  # pos_app/sandbox/child.py's

BARE_WINDOW = """\
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""

# The reference row: the bare window with what any PySide6 lookup screen has, and none of
# our code: a Qt enum member (PySide6 then builds every enum of the Qt namespace), a search
# field and a table, an application-wide event filter written in Python (a scanner's, an
# idle lock's), the terminal's database opened and 12 customers shown, and the app's style
# sheet. What the app costs beyond it is ours to cut; what it costs beyond the bare window
# is not.
BARE_LOOKUP = """\
import sqlite3, sys
from pathlib import Path
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (QApplication, QLineEdit, QMainWindow, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)
class Watch(QObject):
    def eventFilter(self, watched, event):
        return False
app = QApplication(sys.argv[:1])
app.setStyleSheet(Path(sys.argv[2]).read_text())
watch = Watch()
app.installEventFilter(watch)
window = QMainWindow()
central = QWidget()
column = QVBoxLayout(central)
search = QLineEdit()
search.setClearButtonEnabled(True)
table = QTableWidget(0, 5)
table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
column.addWidget(search)
column.addWidget(table)
window.setCentralWidget(central)
rows = sqlite3.connect(sys.argv[1]).execute("SELECT * FROM customers LIMIT 12").fetchall()
table.setRowCount(len(rows))
for r, row in enumerate(rows):
    for c in range(5):
        table.setItem(r, c, QTableWidgetItem(str(row[c])))
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""
STYLE = Path(__file__).resolve().parents[2] / "resources" / "style.qss"


def figures(plan: Plan, source: Path, backend_url: str, log_dir: Path) -> list[Figure]:
    # A copy: the window's sync writes what the backend says into its cache.
    data_dir = copy_terminal(source, source.with_name("startup-terminal"))
    env = child_env(backend_url, log_dir)
    bare = (sys.executable, "-c", BARE_WINDOW)
    real = (*POS_APP, "--data-dir", str(data_dir), "--quit-after-ready")
    demo = (*POS_APP, "--sandbox", "--quit-after-ready")
    backend_peak = log_dir / "sandbox-peak"
    rows: list[Figure] = []
    for label, argv, goal in (
        ("start-up, 100k cached customers", real, "<= 1.5 x"),
        ("start-up, --sandbox", demo, "<= 2.5 x"),
    ):
        runs: list[ChildRun] = []
        floors: list[ChildRun] = []
        backends: list[float] = []  # the demo's backend's own peak, MiB, per run

        def ours(
            argv: tuple[str, ...] = argv,
            runs: list[ChildRun] = runs,
            backends: list[float] = backends,
        ) -> float:
            if argv is demo:
                backend_peak.unlink(missing_ok=True)
                runs.append(run_child(argv, {**env, PEAK_FILE: str(backend_peak)}))
                backends.append(_peak_mib(backend_peak))
            else:
                runs.append(run_child(argv, env))
            return runs[-1].wall_ms

        def floor(floors: list[ChildRun] = floors) -> float:
            floors.append(run_child(bare, env))
            return floors[-1].wall_ms

        walls, bare_walls = alternate(plan, ours, floor)
        timed, bare_timed = runs[plan.warmup :], floors[plan.warmup :]
        short = label.removeprefix("start-up, ")
        bare_peak = median([r.peak_mib for r in bare_timed])
        rows.append(Figure(label, median(walls), "ms", median(bare_walls), goal))
        rows.append(
            Figure(
                f"peak memory, {short}",
                median([r.peak_mib for r in timed]),
                "MiB",
                bare_peak,
                "<= 2 x",
            )
        )
        if backends:
            both = window_and_backend([r.peak_mib for r in timed], backends[plan.warmup :])
            rows.append(
                Figure(
                    f"peak memory, {short}, window + backend",
                    median(both),
                    "MiB",
                    bare_peak,
                    "<= 2 x",
                )
            )
        said = [_ready_ms(r.stdout) for r in timed]
        # The figure "ready in" prints against the wall clock of the same runs: the truth
        # is close to 1x (the rest is the exit after ready, and the fork and exec).
        rows.append(
            Figure(
                f"'ready in' / wall clock, {short}",
                median(said),
                "ms",
                median(walls),
                ">= 0.7 x",
            )
        )
    rows.extend(_reference(plan, data_dir, env, bare))
    return rows


def _reference(
    plan: Plan, data_dir: Path, env: dict[str, str], bare: tuple[str, ...]
) -> list[Figure]:
    """The bare lookup screen against the bare window, alternately: what PySide6 alone
    needs for a search field and a table (a reference row, with no goal)."""
    lookup = (sys.executable, "-c", BARE_LOOKUP, str(data_dir / "terminal.db"), str(STYLE))
    runs: list[ChildRun] = []
    floors: list[ChildRun] = []

    def ours() -> float:
        runs.append(run_child(lookup, env))
        return runs[-1].wall_ms

    def floor() -> float:
        floors.append(run_child(bare, env))
        return floors[-1].wall_ms

    walls, bare_walls = alternate(plan, ours, floor)
    timed, bare_timed = runs[plan.warmup :], floors[plan.warmup :]
    label = "a bare PySide6 lookup screen (none of our code)"
    return [
        Figure(f"start-up, {label}", median(walls), "ms", median(bare_walls), REFERENCE),
        Figure(
            f"peak memory, {label}",
            median([r.peak_mib for r in timed]),
            "MiB",
            median([r.peak_mib for r in bare_timed]),
            REFERENCE,
        ),
    ]


def window_and_backend(reaped: list[float], backends: list[float]) -> list[float]:
    """Per run, the window's peak plus its backend's. `reaped` is what wait4 says for the
    window's process: the larger of its own peak and its reaped child's. When the window's
    is the larger (by far: about 105 against 50 MiB), that is the window's own; when not,
    the window's own is not known from outside, and no figure is better than a wrong one."""
    sums = []
    for window, backend in zip(reaped, backends, strict=True):
        if window <= backend:
            raise RuntimeError(
                f"the demo's backend ({backend:.1f} MiB) is the largest process: the window's"
                " own peak is hidden behind it"
            )
        sums.append(window + backend)
    return sums


def _peak_mib(path: Path) -> float:
    """The backend's peak as it wrote it (ru_maxrss: KiB on Linux)."""
    try:
        kib = int(path.read_text())
    except (OSError, ValueError) as error:
        raise RuntimeError(f"the demo's backend wrote no peak memory ({error})") from None
    return kib / 1024


def _ready_ms(stdout: str) -> float:
    found = re.search(r"ready in (\d+) ms", stdout)
    if found is None:
        raise RuntimeError(f"no 'ready in N ms' in {stdout!r}")
    return float(found.group(1))
