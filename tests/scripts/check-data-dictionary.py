#!/usr/bin/env python3
"""The data dictionary against the files `maillon analyze` writes (issue 13: stable types, every field documented).

    check-data-dictionary.py DOCS/data-dictionary.md OUTPUT_DIR...

For each output directory (several runs: with and without population, stations, an empty list…), reads
gaps.geojson, candidates.geojson, stations.geojson (when present) and indicators.json, and fails when
  - a property written is not named in its section of the dictionary (a backticked name in the first column of a
    table, or for candidates.geojson in its paragraph);
  - a property has two different JSON types across features and runs (null aside: a field is "a number or null",
    never "a number or a string"); lists must always be arrays;
  - a CSV (gaps.csv, summary_*.csv) is empty: an empty result still writes its header.
Standard library only.
"""
import csv
import json
import os
import re
import sys

SECTIONS = {
    "gaps": "## `gaps.geojson`",
    "candidates": "## `candidates.geojson`",
    "indicators": "## `indicators.json`",
    "stations": "## `stations.geojson`",
}


def documented(md_path):
    text = open(md_path, encoding="utf-8").read()
    starts = sorted((text.index(h), key) for key, h in SECTIONS.items())
    names = {}
    for i, (pos, key) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else text.find("\n## ", pos + 1)
        body = text[pos:end if end > 0 else len(text)]
        found = set()
        for line in body.splitlines():
            if line.startswith("|"):
                first = line.split("|")[1]
                found.update(re.findall(r"`([a-z_0-9]+)`", first))
            elif key == "candidates":
                found.update(re.findall(r"`([a-z_0-9]+)`", line))
        names[key] = found
    return names


def json_type(v):
    if v is None:
        return None
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    return "object"


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    names = documented(sys.argv[1])
    problems = []
    types = {}  # (section, field) -> set of types

    def see(section, props, where):
        for k, v in props.items():
            if k not in names[section]:
                problems.append(f"{where}: property '{k}' of {section} is not in the data dictionary")
            t = json_type(v)
            if t is not None:
                types.setdefault((section, k), {}).setdefault(t, where)

    for out in sys.argv[2:]:
        for section, file in (("gaps", "gaps.geojson"), ("candidates", "candidates.geojson"), ("stations", "stations.geojson")):
            path = os.path.join(out, file)
            if not os.path.exists(path):
                if section != "stations":
                    problems.append(f"{path} is missing")
                continue
            for f in json.load(open(path, encoding="utf-8"))["features"]:
                see(section, f["properties"], path)
        ind = json.load(open(os.path.join(out, "indicators.json"), encoding="utf-8"))
        for row in ind["rows"]:
            see("indicators", row, os.path.join(out, "indicators.json"))
        for row in ind.get("communes", []) + ind.get("qpv_summary", []):
            see("indicators", row, os.path.join(out, "indicators.json") + " (summaries)")
        for name in ("gaps.csv", "summary_communes.csv", "summary_qpv.csv", "indicators.csv"):
            path = os.path.join(out, name)
            with open(path, encoding="utf-8", newline="") as f:
                header = next(csv.reader(f), None)
            if not header:
                problems.append(f"{path} has no header line")

    for (section, field), seen in sorted(types.items()):
        if len(seen) > 1:
            where = "; ".join(f"{t} in {w}" for t, w in seen.items())
            problems.append(f"{section}.{field} changes type: {where}")
    problems = list(dict.fromkeys(problems))  # each problem once, in order
    for p in problems:
        print("data dictionary: " + p, file=sys.stderr)
    print(f"data dictionary: {len(types)} fields checked over {len(sys.argv) - 2} runs, {len(problems)} problem(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
