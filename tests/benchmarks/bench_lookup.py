"""Customer lookup with 100,000 cached customers: `cache.find_customers` against the naive
`LIKE ? || '%'` name search, measured in the same run on the same table.

Run: .venv/bin/python benchmarks/bench_lookup.py [--customers N] [--runs N]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pos_app.domain.models import CustomerInfo, ExpiringLot
from pos_app.store import cache, open_database

FIRST = [
    "Ada", "Adaeze", "Adebayo", "Aisha", "Amaka", "Bola", "Chidi", "Chinedu", "Chioma", "Dayo",
    "Emeka", "Efe", "Fatima", "Folake", "Funmi", "Ibrahim", "Ifeoma", "Ikenna", "Kemi", "Kunle",
    "Musa", "Ngozi", "Nkechi", "Obinna", "Olu", "Sade", "Segun", "Tobi", "Tunde", "Uche",
    "Yemi", "Zainab", "Zoë", "John", "Mary", "David", "Grace", "Peter", "Ruth", "Samuel",
]  # fmt: skip
SURNAMES = [
    "Abiodun", "Adeyemi", "Afolabi", "Akande", "Balogun", "Bello", "Chukwu", "Danjuma", "Eze",
    "Ibe", "Ibrahim", "Musa", "Nwachukwu", "Nwosu", "Obi", "Obiora", "Odukoya", "Ogunleye",
    "Okafor", "Okeke", "Okon", "Okoro", "Olawale", "Ọláwálé", "Onyeka", "Oyelaran", "Salami",
    "Suleiman", "Uchenna", "Udo", "Umeh", "Usman", "Yusuf", "Smith", "Johnson", "Mensah",
]  # fmt: skip

UPDATED = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
NAIVE_SQL = "SELECT * FROM customers WHERE name LIKE ? || '%' ORDER BY name LIMIT ?"
NAIVE_WORD_SQL = (
    "SELECT * FROM customers WHERE name LIKE ? || '%' OR name LIKE '% ' || ? || '%' "
    "ORDER BY name LIMIT ?"
)


def make_customer(i: int, rng: random.Random) -> CustomerInfo:
    name = f"{rng.choice(FIRST)} {rng.choice(SURNAMES)}"
    if rng.random() < 0.3:
        name = f"{name} {rng.choice(SURNAMES)}"
    lots = (ExpiringLot(rng.randint(1, 500), UPDATED + timedelta(days=rng.randint(1, 365))),)
    return CustomerInfo(
        id=f"cus_{i:06d}",
        name=name,
        email=f"customer{i}@example.com" if rng.random() < 0.8 else None,
        phone=f"+234{8_000_000_000 + i}",
        card_number=f"LP{i:010d}" if rng.random() < 0.9 else None,
        points_balance=rng.randint(0, 20_000),
        lifetime_points=rng.randint(0, 50_000),
        tier_id=None,
        tier_name=None,
        points_expiring=lots if rng.random() < 0.2 else (),
        updated_at=UPDATED,
        cached_at=UPDATED,
    )


def _fields(customer: CustomerInfo) -> dict[str, object]:
    return {name: getattr(customer, name) for name in CustomerInfo.__slots__}


def median_us(fn: Callable[[], object], runs: int) -> float:
    for _ in range(min(runs, 20)):  # warm the page cache and the statement cache
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        fn()
        samples.append(time.perf_counter_ns() - start)
    return statistics.median(samples) / 1000


def traced_statements(conn: sqlite3.Connection, query: str) -> list[str]:
    """The SQL (with bound values) that one `find_customers(query)` call runs."""
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        cache.find_customers(conn, query)
    finally:
        conn.set_trace_callback(None)
    return [s for s in seen if s.lstrip().upper().startswith("SELECT")]


def print_plan(
    conn: sqlite3.Connection, title: str, sql: str, params: tuple[object, ...] = ()
) -> None:
    print(f"\n{title}\n  {' '.join(sql.split())}")
    for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params):
        print(f"    {row[3]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=500, help="timed runs per lookup")
    parser.add_argument("--naive-runs", type=int, default=40, help="timed runs per baseline")
    args = parser.parse_args()

    rng = random.Random(20240601)
    with tempfile.TemporaryDirectory(prefix="bench-lookup-") as tmp:
        db = open_database(Path(tmp))
        try:
            people = [make_customer(i, rng) for i in range(args.customers)]
            start = time.perf_counter()
            with db.transaction() as conn:
                for person in people:
                    cache.upsert_customer(conn, person)
            fill = time.perf_counter() - start
            conn = db.conn
            conn.execute("ANALYZE")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            words = conn.execute("SELECT count(*) FROM customer_words").fetchone()[0]
            size = (Path(tmp) / "terminal.db").stat().st_size
            print(
                f"SQLite {sqlite3.sqlite_version}, Python {sys.version.split()[0]}: "
                f"{cache.count_customers(conn):,} customers, {words:,} name words, "
                f"filled in {fill:.1f} s (one transaction), db {size / 1e6:.1f} MB"
            )

            # The steady-state cost of caching one pulled customer at this size (one upsert,
            # inside a transaction, no commit in the timing).
            again = [
                CustomerInfo(**{**_fields(p), "updated_at": UPDATED + timedelta(hours=1)})
                for p in rng.sample(people, min(200, len(people)))
            ]
            samples = []
            with db.transaction() as conn:
                for person in again:
                    start_ns = time.perf_counter_ns()
                    cache.upsert_customer(conn, person)
                    samples.append(time.perf_counter_ns() - start_ns)
            print(
                f"upsert of one already-cached customer: median "
                f"{statistics.median(samples) / 1000:,.0f} us over {len(samples)}"
            )

            probe = people[len(people) // 2]
            national = "0" + probe.phone[4:] if probe.phone else ""
            phone = f"{national[:4]} {national[4:7]} {national[7:]}"
            name_prefix = probe.name[: probe.name.index(" ") + 3]  # "First Su"
            surname = probe.name.split()[1][:4]
            assert probe.email and probe.card_number, "pick a customer with every field"

            lookups = [
                ("id", probe.id),
                ("card number", probe.card_number.lower()),
                ("phone", phone),
                ("email", probe.email.upper()),
                ("name prefix", name_prefix),
                ("surname prefix", surname),
            ]
            print(f"\nmedian of {args.runs} runs (naive: {args.naive_runs}), microseconds\n")
            header = ("lookup", "query", "hits", "ours", "naive", "naive/ours")
            print("  {:<16}{:<29}{:>5}{:>11}{:>12}{:>12}".format(*header))
            for label, query in lookups:
                hits = len(cache.find_customers(conn, query))
                ours = median_us(lambda q=query: cache.find_customers(conn, q), args.runs)
                naive_text, ratio = "", ""
                if label == "name prefix":
                    naive = median_us(
                        lambda q=query: conn.execute(NAIVE_SQL, (q, 20)).fetchall(),
                        args.naive_runs,
                    )
                    naive_hits = len(conn.execute(NAIVE_SQL, (query, 20)).fetchall())
                    assert naive_hits == hits, (naive_hits, hits)
                    naive_text, ratio = f"{naive:,.0f}", f"{naive / ours:,.0f}x"
                elif label == "surname prefix":
                    naive = median_us(
                        lambda q=query: conn.execute(NAIVE_WORD_SQL, (q, q, 20)).fetchall(),
                        args.naive_runs,
                    )
                    naive_text, ratio = f"{naive:,.0f}", f"{naive / ours:,.0f}x"
                print(
                    f"  {label:<16}{query!r:<29}{hits:>5}{ours:>11,.1f}{naive_text:>12}{ratio:>12}"
                )
            print(
                "\n  naive = the same lookup as one SQL statement, "
                "name LIKE ? || '%' [OR name LIKE '% ' || ? || '%'] ORDER BY name LIMIT 20;\n"
                "  ours = the whole find_customers() call (every lookup it tries, rows "
                "turned into CustomerInfo)."
            )

            for sql in traced_statements(conn, name_prefix):
                if "name_fold >=" in sql or "customer_words" in sql:
                    print_plan(conn, f"EXPLAIN QUERY PLAN, ours ({name_prefix!r})", sql)
            for sql in traced_statements(conn, surname):
                if "customer_words" in sql:
                    print_plan(conn, f"EXPLAIN QUERY PLAN, ours ({surname!r})", sql)
            print_plan(conn, "EXPLAIN QUERY PLAN, naive", NAIVE_SQL, (name_prefix, 20))
        finally:
            db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
