#!/usr/bin/env bash
# The long forms of the reliability suites, for a release (issue 8): the fault suite, the
# many-tills suite, the crash and full-disk suites, and every other suite with a long form.
# Their mix includes issue 11's sale awards (one order at two tills) and returns: the
# fault suite and the crash suite drive them, and their figures count them by kind.
#   bash packaging/reliability.sh            # all of them, long form
#   bash packaging/reliability.sh -k tills   # extra arguments go to pytest
# The default `pytest` run (CI) takes the short forms of the same files; POS_APP_SOAK=1
# switches them to the long forms. Each suite prints one greppable line,
#   FIGURES <suite> form=long key=value ...
# which this script collects at the end (and into <log>.figures) for the
# README's Reliability section. Exit status: pytest's.
set -uo pipefail
cd "$(dirname "$0")/.."

PY="${PYTHON:-.venv/bin/python}"
[ -x "$PY" ] || { echo "no $PY: run 'bash packaging/dev.sh test' once first" >&2; exit 2; }

# The suites by name, and any other test file with a long form (it reads POS_APP_SOAK):
# today the schemathesis run (test_sandbox_openapi.py) and the hostile-argument table.
shopt -s nullglob
# They live under tests/integration; the globs take any folder of tests/ (unit, integration, gui).
suites=(tests/*/test_faults*.py tests/*/test_tills*.py tests/*/test_crash*.py
    tests/*/test_disk*.py tests/*/test_schemathesis*.py)
for f in tests/*/test_*.py; do
    case " ${suites[*]} " in *" $f "*) continue ;; esac
    grep -q POS_APP_SOAK "$f" && suites+=("$f")
done
shopt -u nullglob
[ "${#suites[@]}" -gt 0 ] || { echo "no reliability suites found under tests/" >&2; exit 2; }

log="$(mktemp "${TMPDIR:-/tmp}/pos-app-reliability.XXXXXX")"
echo "Long forms of: ${suites[*]}" >&2
echo "Started $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores; log: $log" >&2
start=$SECONDS
HYPOTHESIS_PROFILE=${HYPOTHESIS_PROFILE:-explore} POS_APP_SOAK=1 QT_QPA_PLATFORM=offscreen "$PY" -m pytest -p no:cacheprovider -s -ra \
    -o faulthandler_timeout=0 \
    "${suites[@]}" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

echo
echo "=== figures ($((SECONDS - start)) s in all; pytest exit $status) ==="
grep -h "^FIGURES " "$log" | tee "$log.figures"
exit "$status"
