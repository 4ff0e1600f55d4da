#!/bin/sh
# Executes every notebook in notebooks/*.ipynb headlessly and fails on the first cell error.
#   1. creates the virtual environment .venv/ with Jupyter's nbconvert, nbclient and ipykernel,
#      pandas, and statsmodels (for the regression notebook), from PyPI, when it is missing or
#      its package list changed; otherwise it is left alone, so a second run is quick;
#   2. builds qi in release mode (a no-op when it is up to date);
#   3. runs each notebook with QI set to that qi, and keeps the executed copies (with their
#      outputs) in notebook-output/ for a person to read; the committed notebooks are untouched.
#
# Usage: scripts/run-notebooks.sh
# Environment: PYTHON (default python3), SWIFT (default swift), SWIFT_SCRATCH_PATH (a build
# folder other than .build/, e.g. in a second worktree), NOTEBOOK_TIMEOUT (seconds per cell,
# default 600).
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
SWIFT=${SWIFT:-swift}
VENV=.venv
OUT=notebook-output
PACKAGES="nbconvert nbclient ipykernel pandas statsmodels"

# The stamp records what was installed, so adding a package here reinstalls once.
STAMP="$VENV/qikit-packages.txt"
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$STAMP" 2>/dev/null)" != "$PACKAGES" ]; then
    echo "run-notebooks: creating $VENV with $PACKAGES" >&2
    "$PYTHON" -m venv "$VENV" || {
        echo "run-notebooks: '$PYTHON -m venv' failed; on Debian install python3-venv, or set PYTHON" >&2
        exit 1
    }
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check $PACKAGES
    echo "$PACKAGES" > "$STAMP"
fi

# `make notebooks` passes the flags of `make build` (RELEASE_FLAGS), so both share one build.
set -- ${RELEASE_FLAGS:--c release --static-swift-stdlib -Xswiftc -Xclang-linker -Xswiftc -no-pie} --product qi
[ -n "${SWIFT_SCRATCH_PATH:-}" ] && set -- "$@" --scratch-path "$SWIFT_SCRATCH_PATH"
"$SWIFT" build "$@"
QI="$("$SWIFT" build "$@" --show-bin-path)/qi"
export QI

rm -rf "$OUT"
mkdir -p "$OUT"
failures=0
for notebook in notebooks/*.ipynb; do
    [ -e "$notebook" ] || { echo "run-notebooks: no notebooks in notebooks/" >&2; exit 1; }
    started=$(date +%s)
    if "$VENV/bin/jupyter" nbconvert --to notebook --execute \
        --ExecutePreprocessor.timeout="${NOTEBOOK_TIMEOUT:-600}" \
        --ExecutePreprocessor.kernel_name=python3 \
        --output-dir "$OUT" "$notebook" 2> "$OUT/$(basename "$notebook" .ipynb).log"; then
        echo "run-notebooks: $notebook ran without errors in $(( $(date +%s) - started )) s"
    else
        cat "$OUT/$(basename "$notebook" .ipynb).log" >&2
        echo "run-notebooks: FAIL: $notebook (log above)" >&2
        failures=$((failures + 1))
    fi
done
if [ "$failures" -gt 0 ]; then
    echo "run-notebooks: $failures notebook(s) failed" >&2
    exit 1
fi
echo "run-notebooks: all notebooks ran; executed copies in $OUT/"
