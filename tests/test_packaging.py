"""The wheel carries what govlint reads at run time from rules/ and grammar/."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_the_wheel_carries_the_grammar_formats_and_packs(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    (wheel,) = tmp_path.glob("govlint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {"govlint/_data/grammar/report.lark"}
    wanted |= {f"govlint/_data/rules/{p.relative_to(ROOT / 'rules').as_posix()}" for p in (ROOT / "rules").rglob("*.yaml")}
    assert wanted <= names, sorted(wanted - names)
    entry_points = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    for family in ("structure", "dates", "tables", "arithmetic", "content", "typography"):
        assert f"{family} = govlint.checks.{family}" in entry_points
