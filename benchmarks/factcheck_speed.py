"""Time to fact-check the test articles (plain text and HTML), elections already loaded.

    .venv/bin/python benchmarks/factcheck_speed.py [repeats]

Prints milliseconds per article for each test article, and for HTML the share spent in
trafilatura's extraction (measured side by side in the same run).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import seatcast
from seatcast.factcheck import check_article, extract_article

ARTICLES = Path(__file__).resolve().parents[1] / "tests" / "factcheck" / "articles"


def main(repeats: int = 30) -> None:
    elections = {k: seatcast.load(k) for k in seatcast.election_ids()}
    for path in sorted(ARTICLES.iterdir()):
        content = path.read_text(encoding="utf-8")
        html = path.suffix == ".html"
        article = extract_article(content, html=html)
        check_article(article, elections)  # warm caches
        t0 = time.perf_counter()
        for _ in range(repeats):
            extract_article(content, html=html)
        t1 = time.perf_counter()
        for _ in range(repeats):
            result = check_article(article, elections)
        t2 = time.perf_counter()
        extract_ms = (t1 - t0) / repeats * 1000
        check_ms = (t2 - t1) / repeats * 1000
        print(f"{path.name:28} {len(result.claims):3} claims  extract {extract_ms:6.2f} ms  "
              f"claims+verdicts {check_ms:6.2f} ms  total {extract_ms + check_ms:6.2f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
