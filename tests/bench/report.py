#!/usr/bin/env python3
"""Print the benchmark table in Markdown from the files run.sh wrote.

Usage: report.py RESULTS-DIR PAGES...

Reads hf-sN-rK.json and hf-sN-loop-rK.json (hyperfine, one file per
round, merged here), time-sN-LABEL.txt
(/usr/bin/time lines "maxrss_kib wall user sys") and connections.tsv
(scenario, label, exit status, requests, connections, resumed sessions,
non-200 responses per check).
"""

import glob
import json
import os
import statistics
import sys

NAMES = {
    "check_lgtm": "check_lgtm",
    "check_curl": "check_curl, first page",
    "curl": "curl, all pages, one connection",
    "curl_jq": "curl + jq shell loop",
}


def load_hyperfine(directory, pages):
    """Return {label: merged hyperfine figures} for one scenario.

    Wall times are pooled over the rounds. hyperfine 1.15 exports only the
    mean user and system time of a round, so CPU is the mean weighted by
    each round's run count.
    """
    pooled = {}
    for path in sorted(glob.glob(os.path.join(directory, f"hf-s{pages}-*.json"))):
        with open(path, encoding="utf-8") as source:
            for result in json.load(source)["results"]:
                entry = pooled.setdefault(result["command"],
                                          {"times": [], "cpu_total": 0.0})
                runs = len(result["times"])
                entry["times"].extend(result["times"])
                entry["cpu_total"] += (result["user"] + result["system"]) * runs
    return pooled


def load_time(directory, pages, label):
    """Return the /usr/bin/time samples as (maxrss_kib, wall, user, sys)."""
    path = os.path.join(directory, f"time-s{pages}-{label}.txt")
    samples = []
    if os.path.exists(path):
        with open(path, encoding="utf-8") as source:
            for line in source:
                fields = line.split()
                # /usr/bin/time prefixes a line when the command failed.
                if len(fields) == 4 and fields[0].isdigit():
                    samples.append((int(fields[0]), float(fields[1]),
                                    float(fields[2]), float(fields[3])))
    return samples


def load_connections(directory):
    """Return {(scenario, label): (requests, connections, resumed, failed)}."""
    counts = {}
    path = os.path.join(directory, "connections.tsv")
    with open(path, encoding="utf-8") as source:
        for line in source:
            scenario, label, _status, *numbers = line.split("\t")
            counts[(scenario, label)] = tuple(int(n) for n in numbers)
    return counts


def measure(directory, pages, connections):
    """Return one row of figures per command of a scenario.

    A command without hyperfine runs (the curl-and-jq loop at 1,000 pages)
    takes its wall and CPU time from /usr/bin/time, whose 10 ms resolution
    is enough for a run of a minute.
    """
    timed = load_hyperfine(directory, pages)
    labels = [label for (scenario, label) in connections
              if scenario == f"s{pages}"]
    rows = {}
    for label in labels:
        samples = load_time(directory, pages, label)
        rss = [sample[0] for sample in samples]
        if label in timed:
            times = timed[label]["times"]
            cpu = timed[label]["cpu_total"] / len(times)
            source = "hyperfine"
        elif samples:
            times = [sample[1] for sample in samples]
            cpu = statistics.mean(sample[2] + sample[3] for sample in samples)
            source = "/usr/bin/time"
        else:
            continue
        rows[label] = {
            "runs": f"{len(times)} ({source})",
            "wall": statistics.median(times),
            "wall_min": min(times),
            "wall_max": max(times),
            "cpu": cpu,
            "rss": statistics.median(rss) if rss else None,
            "rss_min": min(rss) if rss else None,
            "rss_max": max(rss) if rss else None,
            "rss_runs": len(rss),
            "connections": connections.get((f"s{pages}", label)),
        }
    return rows


def ratio(value, reference):
    if value is None or not reference:
        return "n/a"
    return f"{value / reference:.2f}"


def print_scenario(pages, rows):
    print(f"### {pages} page{'s' if pages > 1 else ''} "
          f"({pages * 100:,} projects)")
    print()
    print("| command | runs | wall median ms [min, max] | CPU user+sys ms "
          "(mean) | peak RSS KiB median [min, max] | requests | TCP "
          "connections | TLS handshakes (resumed) | wall ÷ check_lgtm | "
          "CPU ÷ check_lgtm | RSS ÷ check_lgtm |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    base = rows.get("check_lgtm")
    for label in NAMES:
        row = rows.get(label)
        if row is None:
            continue
        wall = (f"{row['wall'] * 1e3:.1f} [{row['wall_min'] * 1e3:.1f}, "
                f"{row['wall_max'] * 1e3:.1f}]")
        rss = "n/a"
        if row["rss"] is not None:
            rss = (f"{row['rss']:.0f} [{row['rss_min']}, "
                   f"{row['rss_max']}] ({row['rss_runs']} runs)")
        requests = connections = handshakes = "n/a"
        if row["connections"] is not None:
            count, opened, resumed, _failed = row["connections"]
            requests = str(count)
            connections = str(opened)
            # Every TLS connection starts with one handshake.
            handshakes = f"{opened} ({resumed})"
        print(f"| {NAMES[label]} | {row['runs']} | {wall} | "
              f"{row['cpu'] * 1e3:.1f} | {rss} | {requests} | {connections} "
              f"| {handshakes} | {ratio(row['wall'], base['wall'])} | "
              f"{ratio(row['cpu'], base['cpu'])} | "
              f"{ratio(row['rss'], base['rss'])} |")
    print()


def target_one_page(rows):
    """Yield the 1-page targets against check_curl."""
    if "check_lgtm" not in rows or "check_curl" not in rows:
        return
    lgtm, other = rows["check_lgtm"], rows["check_curl"]
    wall = lgtm["wall"] / other["wall"]
    cpu = lgtm["cpu"] / other["cpu"]
    yield "1 page: wall ≤ 0.95 × check_curl", f"{wall:.2f}", wall <= 0.95
    yield "1 page: CPU ≤ 0.95 × check_curl", f"{cpu:.2f}", cpu <= 0.95
    yield ("1 page: peak RSS ≤ check_curl",
           f"{lgtm['rss']:.0f} KiB vs {other['rss']:.0f} KiB",
           lgtm["rss"] <= other["rss"])


def target_hundred_pages(rows):
    """Yield the 100-page targets against curl on one connection."""
    if "check_lgtm" not in rows or "curl" not in rows:
        return
    lgtm = rows["check_lgtm"]
    wall = lgtm["wall"] / rows["curl"]["wall"]
    yield ("100 pages: wall ≤ 1.4 × curl on one connection", f"{wall:.2f}",
           wall <= 1.4)
    if lgtm["connections"] is not None:
        _count, opened, _resumed, _failed = lgtm["connections"]
        yield ("100 pages: 1 TCP connection, 1 TLS handshake",
               f"{opened} and {opened}", opened == 1)


def target_memory(one_page, thousand_pages):
    """Yield the target on peak RSS growth from 1 to 1,000 pages."""
    if "check_lgtm" not in one_page or "check_lgtm" not in thousand_pages:
        return
    growth = thousand_pages["check_lgtm"]["rss"] - one_page["check_lgtm"]["rss"]
    yield ("1,000 pages: peak RSS ≤ 1-page figure + 1024 KiB",
           f"{growth:+.0f} KiB", growth <= 1024)


def print_targets(table):
    """Print each target with the measured figure, as check_lgtm ÷ other."""
    print("### Targets")
    print()
    print("| target | measured | result |")
    print("|---|---|---|")
    targets = [
        *target_one_page(table.get(1, {})),
        *target_hundred_pages(table.get(100, {})),
        *target_memory(table.get(1, {}), table.get(1000, {})),
    ]
    for name, measured, met in targets:
        print(f"| {name} | {measured} | {'met' if met else 'NOT met'} |")

    for pages, rows in sorted(table.items()):
        if "check_lgtm" in rows and "curl_jq" in rows:
            wall = rows["check_lgtm"]["wall"] / rows["curl_jq"]["wall"]
            cpu = rows["check_lgtm"]["cpu"] / rows["curl_jq"]["cpu"]
            print(f"| {pages} page{'s' if pages > 1 else ''}: against the "
                  f"curl-and-jq loop (report only) | wall {wall:.3f}, "
                  f"CPU {cpu:.3f} | reported |")
    print()


def main():
    directory = sys.argv[1]
    scenarios = [int(pages) for pages in sys.argv[2:]]
    connections = load_connections(directory)
    table = {pages: measure(directory, pages, connections)
             for pages in scenarios}
    for pages in scenarios:
        print_scenario(pages, table[pages])
    print_targets(table)
    with open(os.path.join(directory, "machine.txt"),
              encoding="utf-8") as machine:
        lines = [line.rstrip() for line in machine]
    print("Machine and versions:")
    print()
    for line in lines:
        print(f"    {line}")
    for line in lines:
        if line.startswith("load average before the run:"):
            load = float(line.split(":")[1].split()[0])
            if load > 0.5:
                print()
                print(f"Note: the 1-minute load average was {load} before "
                      "the run, so other jobs shared the CPUs and the wall "
                      "times are less reliable than the CPU times.")


if __name__ == "__main__":
    main()
