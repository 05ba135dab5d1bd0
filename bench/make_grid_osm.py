#!/usr/bin/env python3
"""A connected street grid of Île-de-France size as OSM XML, for the server benchmark.

Usage: make_grid_osm.py OUT.osm [--size N] [--seed S]

The tiled extracts of import-bench.sh are many small disconnected copies: no route there is longer
than a tile. This grid is one network, N x N intersections 80 m apart (default 1000: 1 M nodes,
80 km across, about Paris and its inner suburbs), positions jittered by up to 12 m so that streets
are not straight lines, about 8 % of the blocks missing. Every 10th street is a secondary road at
50 km/h (every other one with cycle lanes), every 7th a cycleway, the rest residential at 30 km/h;
a few residential streets are one-way. Node ids are row-major. Standard library only; convert with
`osmium cat OUT.osm -o OUT.osm.pbf` for a faster import. Deterministic for a seed.
"""
import argparse
import random
import sys


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out")
    p.add_argument("--size", type=int, default=1000)
    p.add_argument("--seed", type=int, default=5)
    a = p.parse_args()
    if a.size < 2 or a.size > 3000:
        p.error("--size must be from 2 to 3000")
    n, rng = a.size, random.Random(a.seed)
    dlat, dlon = 80 / 111320.0, 80 / 73750.0  # 80 m at latitude 48.5
    jitter_lat, jitter_lon = 12 / 111320.0, 12 / 73750.0

    def node_id(x, y):
        return y * n + x + 1

    def street_tags(index, vertical):
        if index % 10 == 0:
            tags = {"highway": "secondary", "maxspeed": "50", "name": "Avenue %d" % index}
            if index % 20 == 0:
                tags["cycleway:both"] = "lane"
            return tags
        if index % 7 == 0:
            return {"highway": "cycleway", "name": "Coulee %d" % index}
        tags = {"highway": "residential", "maxspeed": "30", "name": "Rue %s%d" % ("V" if vertical else "H", index)}
        if index % 13 == 0:
            tags["oneway"] = "yes"
        return tags

    way_id = 0
    with open(a.out, "w", encoding="utf-8") as out:
        out.write("<?xml version='1.0' encoding='UTF-8'?>\n<osm version='0.6' generator='maillon make_grid_osm.py'>\n")
        for y in range(n):
            for x in range(n):
                lat = 48.5 + y * dlat + rng.uniform(-jitter_lat, jitter_lat)
                lon = 2.0 + x * dlon + rng.uniform(-jitter_lon, jitter_lon)
                out.write("<node id='%d' lat='%.7f' lon='%.7f'/>\n" % (node_id(x, y), lat, lon))
        for vertical in (False, True):
            for i in range(n):
                tags = street_tags(i, vertical)
                run = []
                for j in range(n):
                    run.append(node_id(i, j) if vertical else node_id(j, i))
                    # A missing block (not on the main roads) ends the way here.
                    if j + 1 < n and tags["highway"] != "secondary" and rng.random() < 0.08:
                        if len(run) >= 2:
                            way_id += 1
                            write_way(out, way_id, run, tags)
                        run = []
                if len(run) >= 2:
                    way_id += 1
                    write_way(out, way_id, run, tags)
        out.write("</osm>\n")
    print("make_grid_osm: %d nodes, %d ways in %s" % (n * n, way_id, a.out), file=sys.stderr)
    return 0


def write_way(out, way_id, refs, tags):
    out.write("<way id='%d'>" % way_id)
    out.write("".join("<nd ref='%d'/>" % r for r in refs))
    out.write("".join("<tag k='%s' v='%s'/>" % kv for kv in tags.items()))
    out.write("</way>\n")


if __name__ == "__main__":
    sys.exit(main())
