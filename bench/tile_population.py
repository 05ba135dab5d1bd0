#!/usr/bin/env python3
"""Make an INSEE-style 200 m population grid for a benchmark graph, at the density of Île-de-France.

The real Filosofi 2021 cells of central Paris (tests/data) are tiled over the graph: the N cells of the 200 m
EPSG:3035 grid that hold the most buildings of the graph file (where people would live) get the real `ind`
values in turn (cell k of the region takes real value k mod 309), scaled so that they add up to the wanted total.
Defaults: 60,000 cells and 12,000,000 residents, Île-de-France's (INSEE: 12.3 M residents in about 60,000
inhabited 200 m cells). Building centroids are projected with PROJ's `cs2cs` (proj-bin).

Usage: tile_population.py GRAPH.maillon REAL_GRID.csv OUT.csv [--cells 60000] [--residents 12000000]
Prints a JSON summary (cells, residents, buildings in the cells) on stdout.
"""

import argparse
import csv
import json
import math
import os
import struct
import subprocess
import sys
from collections import Counter


def building_coords(path):
    """The building centroids of a maillon graph file (docs/graph-file.md), as (lon, lat)."""
    data = open(path, "rb").read()
    if data[:8] != b"MAILLONG":
        sys.exit(f"{path} is not a maillon graph file")
    pos = 32
    sizes = [8, 8, 1, 1, 4, 4, 4, 4, 8, 4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 8, 8, 1, 1, 1, 8, 1, 4, 8, 1]
    for size in sizes:  # every array before building_coord
        (n,) = struct.unpack_from("<Q", data, pos)
        pos += 8 + n * size
    (n,) = struct.unpack_from("<Q", data, pos)
    pos += 8
    return [(x * 1e-7, y * 1e-7) for x, y in struct.iter_unpack("<ii", data[pos:pos + 8 * n])]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("graph")
    ap.add_argument("real_grid")
    ap.add_argument("out")
    ap.add_argument("--cells", type=int, default=60000)
    ap.add_argument("--residents", type=float, default=12e6)
    a = ap.parse_args()
    real = [float(r["ind"]) for r in csv.DictReader(open(a.real_grid, newline=""))]
    coords = building_coords(a.graph)
    if not coords:
        sys.exit(f"{a.graph} has no building")
    # cs2cs: EPSG:4326 takes "latitude longitude", EPSG:3035 gives "northing easting".
    p = subprocess.run(["cs2cs", "-f", "%.1f", "EPSG:4326", "EPSG:3035"], input="".join(f"{lat} {lon}\n" for lon, lat in coords),
                       capture_output=True, text=True, check=True)
    count = Counter()
    for line in p.stdout.splitlines():
        n, e = line.split()[:2]
        if n != "*":
            count[(int(float(e) // 200) * 200, int(float(n) // 200) * 200)] += 1
    chosen = sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))[: a.cells]
    values = [real[k % len(real)] for k in range(len(chosen))]
    scale = a.residents / sum(values)
    tmp = a.out + ".tmp"
    with open(tmp, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["idcar_200m", "ind"])
        for ((e, n), _), v in zip(chosen, values):
            w.writerow([f"CRS3035RES200mN{n}E{e}", f"{v * scale:.1f}"])
    os.replace(tmp, a.out)
    print(json.dumps({"cells": len(chosen), "residents": round(sum(values) * scale), "buildings": len(coords),
                      "buildings_in_cells": sum(c for _, c in chosen), "cells_with_buildings": len(count)}))


if __name__ == "__main__":
    main()
