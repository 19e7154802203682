"""Run one command and print, as JSON, its wall time, its peak memory and its output.

A small process of its own starts it: a child forked from the runner (hundreds of MiB
once the data is built) would report the runner's size as its own peak (Linux keeps the
high-water mark across fork and exec). Usage: python spawn.py ARGV-AS-JSON
"""

import json
import os
import subprocess
import sys
import tempfile
import time


def main() -> int:
    argv = json.loads(sys.argv[1])
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        wall = (time.perf_counter() - start) * 1000
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        print(
            json.dumps(
                {
                    "code": child.returncode,
                    "wall_ms": wall,
                    "peak_mib": usage.ru_maxrss / 1024,
                    "stdout": out.read().decode(errors="replace"),
                    "stderr": err.read().decode(errors="replace")[-800:],
                }
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
