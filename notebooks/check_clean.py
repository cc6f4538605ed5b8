#!/usr/bin/env python3
"""Checks that the notebooks carry no stored outputs, so that git never holds stale results.

    python3 notebooks/check_clean.py            # exit 1 and list the offending cells, if any
    python3 notebooks/check_clean.py --clear    # strip outputs and execution counts in place

A clean notebook has, in every code cell, no outputs, an execution_count of null and no
execution timing in its metadata. Only the standard library is used, so the check runs before
anything is installed. With no file arguments it checks every notebooks/*.ipynb.
"""
import json
import sys
from pathlib import Path


def problems(nb):
    """Returns a description of each stored output in the notebook nb (parsed JSON)."""
    found = []
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            if cell.get("outputs"):
                found.append(f"cell {i}: a {cell.get('cell_type')} cell with outputs")
            continue
        if cell.get("outputs"):
            found.append(f"cell {i}: {len(cell['outputs'])} stored output(s)")
        if cell.get("execution_count") is not None:
            found.append(f"cell {i}: execution_count {cell['execution_count']}")
        if "execution" in cell.get("metadata", {}):
            found.append(f"cell {i}: execution timing in its metadata")
    for key in ("widgets",):
        if key in nb.get("metadata", {}):
            found.append(f"notebook metadata: stored {key} state")
    return found


def clear(nb):
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cell.get("metadata", {}).pop("execution", None)
    nb.get("metadata", {}).pop("widgets", None)


def main(argv):
    fix = "--clear" in argv
    paths = [Path(a) for a in argv if a != "--clear"]
    if not paths:
        paths = sorted(Path(__file__).resolve().parent.glob("*.ipynb"))
    if not paths:
        print("check_clean: no notebooks found", file=sys.stderr)
        return 1
    dirty = 0
    for path in paths:
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            print(f"{path}: cannot read it as a notebook: {err}", file=sys.stderr)
            dirty += 1
            continue
        found = problems(nb)
        if found and fix:
            clear(nb)
            path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            print(f"{path}: cleared ({len(found)} problem(s))")
        elif found:
            dirty += 1
            print(f"{path}: has stored outputs:", file=sys.stderr)
            for f in found:
                print(f"  {f}", file=sys.stderr)
        else:
            print(f"{path}: clean")
    if dirty:
        print(f"check_clean: {dirty} notebook(s) unreadable or with stored outputs; clear outputs with "
              "`python3 notebooks/check_clean.py --clear` (or Cell > All Output > Clear in Jupyter)",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
