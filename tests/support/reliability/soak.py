"""Short form or long form. The default pytest run (CI) takes the short form; the release
runner (packaging/reliability.sh) sets POS_APP_SOAK=1 for the long form."""

from __future__ import annotations

import os
from typing import TypeVar

T = TypeVar("T")

SOAK = os.environ.get("POS_APP_SOAK", "") == "1"
FORM = "long" if SOAK else "short"


def scale(short: T, long: T) -> T:
    """The short-form value in CI, the long-form value in a soak run."""
    return long if SOAK else short


def figures(suite: str, **values: object) -> str:
    """One greppable line: `FIGURES <suite> key=value ...`, in the order given. Printed
    (visible with -s) and returned so a test can also attach it to a failure message."""
    line = " ".join([f"FIGURES {suite}", f"form={FORM}", *(f"{k}={v}" for k, v in values.items())])
    print(line, flush=True)
    return line
