"""Post progress updates at a fixed rate, for the mixed-load benchmark (benches/run.sh).

Usage: writer.py URL RATE SECONDS COOKIE BODY PATH [PATH ...]
Posts BODY to the PATHs in turn, RATE times a second for SECONDS, on one keep-alive
connection, each post starting on its schedule (or at once if the one before ran late), and
prints one `RESULT {json}` line in wrk.lua's shape: a post answered other than 303 is an error.
"""

import http.client
import json
import sys
import time
import urllib.parse


def percentile(sorted_ms, p):
    if not sorted_ms:
        return float("nan")
    i = min(len(sorted_ms) - 1, max(0, round(p / 100 * len(sorted_ms)) - 1))
    return sorted_ms[i]


def main():
    url, rate, seconds, cookie, body, *paths = sys.argv[1:]
    rate, seconds = float(rate), float(seconds)
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    latencies, errors, sent = [], 0, 0
    start = time.monotonic()
    while True:
        due = start + sent / rate
        now = time.monotonic()
        if due - start >= seconds:
            break
        if due > now:
            time.sleep(due - now)
        path = paths[sent % len(paths)]
        began = time.monotonic()
        try:
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            if response.status != 303:
                errors += 1
        except (OSError, http.client.HTTPException):
            errors += 1
            conn.close()
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        latencies.append((time.monotonic() - began) * 1000)
        sent += 1
    elapsed = time.monotonic() - start
    ms = sorted(latencies)
    print("RESULT " + json.dumps({
        "requests": sent, "duration_us": int(elapsed * 1e6), "bytes": 0,
        "errors": errors, "status_errors": errors,
        "p50_ms": percentile(ms, 50), "p95_ms": percentile(ms, 95),
        "p99_ms": percentile(ms, 99), "max_ms": ms[-1] if ms else float("nan"),
        "mean_ms": sum(ms) / len(ms) if ms else float("nan"),
    }))


main()
