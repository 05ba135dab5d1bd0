#!/usr/bin/env python3
"""Recall of maillon's missing-link detection against a reference set (issue 8, docs/gaps.md "Validity").

    bench/validity.py REFERENCE.geojson GAPS.geojson [--within 20] [--share 0.5] [--json] [--verbose]

A reference link counts as found when at least `share` (50 %) of its length lies within `within` (20 m) of one
detected item of the main list that is not a data issue (class != "data", rank not null). Reference links of kind
"data_issue" are scored separately: found when the same holds for an item of class "data" (anywhere in the file).
Prints recall, list size, the class mix of the list and the missed links; --json prints the same as one JSON object.

Standard library only (CI runs it): the distance is computed in a local equirectangular projection (metres), exact
enough at 20 m, with a uniform grid over the detected segments.
"""
import argparse
import collections
import json
import math
import sys

EARTH_M = 6371008.8


def fail(message):
    print(f"validity: {message}", file=sys.stderr)
    sys.exit(1)


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        fail(f"cannot read {path}: {e}")
    if doc.get("type") != "FeatureCollection":
        fail(f"{path} is not a GeoJSON FeatureCollection")
    return doc["features"]


def lines_of(geometry):
    if not geometry:
        return []
    if geometry["type"] == "LineString":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiLineString":
        return geometry["coordinates"]
    return []


class Projection:
    def __init__(self, lat0):
        self.kx = math.radians(1) * EARTH_M * math.cos(math.radians(lat0))
        self.ky = math.radians(1) * EARTH_M

    def __call__(self, lon, lat):
        return (lon * self.kx, lat * self.ky)


class SegmentGrid:
    """Segments of the detected items in cells of `cell` metres, for near-neighbour queries."""

    def __init__(self, cell):
        self.cell = cell
        self.cells = collections.defaultdict(list)

    def add(self, item, a, b):
        c = self.cell
        for cx in range(int(math.floor(min(a[0], b[0]) / c)), int(math.floor(max(a[0], b[0]) / c)) + 1):
            for cy in range(int(math.floor(min(a[1], b[1]) / c)), int(math.floor(max(a[1], b[1]) / c)) + 1):
                self.cells[(cx, cy)].append((item, a, b))

    def items_within(self, p, radius):
        c = self.cell
        found = set()
        cx, cy = int(math.floor(p[0] / c)), int(math.floor(p[1] / c))
        reach = int(math.ceil(radius / c))
        for dx in range(-reach, reach + 1):
            for dy in range(-reach, reach + 1):
                for item, a, b in self.cells.get((cx + dx, cy + dy), ()):
                    if item not in found and point_segment_m(p, a, b) <= radius:
                        found.add(item)
        return found


def grid_of(features, proj):
    """The segments of the features' lines in a grid, each tagged with its feature's index."""
    grid = SegmentGrid(50.0)
    for i, f in enumerate(features):
        for line in lines_of(f.get("geometry")):
            pts = [proj(*c[:2]) for c in line]
            for a, b in zip(pts, pts[1:]):
                grid.add(i, a, b)
    return grid


def point_segment_m(p, a, b):
    ax, ay = b[0] - a[0], b[1] - a[1]
    n = ax * ax + ay * ay
    t = 0.0 if n == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * ax + (p[1] - a[1]) * ay) / n))
    return math.hypot(p[0] - a[0] - t * ax, p[1] - a[1] - t * ay)


def samples(line, step):
    """Points every `step` metres along a projected polyline, each standing for its share of the length."""
    out = []
    for a, b in zip(line, line[1:]):
        length = math.hypot(b[0] - a[0], b[1] - a[1])
        k = max(1, int(math.ceil(length / step)))
        for i in range(k):
            t = (i + 0.5) / k
            out.append(((a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])), length / k))
    return out


def best_share(reference_lines, grid, radius):
    """The largest share of the reference's length within `radius` of one detected item, and that item."""
    per_item = collections.Counter()
    total = 0.0
    for line in reference_lines:
        for p, w in samples(line, 2.0):
            total += w
            for item in grid.items_within(p, radius):
                per_item[item] += w
    if total == 0 or not per_item:
        return 0.0, None
    item, metres = per_item.most_common(1)[0]
    return metres / total, item


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reference")
    ap.add_argument("gaps")
    ap.add_argument("--within", type=float, default=20.0, help="metres (default 20)")
    ap.add_argument("--share", type=float, default=0.5, help="share of the reference length (default 0.5)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--verbose", action="store_true", help="list every reference link with its best match")
    ap.add_argument("--candidates", help="candidates.geojson of the same run: say where each missed link went")
    args = ap.parse_args()

    reference = load(args.reference)
    gaps = load(args.gaps)
    all_coords = [c for f in reference + gaps for line in lines_of(f.get("geometry")) for c in line]
    if not all_coords:
        fail("no line geometry in the reference or the gaps")
    proj = Projection(sum(c[1] for c in all_coords) / len(all_coords))

    listed = [f for f in gaps if f["properties"].get("class") != "data" and f["properties"].get("rank") is not None]
    data_items = [f for f in gaps if f["properties"].get("class") == "data"]
    grids = {"listed": grid_of(listed, proj), "data": grid_of(data_items, proj)}

    rows = []
    for f in reference:
        props = f["properties"]
        kind = props.get("kind", "missing_link")
        lines = [[proj(*c[:2]) for c in line] for line in lines_of(f.get("geometry"))]
        share, item = best_share(lines, grids["data" if kind == "data_issue" else "listed"], args.within)
        match = (data_items if kind == "data_issue" else listed)[item]["properties"] if item is not None else None
        rows.append({"id": props.get("id"), "kind": kind, "class": props.get("class"), "share": round(share, 3),
                     "found": share >= args.share,
                     "match_rank": match.get("rank") if match else None,
                     "match_class": match.get("class") if match else None,
                     "reason": props.get("reason", "")})

    if args.candidates:
        secondary = load(args.candidates)
        grid = grid_of(secondary, proj)
        for f, r in zip(reference, rows):
            if r["found"]:
                continue
            lines = [[proj(*c[:2]) for c in line] for line in lines_of(f.get("geometry"))]
            share, item = best_share(lines, grid, args.within)
            if item is not None:
                p = secondary[item]["properties"]
                r["secondary"] = f"{p.get('status')} {p.get('class')} share {share:.2f} benefit {p.get('benefit')}"

    links = [r for r in rows if r["kind"] != "data_issue"]
    issues = [r for r in rows if r["kind"] == "data_issue"]
    found = sum(r["found"] for r in links)
    result = {
        "reference": args.reference,
        "reference_links": len(links),
        "found": found,
        "recall": round(found / len(links), 3) if links else None,
        "reference_data_issues": len(issues),
        "data_issues_found": sum(r["found"] for r in issues),
        "list_size": len(listed),
        "list_to_reference": round(len(listed) / len(links), 2) if links else None,
        "class_mix": dict(collections.Counter(f["properties"].get("class") for f in listed).most_common()),
        "data_items": len(data_items),
        "missed": [r for r in links if not r["found"]],
    }
    if args.verbose:
        result["links"] = rows
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    print(f"{args.reference}: recall {result['recall']} ({found}/{len(links)}), list {len(listed)} items "
          f"({result['list_to_reference']}x the reference), data issues found {result['data_issues_found']}/{len(issues)}")
    print("  class mix: " + ", ".join(f"{k} {v}" for k, v in result["class_mix"].items()))
    for r in (rows if args.verbose else result["missed"]):
        status = "found " if r["found"] else "MISSED"
        where = f" [secondary: {r['secondary']}]" if r.get("secondary") else ""
        print(f"  {status} {r['id']} ({r['kind']}, {r['class']}): best share {r['share']}"
              f" (rank {r['match_rank']}, {r['match_class']}){where} {r['reason'][:100]}")


if __name__ == "__main__":
    main()
