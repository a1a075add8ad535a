"""Write resources/units/list_changes.json: the codes that differ between two versions of the official unit list."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "units" / "list_changes.json"
VERSIONS = ("2025.10.1", "2026.9.0")

# Read in a child process per version: two versions of one package cannot share an interpreter.
READER = """
import json, sys
sys.path.insert(0, sys.argv[1])
from vietnam_provinces import Province, Ward
print(json.dumps({"provinces": {p.code: p.name for p in Province.iter_all()},
                  "units": {w.code: [w.name, int(w.province_code)] for w in Ward.iter_all()}}, ensure_ascii=False))
"""


def read_version(version: str, work: Path) -> dict:
    target = work / version
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(target),
                    f"vietnam-provinces=={version}"], check=True)
    (wheel,) = target.glob("*.whl")
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(target / "lib")
    out = subprocess.run([sys.executable, "-c", READER, str(target / "lib")], check=True, capture_output=True,
                         text=True, encoding="utf-8")
    data = json.loads(out.stdout)
    return {int(code): (name, province) for code, (name, province) in data["units"].items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        lists = {v: read_version(v, Path(tmp)) for v in VERSIONS}
    every = set().union(*lists.values())
    differing = sorted(c for c in every if len({lists[v].get(c) for v in VERSIONS}) > 1)
    # Per version, the units at the codes that differ: a code outside this table means the same unit
    # (same name, same province) in every version listed.
    changes = {v: {str(c): list(lists[v][c]) for c in differing if c in lists[v]} for v in VERSIONS}
    # A name corrected in place (same code, same province, another spelling): the pairs, so a unit
    # found under its old spelling maps to the corrected one.
    renamed = []
    for c in differing:
        pair = [lists[v].get(c) for v in VERSIONS]
        if all(pair) and pair[0][1] == pair[1][1]:
            names = {n for n, _ in pair}
            others = [(n, p) for v in VERSIONS for cc, (n, p) in lists[v].items() if cc != c and (n, p) == pair[0]]
            if len(names) == 2 and not others:
                renamed.append([pair[0][1], pair[0][0], pair[1][0]])
    payload = {"versions": list(VERSIONS), "units": changes, "renamed": renamed}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(payload, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(differing)} codes differ, {len(renamed)} names corrected in place -> {args.out}")


if __name__ == "__main__":
    main()
