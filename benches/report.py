"""Format benches/run.sh results: print the table and put it into BENCHMARKS.md.

Usage: report.py RESULTS.jsonl BENCHMARKS.md < meta.json
The latest run replaces the text between the `bench:latest` markers; a one-line summary is
added to the run history between the `bench:history` markers. Everything else is kept.
"""

import datetime
import json
import os
import platform
import re
import sys


def machine():
    cpu = "unknown CPU"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem_kb = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal"):
                mem_kb = int(line.split()[1])
    return f"{os.cpu_count()} cores ({cpu}), {mem_kb / 1048576:.1f} GiB memory, Linux {platform.release()}"


def mixed_tables(mixed, mark, peak_mb):
    """The mixed-load rows and issue 22's targets at 10 writes a second (none if not run)."""
    if not mixed:
        return []
    rows = ["Mixed load: all of these at once, each rate for the run's duration (one wrk thread each; "
            "the writer posts on a schedule, one at a time).", "",
            "| Mixed | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | server RSS after |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in mixed:
        rows.append(
            f"| {r['name']} | {r['rps']:,.1f} | {r['p50_ms']:.2f} | {r['p95_ms']:.2f} | "
            f"{r['p99_ms']:.2f} | {r['max_ms']:.1f} | {r['errors']} | {r['rss_kb'] / 1024:.0f} MB |")
    at10 = {r["side"]: r for r in mixed if r["mixed_rate"] == 10}
    panel, writer = at10.get("panel"), at10.get("writer")
    if panel and writer:
        rows += ["",
                 "| Target at 10 writes/s (issue 22) | Goal | Measured | |",
                 "| --- | --- | --- | --- |",
                 f"| Dashboard readers | p95 ≤ 50 ms, p99 ≤ 100 ms | {panel['p95_ms']:.1f} ms, {panel['p99_ms']:.1f} ms | "
                 f"{mark(panel['p95_ms'] <= 50 and panel['p99_ms'] <= 100)} |",
                 f"| Posting meanwhile | p99 ≤ 50 ms, 0 errors | {writer['p99_ms']:.1f} ms, {writer['errors']} errors | "
                 f"{mark(writer['p99_ms'] <= 50 and writer['errors'] == 0)} |",
                 f"| Peak resident memory, the whole run | ≤ 100 MB | {peak_mb:.0f} MB | {mark(peak_mb <= 100)} |"]
    return rows + [""]


def main():
    runs = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
    # A page measured more than once (the static comparisons) keeps its best round.
    best = {}
    for r in runs:
        if r["name"] not in best or r["rps"] > best[r["name"]]["rps"]:
            best[r["name"]] = r
    every = [best[name] for name in dict.fromkeys(r["name"] for r in runs)]
    results = [r for r in every if "side" not in r]
    mixed = [r for r in every if "side" in r]
    meta = json.load(sys.stdin)
    by = {r["name"]: r for r in results}
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")

    rows = ["| Measured | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | server RSS after |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        rss = "–" if r["name"].startswith("nginx") else f"{r['rss_kb'] / 1024:.0f} MB"
        rows.append(
            f"| {r['name']} | {r['rps']:,.0f} | {r['p50_ms']:.2f} | {r['p95_ms']:.2f} | "
            f"{r['p99_ms']:.2f} | {r['max_ms']:.1f} | {r['errors']} | {rss} |")

    def ratio(page, limit):
        if page in by and limit in by and by[limit]["rps"]:
            return by[page]["rps"] / by[limit]["rps"]
        return float("nan")

    home = ratio("Public home", "nginx: public home bytes")
    insp = ratio("Public inspection page", "nginx: public inspection bytes")
    dash = by.get("Dashboard overview", {}).get("p95_ms", float("nan"))
    find = by.get("Finding page", {}).get("p95_ms", float("nan"))
    post = by.get("Post a progress update", {})
    search = by.get("Search", {}).get("p95_ms", float("nan"))
    searches = by.get("Search, a new query each time", {}).get("p95_ms", float("nan"))
    peak_mb = meta["peak_kb"] / 1024
    first = max(meta["first_healthz_ms"], meta["first_home_ms"])

    def mark(ok):
        return "met" if ok else "**missed**"

    targets = [
        "| Target | Goal | Measured | |",
        "| --- | --- | --- | --- |",
        f"| Public home vs nginx, same bytes (issue 22; 0.90× before) | ≥ 1.00× | {home:.2f}× | {mark(home >= 1.0)} |",
        f"| Public inspection page vs nginx, same bytes (issue 22; 0.90× before) | ≥ 1.00× | {insp:.2f}× | {mark(insp >= 1.0)} |",
        f"| Dashboard overview p95 | ≤ 50 ms | {dash:.1f} ms | {mark(dash <= 50)} |",
        f"| Finding page p95 | ≤ 20 ms | {find:.1f} ms | {mark(find <= 20)} |",
        f"| Search p95, one word asked again and again (issue 22) | ≤ 20 ms | {search:.1f} ms | {mark(search <= 20)} |",
        f"| Search p95, a new query each time (issue 22) | ≤ 20 ms | {searches:.1f} ms | {mark(searches <= 20)} |",
        f"| Post an update p99, 16 writers | ≤ 50 ms, 0 errors | {post.get('p99_ms', float('nan')):.1f} ms, "
        f"{post.get('errors', '?')} errors | {mark(post.get('p99_ms', 1e9) <= 50 and post.get('errors', 1) == 0)} |",
        f"| Peak resident memory (VmHWM) before the mixed load | ≤ 150 MB | {peak_mb:.0f} MB | {mark(peak_mb <= 150)} |",
        f"| Dashboard overview, first request (builds the snapshot) | – | {meta['dashboard_cold_ms']} ms "
        f"at start, {meta['dashboard_after_writes_ms']} ms after the writes | |",
        f"| First response after start | ≤ 1 s | /healthz {meta['first_healthz_ms']} ms, / {meta['first_home_ms']} ms "
        f"| {mark(first <= 1000)} |",
    ]
    mixed_text = mixed_tables(mixed, mark, meta.get("mixed_peak_kb", 0) / 1024)
    text = "\n".join([
        f"Run {now} on {machine()}; load average {meta['load_start']} at the start, "
        f"{meta['load_end']} at the end (other engineers' builds share the machine).",
        f"Commit {meta['commit']}. {meta['connections']} connections, {meta['threads']} wrk threads, "
        f"{meta['duration']} each (the static comparisons: best of {meta['rounds']} alternating rounds); database {meta['db_mb']} MB, generated in {meta['generated_seconds']} s."
        + (f" Note: {meta['note']}." if meta["note"] else ""),
        "",
        *targets,
        "",
        *rows,
        "",
        *mixed_text,
    ])
    print(text)

    summary = (f"- {now}, load {meta['load_start']}: home {home:.2f}× nginx, inspection {insp:.2f}×, "
               f"dashboard p95 {dash:.1f} ms, finding p95 {find:.1f} ms, search p95 {search:.1f} / {searches:.1f} ms, post p99 "
               f"{post.get('p99_ms', float('nan')):.1f} ms ({post.get('errors', '?')} errors), peak {peak_mb:.0f} MB, "
               f"first / {meta['first_home_ms']} ms ({meta['commit']}"
               + (f"; {meta['note']}" if meta["note"] else "") + ")")
    path = sys.argv[2]
    doc = open(path).read() if os.path.exists(path) else (
        "# Benchmarks\n\n<!-- bench:latest -->\n<!-- /bench:latest -->\n\n## Run history\n\n"
        "<!-- bench:history -->\n<!-- /bench:history -->\n")
    doc = re.sub(r"<!-- bench:latest -->.*?<!-- /bench:latest -->",
                 lambda _: f"<!-- bench:latest -->\n{text}<!-- /bench:latest -->", doc, flags=re.S)
    doc = doc.replace("<!-- /bench:history -->", f"{summary}\n<!-- /bench:history -->")
    open(path, "w").write(doc)


main()
