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
    # Memory: within a minute the resident size still swings with large results (the intern
    # table keeps a result's nodes until its next sweep; glibc keeps freed arenas): measured
    # plateaus of 180-200 MB with warm-up levels of 100-170 MB. The 10% criterion is
    # reported by `soak.py --seconds 3600`; here, growth past 60% or 400 MB fails.
    assert soak.check(report, memory_growth=0.6) == [], report
    assert report["rss_end_kb"] < 400_000, report
    assert report["requests"] > 500 and report["cancelled"] > 10
