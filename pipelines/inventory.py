"""What an archive holds: records per source and day, read from the files themselves."""

from __future__ import annotations

from pathlib import Path


def day_files(archive_dir: Path):
    """The archive's ``<source>/<YYYY-MM-DD>.jsonl`` files, state folders excluded."""
    for path in sorted(Path(archive_dir).glob("*/*.jsonl")):
        if not path.parent.name.startswith("."):
            yield path


def archive_counts(archive_dir: Path) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for path in day_files(archive_dir):
        with open(path, "rb") as fh:
            lines = sum(1 for line in fh if line.endswith(b"\n"))
        counts.setdefault(path.parent.name, {})[path.stem] = lines
    return counts


def format_counts(counts: dict[str, dict[str, int]]) -> str:
    rows = []
    for source, days in counts.items():
        rows.append(f"{source}: {sum(days.values())} articles")
        rows.extend(f"  {day}  {n}" for day, n in days.items())
    return "\n".join(rows) or "(empty archive)"
