"""Turns one bench/run's raw outputs into the table and JSON of §6 ratios.

Each kind of load ran in several rounds (NAME-1.json, NAME-2.json, …); the
report shows each kind's median round by rps and keeps every round's rps.
It exits 1 (after writing the results) if a REST verify, in any round, was not
answered 200 with "valid": true.

Besides the closed-loop loads it reads the second wave of §6: the open-loop
loads (NAME.json with the rate offered in NAME.offered), create's floor
(create-floor-db-K.txt from pgbench, create-floor-opa-K.json from opa bench)
and verify with metrics off and on (verify-metrics-off-K.json,
verify-metrics-on-K.json, compared pair by pair).

usage: report.py BENCH_DIR RESULTS_DIR RSS_KB KEYS CONCURRENCY
"""
import base64
import collections
import csv
import datetime
import glob
import json
import os
import platform
import re
import sys


def ghz(path):
    try:
        with open(path) as f:
            report = json.load(f)
    except (OSError, ValueError):
        return None
    latency = {d["percentage"]: d["latency"] / 1e6
               for d in report.get("latencyDistribution") or []}
    codes = report.get("statusCodeDistribution") or {}
    return {
        "rps": report.get("rps", 0.0),
        "p50_ms": latency.get(50),
        "p95_ms": latency.get(95),
        "p99_ms": latency.get(99),
        "requests": report.get("count", 0),
        "errors": sum(n for code, n in codes.items() if code != "OK"),
        "status_codes": codes,
    }


# The result vegeta records for each worker still asking for a target once a
# -lazy targets file is used up: not a request.
NO_TARGETS = "no targets to attack"


def vegeta(path):
    """One vegeta run, from its per-request results (vegeta encode -to=csv:
    timestamp ns, code, latency ns, bytes out, bytes in, error, body base64,
    …). A request is an error unless it got 200 with "valid": true."""
    try:
        with open(path, newline="") as f:
            rows = [row for row in csv.reader(f) if row[5] != NO_TARGETS]
    except OSError:
        return None
    if not rows:
        return None
    codes = collections.Counter(row[1] for row in rows)
    invalid, first_error = 0, None
    for row in rows:
        if row[1] == "200":
            try:
                if json.loads(base64.b64decode(row[6])).get("valid") is True:
                    continue
            except ValueError:
                pass
            invalid += 1
        first_error = first_error or row[5] or base64.b64decode(row[6]).decode(errors="replace")
    latencies = sorted(int(row[2]) / 1e6 for row in rows)
    began = min(int(row[0]) for row in rows)
    ended = max(int(row[0]) + int(row[2]) for row in rows)

    def percentile(p):
        return latencies[max(0, -(-len(latencies) * p // 100) - 1)]

    result = {
        "rps": len(rows) / ((ended - began) / 1e9) if ended > began else 0.0,
        "p50_ms": percentile(50),
        "p95_ms": percentile(95),
        "p99_ms": percentile(99),
        "requests": len(rows),
        "errors": len(rows) - codes["200"] + invalid,
        "status_codes": dict(codes),
        "valid_false": invalid,
    }
    if first_error:
        result["first_error"] = first_error[:500]
    return result


def pgbench(path):
    try:
        text = open(path).read()
    except OSError:
        return None
    tps = re.search(r"tps = ([0-9.]+)", text)
    latency = re.search(r"latency average = ([0-9.]+) ms", text)
    failed = re.search(r"number of failed transactions: (\d+)", text)
    return {
        "rps": float(tps.group(1)) if tps else 0.0,
        "p50_ms": None, "p95_ms": None, "p99_ms": None,
        "avg_ms": float(latency.group(1)) if latency else None,
        "errors": int(failed.group(1)) if failed else 0,
    }


def opa_bench(path):
    """`opa bench --format json`: Go's testing.BenchmarkResult, N evaluations
    in T nanoseconds on one goroutine."""
    try:
        with open(path) as f:
            result = json.load(f)
    except (OSError, ValueError):
        return None
    if not result.get("N") or not result.get("T"):
        return None
    ns_per_op = result["T"] / result["N"]
    return {"rps": 1e9 / ns_per_op, "ns_per_op": ns_per_op, "evaluations": result["N"],
            "allocs_per_op": result.get("MemAllocs", 0) / result["N"],
            "p50_ms": None, "p95_ms": None, "p99_ms": None, "errors": 0}


# An open loop's achieved rate may fall this far short of the offered one;
# any more and the calls waited for a free worker, so that latencies leave
# out the wait and the p99 is not an open loop's.
OPEN_LOOP_SHORTFALL = 0.95


def open_loop(bench_dir, name):
    run = ghz(os.path.join(bench_dir, f"{name}.json"))
    try:
        offered = int(open(os.path.join(bench_dir, f"{name}.offered")).read())
    except (OSError, ValueError):
        return None
    if not run:
        return None
    run["offered_rps"] = offered
    run["open_loop"] = run["rps"] >= OPEN_LOOP_SHORTFALL * offered and run["errors"] == 0
    return run


def metrics_pairs(bench_dir):
    """verify with metrics on / off, round by round (each pair ran back to
    back), and the median of those ratios."""
    pairs = []
    for off_path in sorted(glob.glob(os.path.join(bench_dir, "verify-metrics-off-*.json"))):
        on = ghz(off_path.replace("-off-", "-on-"))
        off = ghz(off_path)
        if on and off and off["rps"]:
            pairs.append({"off_rps": off["rps"], "on_rps": on["rps"],
                          "ratio": on["rps"] / off["rps"],
                          "errors": on["errors"] + off["errors"]})
    if not pairs:
        return None
    ratios = sorted(p["ratio"] for p in pairs)
    return {"pairs": pairs, "ratio": ratios[len(ratios) // 2]}


def compliance(bench_dir):
    """`keywardd compliance`'s one JSON line: keys_evaluated, findings,
    seconds; with keys per second added."""
    try:
        with open(os.path.join(bench_dir, "compliance.json")) as f:
            result = json.loads(f.read().strip().splitlines()[-1])
    except (OSError, ValueError, IndexError):
        return None
    seconds = result.get("seconds") or 0
    result["keys_per_second"] = result["keys_evaluated"] / seconds if seconds else None
    return result


def median_round(bench_dir, name, read, suffix):
    rounds = [r for r in (read(path) for path in sorted(
        glob.glob(os.path.join(bench_dir, f"{name}-[0-9]*{suffix}")))) if r]
    if not rounds:
        return None
    rounds.sort(key=lambda r: r["rps"])
    median = dict(rounds[len(rounds) // 2])
    median["rounds_rps"] = [r["rps"] for r in rounds]
    median["rounds_errors"] = [r["errors"] for r in rounds]
    return median


def fmt(value, digits=1):
    return "-" if value is None else f"{value:.{digits}f}"


def main():
    bench_dir, results_dir, rss_kb, keys, concurrency = sys.argv[1:6]
    runs = {name: median_round(bench_dir, name, ghz, ".json")
            for name in ("health", "verify", "unknown", "create")}
    runs["rest-verify"] = median_round(bench_dir, "rest-verify", vegeta, ".csv")
    runs["insert"] = median_round(bench_dir, "insert", pgbench, ".txt")
    runs["create-floor-db"] = median_round(bench_dir, "create-floor-db", pgbench, ".txt")
    runs["create-floor-opa"] = median_round(bench_dir, "create-floor-opa", opa_bench, ".json")
    opens = {name: open_loop(bench_dir, name) for name in ("verify-open", "create-open")}
    metrics = metrics_pairs(bench_dir)
    rss_mib = int(rss_kb) / 1024 if rss_kb else None
    sweep = compliance(bench_dir)

    def ratio(a, b):
        if not runs.get(a) or not runs.get(b) or not runs[b]["rps"]:
            return None
        return runs[a]["rps"] / runs[b]["rps"]

    verify_ratio, create_ratio = ratio("verify", "health"), ratio("create", "insert")
    rest_ratio = ratio("rest-verify", "verify")
    db, opa = runs["create-floor-db"], runs["create-floor-opa"]
    floor = (1 / (1 / db["rps"] + 1 / opa["rps"])
             if db and opa and db["rps"] and opa["rps"] else None)
    # OPA on every core instead of opa bench's one goroutine: the floor
    # that does not flatter a create (in the JSON only).
    floor_all_cores = (1 / (1 / db["rps"] + 1 / (opa["rps"] * (os.cpu_count() or 1)))
                       if floor else None)
    create_floor_ratio = (runs["create"]["rps"] / floor
                          if floor and runs.get("create") else None)

    def open_p99(name, limit):
        run = opens[name]
        return {"value": run["p99_ms"] if run else None, "target": f"<= {limit}",
                "offered_rps": run["offered_rps"] if run else None,
                "achieved_rps": run["rps"] if run else None,
                "open_loop": bool(run) and run["open_loop"],
                "met": bool(run) and run["open_loop"] and run["p99_ms"] is not None
                and run["p99_ms"] <= limit}
    targets = {
        "verify_vs_health": {"value": verify_ratio, "target": ">= 0.8",
                             "met": verify_ratio is not None and verify_ratio >= 0.8},
        "verify_p99_ms": {"value": (runs["verify"] or {}).get("p99_ms"), "target": "<= 5",
                          "met": bool(runs["verify"]) and runs["verify"]["p99_ms"] is not None
                          and runs["verify"]["p99_ms"] <= 5},
        "rest_verify_vs_verify": {"value": rest_ratio, "target": ">= 0.5",
                                  "met": rest_ratio is not None and rest_ratio >= 0.5},
        "create_vs_insert": {"value": create_ratio, "target": ">= 0.2",
                             "met": create_ratio is not None and create_ratio >= 0.2},
        "create_p99_ms": {"value": (runs["create"] or {}).get("p99_ms"), "target": "<= 50",
                          "met": bool(runs["create"]) and runs["create"]["p99_ms"] is not None
                          and runs["create"]["p99_ms"] <= 50},
        "create_vs_floor": {"value": create_floor_ratio, "target": ">= 0.5",
                            "floor_rps": floor,
                            "db_rps": db["rps"] if db else None,
                            "opa_rps": opa["rps"] if opa else None,
                            "floor_opa_on_every_core_rps": floor_all_cores,
                            "met": create_floor_ratio is not None and create_floor_ratio >= 0.5},
        "verify_open_p99_ms": open_p99("verify-open", 2),
        "create_open_p99_ms": open_p99("create-open", 20),
        "metrics_on_vs_off": {"value": metrics["ratio"] if metrics else None,
                              "target": ">= 0.95",
                              "met": bool(metrics) and metrics["ratio"] >= 0.95},
        "rss_mib": {"value": rss_mib, "keys_warm": int(keys),
                    "target": "<= 256 at 1,000,000 keys"},
        "compliance_seconds": {"value": (sweep or {}).get("seconds"),
                               "keys": (sweep or {}).get("keys_evaluated"),
                               "target": "<= 30 at 100,000 keys",
                               "met": bool(sweep) and sweep["keys_evaluated"] >= 100000
                               and sweep["seconds"] <= 30},
    }

    print(f"\nKeyward benchmark — {platform.node()}, {os.cpu_count()} cores, "
          f"concurrency {concurrency}")
    print(f"{'run':<17}{'rps':>10}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}"
          "   rps of every round")
    for name in ("health", "verify", "rest-verify", "unknown", "create", "insert",
                 "create-floor-db", "create-floor-opa"):
        r = runs.get(name)
        if not r:
            print(f"{name:<17}{'(no result)':>10}")
            continue
        print(f"{name:<17}{r['rps']:>10.0f}{fmt(r['p50_ms'], 2):>9}{fmt(r['p95_ms'], 2):>9}"
              f"{fmt(r['p99_ms'], 2):>9}{r['errors']:>8}   "
              + " ".join(f"{rps:.0f}" for rps in r["rounds_rps"]))
    for name, r in opens.items():
        if not r:
            print(f"{name:<17}{'(no result)':>10}")
            continue
        print(f"{name:<17}{r['rps']:>10.0f}{fmt(r['p50_ms'], 2):>9}{fmt(r['p95_ms'], 2):>9}"
              f"{fmt(r['p99_ms'], 2):>9}{r['errors']:>8}   offered {r['offered_rps']}/s"
              + ("" if r["open_loop"] else
                 f" — NOT an open-loop p99 (achieved {r['rps']:.0f}/s, {r['errors']} errors)"))
    print(f"\nverify / health = {fmt(verify_ratio, 2)} (target >= 0.8)")
    print(f"rest-verify / verify = {fmt(rest_ratio, 2)} (target >= 0.5)")
    print(f"create / insert = {fmt(create_ratio, 2)} (target >= 0.2)")
    print(f"create floor = 1 / (1/{fmt(db and db['rps'], 0)} + 1/{fmt(opa and opa['rps'], 0)})"
          f" = {fmt(floor, 0)}/s; create / floor = {fmt(create_floor_ratio, 2)} (target >= 0.5)")
    for name, limit in (("verify_open_p99_ms", 2), ("create_open_p99_ms", 20)):
        t = targets[name]
        print(f"{name} = {fmt(t['value'], 2)} at {t['offered_rps']}/s offered "
              f"(target <= {limit}){'' if t['open_loop'] else ' — not an open loop'}"
              f": {'met' if t['met'] else 'NOT met'}")
    if metrics:
        print(f"verify metrics on / off = {fmt(metrics['ratio'], 3)} (median of pairs "
              + " ".join(f"{p['ratio']:.3f}" for p in metrics["pairs"]) + "; target >= 0.95)")
    else:
        print("verify metrics on / off: (not measured: keywardd has no --metrics-listen)")
    print(f"keywardd RSS with {keys} keys warm = {fmt(rss_mib)} MiB")
    if sweep:
        print(f"compliance: {sweep['keys_evaluated']} keys, {sweep['findings']} findings "
              f"in {fmt(sweep['seconds'], 2)} s = {fmt(sweep['keys_per_second'], 0)} keys/s "
              "(target <= 30 s at 100,000 keys)")
    else:
        print("compliance: (no result)")

    stamp = datetime.datetime.utcnow().strftime("%Y%m%dT%H%M%SZ")
    out = os.path.join(results_dir, f"{stamp}.json")
    with open(out, "w") as f:
        json.dump({"time": stamp, "machine": {"host": platform.node(),
                                              "cores": os.cpu_count()},
                   "concurrency": int(concurrency), "runs": runs,
                   "open_loop": opens, "metrics_on_off": metrics,
                   "compliance": sweep,
                   "targets": targets}, f, indent=2)
    print(f"results: {out}")

    rest = runs["rest-verify"]
    if not rest or any(rest["rounds_errors"]):
        detail = f": {rest.get('first_error')}" if rest and rest.get("first_error") else ""
        sys.exit("rest-verify: not every request was answered 200 with valid=true "
                 f"(errors per round: {rest['rounds_errors'] if rest else 'no result'}){detail}")


if __name__ == "__main__":
    main()
