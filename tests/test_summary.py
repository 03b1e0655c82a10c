"""The end-of-crawl summary stays readable: a back-fill of 2,000 days is two lines per source, not 2,000."""

from __future__ import annotations

from datetime import date, timedelta

from crawler.extensions import _written_lines


def test_a_back_fill_is_summarised_by_its_range_and_busiest_days():
    start = date(2015, 1, 1)
    by_day = {(start + timedelta(days=n)).isoformat(): 1 + (n % 7 == 3) + (n == 1500) * 5 for n in range(2000)}
    lines = _written_lines("wasila", by_day)
    assert lines[0] == f"  written wasila: {sum(by_day.values())} on 2000 days, 2015-01-01 to {max(by_day)}"
    busiest = lines[1].removeprefix("    busiest: ").split(", ")
    assert len(lines) == 2 and len(busiest) == 10
    peak = (start + timedelta(days=1500)).isoformat()
    assert busiest[0] == f"{peak} ({by_day[peak]})" and by_day[peak] == 6
    assert all(entry.endswith("(2)") for entry in busiest[1:])


def test_one_day_and_nothing_written():
    assert _written_lines("oldpress", {"2019-12-19": 4}) == ["  written oldpress: 4 on 1 day (2019-12-19)"]
    assert _written_lines("oldpress", {}) == ["  written oldpress: 0"]
