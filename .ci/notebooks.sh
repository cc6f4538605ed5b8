#!/usr/bin/env bash
# CI: executes every notebook in notebooks/ headless, on a fresh Debian (bookworm) machine with Go.
#
# Installs Debian's Python packages the notebooks need (no PyPI), checks that no notebook carries
# stored outputs (notebooks/check_clean.py), then executes a copy of each notebook with nbclient
# and fails on the first cell error or time-out. The notebooks in git are never modified: the
# executed copies go to $NOTEBOOKS_OUT (default: a fresh temporary folder), and the notebooks write
# their own results under results/notebooks/ (git-ignored). Run from anywhere, as root or with sudo:
#
#   bash .ci/notebooks.sh
#
# Environment: NOTEBOOK_TIMEOUT, seconds per notebook (default 900); CELL_TIMEOUT, seconds per cell
# (default 600); NOTEBOOKS_OUT, where the executed copies go; SKIP_APT=1 to skip the installation.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=/usr/bin/python3 # Debian's Python, whatever python3 comes first on PATH
NOTEBOOK_TIMEOUT="${NOTEBOOK_TIMEOUT:-900}"
CELL_TIMEOUT="${CELL_TIMEOUT:-600}"
PACKAGES=(python3 python3-pandas python3-matplotlib python3-scipy python3-nbclient python3-nbformat python3-ipykernel)

if [ "${SKIP_APT:-0}" != 1 ]; then
	echo "== apt-get install ${PACKAGES[*]}"
	SUDO=""
	if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq
	$SUDO apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
fi

command -v go >/dev/null || { echo "go is not on PATH: the notebooks build connact with it" >&2; exit 1; }
go version
$PY -c 'import sys, numpy, pandas, matplotlib, scipy, nbclient, nbformat, ipykernel
print("python", sys.version.split()[0], "numpy", numpy.__version__, "pandas", pandas.__version__,
      "matplotlib", matplotlib.__version__, "scipy", scipy.__version__, "nbclient", nbclient.__version__,
      "ipykernel", ipykernel.__version__)'

echo "== notebooks carry no stored outputs"
$PY notebooks/check_clean.py

out="${NOTEBOOKS_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/connact-notebooks.XXXXXX")}"
mkdir -p "$out"
echo "== execute every notebook (executed copies in $out)"

# Headless: ipykernel's inline backend draws the figures into the executed copies; a backend set
# in the environment would override it.
unset MPLBACKEND DISPLAY
export PYDEVD_DISABLE_FILE_VALIDATION=1 # quiets ipykernel's debugger warning about frozen modules
shopt -s nullglob
notebooks=(notebooks/*.ipynb)
if [ ${#notebooks[@]} = 0 ]; then echo "no notebooks in notebooks/" >&2; exit 1; fi

# seconds START_NS: the time since START_NS (from date +%s%N), in seconds with one decimal.
seconds() {
	local tenths=$((($(date +%s%N) - $1) / 100000000))
	echo "$((tenths / 10)).$((tenths % 10))"
}

failed=0
total_start=$(date +%s%N)
report=""
for nb in "${notebooks[@]}"; do
	name="$(basename "$nb")"
	echo "-- $name"
	start=$(date +%s%N)
	status=0
	timeout --kill-after=30 "$NOTEBOOK_TIMEOUT" "$PY" - "$nb" "$out/$name" "$CELL_TIMEOUT" <<'EOF' || status=$?
import sys
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError
from pathlib import Path

src, dst, cell_timeout = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
nb = nbformat.read(src, as_version=4)
# The kernel starts in the notebook's own folder, as it does in Jupyter, so relative paths work.
client = NotebookClient(nb, timeout=cell_timeout, kernel_name="python3", allow_errors=False,
                        resources={"metadata": {"path": str(src.parent)}})
try:
    client.execute()
except (CellExecutionError, CellTimeoutError) as err:
    print(err, file=sys.stderr)
    sys.exit(1)
finally:
    nbformat.write(nb, dst)  # the executed copy, outputs included, also on failure
EOF
	secs=$(seconds "$start")
	if [ "$status" = 0 ]; then
		line=$(printf '%-40s ok      %6s s' "$name" "$secs")
	else
		if [ "$status" = 124 ] || [ "$status" = 137 ]; then what="TIMEOUT"; else what="FAILED"; fi
		line=$(printf '%-40s %-7s %6s s (exit %s)' "$name" "$what" "$secs" "$status")
		failed=$((failed + 1))
	fi
	echo "$line"
	report+="$line"$'\n'
done
total=$(seconds "$total_start")

echo "== notebooks: time each took"
printf '%s' "$report"
printf '%-40s         %6s s\n' "total" "$total"

echo "== the notebooks in git are still clean"
$PY notebooks/check_clean.py >/dev/null

if [ "$failed" != 0 ]; then
	echo "$failed notebook(s) failed; the executed copies, with the error, are in $out" >&2
	exit 1
fi
echo "all ${#notebooks[@]} notebooks executed without error"
