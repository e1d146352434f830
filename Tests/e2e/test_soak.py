"""Issue 16: the concurrent soak (Tests/soak/soak.py) for a minute in CI; run it for an hour with
`python Tests/soak/soak.py --seconds 3600`."""
import asyncio
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "soak"))
import soak  # noqa: E402


def test_a_minute_of_mixed_concurrent_load(binary):
    report = asyncio.run(soak.soak(binary, seconds=60, clients=6, seed=2026))
    print(report)
    assert soak.check(report) == [], report
    assert report["requests"] > 500 and report["cancelled"] > 10
