#!/usr/bin/env python3
"""Compute reference figures for the real-data test extracts, independently of
the maillon engine.

Usage (from anywhere):

    python3 tests/data/reference/make_reference.py            # all known inputs
    python3 tests/data/reference/make_reference.py FILE ...   # only these inputs

Each input FILE (an .osm / .osm.pbf in tests/data/) gives
tests/data/reference/<basename of FILE without .osm/.osm.pbf>.json, e.g.
paris-republique.osm.pbf -> paris-republique.json.

Requirements: python3 (standard library only) and osmium-tool (`osmium` on the
PATH; 1.15 was used).  Every input is converted to OPL text with
`osmium cat FILE -f opl`, which is a lossless line-per-object dump, and parsed
here; no filtering, location lookup or geometry building is delegated to osmium,
so incomplete extracts (ways referencing nodes absent from the file) are
handled explicitly below.

README.md in this directory documents every figure exactly.
"""

import hashlib
import json
import math
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA_DIR = os.path.dirname(HERE)  # tests/data

DEFAULT_INPUTS = [
    "paris-republique.osm.pbf",
    "paris-20e-12e-13e-corridor.osm",
    "monaco-2016.osm.pbf",
    "liechtenstein-2015.osm.pbf",
    "paris-concorde.osm.pbf",
]

# Mean Earth radius (IUGG), metres.
EARTH_RADIUS_M = 6371008.8

# highway values that are listed in "highways" but never "open".
NEVER_OPEN_HIGHWAYS = {"construction", "proposed", "platform", "raceway", "bus_stop"}

# access values that close a way (unless bicycle/foot re-open it).
# Values that close a way to the general public (OSM wiki "Key:access"): a bike or a walker may
# not use it. (agricultural/forestry tracks are common in Liechtenstein.)
CLOSED_ACCESS = {"no", "private", "agricultural", "forestry", "delivery", "military", "emergency", "permit"}
# bicycle/foot values that re-open a way closed by access=no/private.
REOPENING_MODE_VALUES = {"yes", "designated", "permissive"}

# highway values whose open ways form the routing graph
# (motorway, motorway_link and everything else are left out).
GRAPH_HIGHWAYS = {
    "trunk", "trunk_link", "primary", "primary_link", "secondary",
    "secondary_link", "tertiary", "tertiary_link", "unclassified",
    "residential", "living_street", "service", "pedestrian", "track", "road",
    "busway", "cycleway", "footway", "path", "steps", "bridleway", "corridor",
}

ONEWAY_VALUES = {"yes", "1", "-1", "true"}

CYCLEWAY_KEYS = ("cycleway", "cycleway:left", "cycleway:right", "cycleway:both")
CYCLEWAY_NEGATIVE_VALUES = {"no", "none", "separate"}

# Rounding of the output (the tests compare with a tolerance anyway).
KM_DECIMALS = 6     # 1 mm
COORD_DECIMALS = 7  # the OSM coordinate precision


# --------------------------------------------------------------------------
# OPL parsing
# --------------------------------------------------------------------------

_OPL_ESCAPE = re.compile(r"%([0-9a-fA-F]+)%")


def opl_unescape(s):
    """OPL escapes special characters as %<hex code point>%."""
    if "%" not in s:
        return s
    return _OPL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), s)


def parse_tags(field):
    """'k1=v1,k2=v2' (already stripped of its leading 'T') -> dict."""
    tags = {}
    if not field:
        return tags
    for kv in field.split(","):
        # '=' and ',' inside keys/values are escaped, so a plain split is safe.
        k, _, v = kv.partition("=")
        tags[opl_unescape(k)] = opl_unescape(v)
    return tags


def parse_node_refs(field):
    """'n1,n2,n3' (already stripped of its leading 'N') -> [1, 2, 3]."""
    if not field:
        return []
    return [int(r[1:]) for r in field.split(",")]


def read_osm(path):
    """Read one OSM file through `osmium cat -f opl`.

    Returns a dict with
      nodes:   {id: (lon, lat)} for nodes having a valid location
      ways:    [(id, tags, [node ids])]
      counts:  {"nodes", "ways", "relations"} (every object in the file,
               including nodes without a location, if any)
      max_timestamp: the greatest ISO timestamp string, or None
      nodes_without_location: number of nodes with no location
      deleted_objects: number of objects flagged deleted (dD), if any
    """
    out = subprocess.run(
        ["osmium", "cat", path, "-f", "opl"],
        check=True, stdout=subprocess.PIPE,
    ).stdout.decode("utf-8")

    nodes = {}
    ways = []
    counts = {"nodes": 0, "ways": 0, "relations": 0}
    max_ts = None
    nodes_without_location = 0
    deleted = 0

    for line in out.splitlines():
        if not line:
            continue
        fields = line.split(" ")
        kind = fields[0][0]
        oid = int(fields[0][1:])
        ts = None
        tags_field = ""
        x = y = ""
        refs_field = ""
        for f in fields[1:]:
            if not f:
                continue
            c = f[0]
            if c == "t":
                ts = f[1:]
            elif c == "T":
                tags_field = f[1:]
            elif c == "x":
                x = f[1:]
            elif c == "y":
                y = f[1:]
            elif c == "N":
                refs_field = f[1:]
            elif c == "d" and f == "dD":
                deleted += 1
        # ISO 8601 "YYYY-MM-DDTHH:MM:SSZ" strings sort chronologically.
        # An empty "t" field means the object has no timestamp.
        if ts and (max_ts is None or ts > max_ts):
            max_ts = ts

        if kind == "n":
            counts["nodes"] += 1
            if x and y:
                nodes[oid] = (float(x), float(y))
            else:
                nodes_without_location += 1
        elif kind == "w":
            counts["ways"] += 1
            ways.append((oid, parse_tags(tags_field), parse_node_refs(refs_field)))
        elif kind == "r":
            counts["relations"] += 1
        else:
            raise ValueError("unexpected OPL line in %s: %r" % (path, line[:80]))

    return {
        "nodes": nodes,
        "ways": ways,
        "counts": counts,
        "max_timestamp": max_ts,
        "nodes_without_location": nodes_without_location,
        "deleted_objects": deleted,
    }


# --------------------------------------------------------------------------
# Geometry
# --------------------------------------------------------------------------

def haversine_m(a, b):
    """Great-circle distance in metres between (lon, lat) points in degrees."""
    lon1, lat1 = a
    lon2, lat2 = b
    p1 = math.radians(lat1)
    p2 = math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def way_length(refs, nodes):
    """Length in metres of a way, and the number of its segments skipped.

    A segment (pair of consecutive refs) is skipped when either end node is
    missing from the file; the remaining segments are summed.
    """
    total = 0.0
    skipped = 0
    for i in range(len(refs) - 1):
        a = nodes.get(refs[i])
        b = nodes.get(refs[i + 1])
        if a is None or b is None:
            skipped += 1
            continue
        total += haversine_m(a, b)
    return total, skipped


# --------------------------------------------------------------------------
# Tag predicates
# --------------------------------------------------------------------------

def is_highway_way(tags):
    """Ways counted as highways everywhere: a highway tag, and not area=yes."""
    return "highway" in tags and tags.get("area") != "yes"


def is_open(tags):
    """An "open" highway way (tags of a way already known to be a highway)."""
    if tags["highway"] in NEVER_OPEN_HIGHWAYS:
        return False
    bicycle = tags.get("bicycle")
    foot = tags.get("foot")
    if tags.get("access") in CLOSED_ACCESS and not (
        bicycle in REOPENING_MODE_VALUES or foot in REOPENING_MODE_VALUES
    ):
        return False
    if bicycle == "no" and foot == "no":
        return False
    return True


def has_cycleway_tags(tags):
    for k in CYCLEWAY_KEYS:
        v = tags.get(k)
        if v is not None and v not in CYCLEWAY_NEGATIVE_VALUES:
            return True
    return False


# --------------------------------------------------------------------------
# Routing graph (nodes and edges of the open graph ways)
# --------------------------------------------------------------------------

def graph_figures(graph_ways, nodes):
    """graph_ways: list of node-ref lists of the open ways of GRAPH_HIGHWAYS.

    Graph nodes: distinct node ids, present in the file, that are the first
    or last ref of a graph way, or that occur two or more times in total
    among the refs of all graph ways (twice in one way counts too).

    Edges: each way is cut at every graph node and at every missing node;
    the pieces (maximal runs of consecutive present refs, delimited by graph
    nodes) with at least two refs are counted.

    Returns (number of graph nodes, number of edges, number of graph nodes
    that end at least one counted edge).  The last differs from the first
    for graph nodes coming only from degenerate ways: a one-node way, or a
    way of an incomplete extract with a single node present.
    """
    ref_count = {}
    endpoints = set()
    for refs in graph_ways:
        if not refs:
            continue
        endpoints.add(refs[0])
        endpoints.add(refs[-1])
        for r in refs:
            ref_count[r] = ref_count.get(r, 0) + 1

    graph_nodes = {
        r for r, c in ref_count.items()
        if (c >= 2 or r in endpoints) and r in nodes
    }

    edges = 0
    touched = set()  # graph nodes that end at least one counted piece
    for refs in graph_ways:
        run = 0        # number of refs in the current piece
        start = None   # first ref of the current piece
        for r in refs:
            if r not in nodes:
                # A missing node ends the current piece; it belongs to none.
                if run >= 2:
                    edges += 1
                    touched.add(start)
                run = 0
                continue
            if run == 0:
                start = r
            run += 1
            if r in graph_nodes:
                # Close the piece here; the graph node starts the next one.
                if run >= 2:
                    edges += 1
                    touched.add(start)
                    touched.add(r)
                run = 1
                start = r
        # (No piece is left open here: the last ref is either missing, which
        # reset the run, or present and then a graph node, which closed it.)
    with_edges = len(touched & graph_nodes)
    return len(graph_nodes), edges, with_edges


# --------------------------------------------------------------------------
# Per-file figures
# --------------------------------------------------------------------------

def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def compute(path):
    osm = read_osm(path)
    nodes = osm["nodes"]

    highways = {}  # highway value -> figures (metres while accumulating)
    bbox = None    # [minlon, minlat, maxlon, maxlat]
    km_cycleway_tagged = 0.0
    km_with_cycleway_tags = 0.0
    ways_with_cycleway_tags = 0
    oneway_ways = 0
    oneway_bicycle_no_ways = 0
    hw_incomplete_ways = 0
    hw_skipped_segments = 0
    graph_ways = []

    for _wid, tags, refs in osm["ways"]:
        highway = is_highway_way(tags)
        cyc_tags = has_cycleway_tags(tags)
        if not (highway or cyc_tags):
            continue
        length, skipped = way_length(refs, nodes)

        if cyc_tags:
            # Any way with cycleway tags (highway or not).
            km_with_cycleway_tags += length
            ways_with_cycleway_tags += 1
        if not highway:
            continue

        hw = tags["highway"]
        if skipped:
            hw_incomplete_ways += 1
            hw_skipped_segments += skipped

        for r in refs:
            p = nodes.get(r)
            if p is None:
                continue
            if bbox is None:
                bbox = [p[0], p[1], p[0], p[1]]
            else:
                if p[0] < bbox[0]:
                    bbox[0] = p[0]
                if p[1] < bbox[1]:
                    bbox[1] = p[1]
                if p[0] > bbox[2]:
                    bbox[2] = p[0]
                if p[1] > bbox[3]:
                    bbox[3] = p[1]

        fig = highways.setdefault(
            hw, {"ways_all": 0, "km_all": 0.0, "ways_open": 0, "km_open": 0.0})
        fig["ways_all"] += 1
        fig["km_all"] += length
        is_open_way = is_open(tags)
        if is_open_way:
            fig["ways_open"] += 1
            fig["km_open"] += length
            if hw in GRAPH_HIGHWAYS:
                graph_ways.append(refs)

        if hw == "cycleway":
            km_cycleway_tagged += length
        if tags.get("oneway") in ONEWAY_VALUES:
            oneway_ways += 1
        if tags.get("oneway:bicycle") == "no":
            oneway_bicycle_no_ways += 1

    graph_nodes, graph_edges, graph_nodes_with_edges = graph_figures(
        graph_ways, nodes)

    for fig in highways.values():
        fig["km_all"] = round(fig["km_all"] / 1000.0, KM_DECIMALS)
        fig["km_open"] = round(fig["km_open"] / 1000.0, KM_DECIMALS)

    return {
        "file": os.path.basename(path),
        "file_sha256": sha256_of(path),
        "nodes": osm["counts"]["nodes"],
        "ways": osm["counts"]["ways"],
        "relations": osm["counts"]["relations"],
        "max_timestamp": osm["max_timestamp"],
        "header_replication_timestamp": header_replication_timestamp(path),
        "nodes_without_location": osm["nodes_without_location"],
        "deleted_objects": osm["deleted_objects"],
        "bbox_of_highway_nodes":
            None if bbox is None else [round(c, COORD_DECIMALS) for c in bbox],
        "highways": highways,
        "highway_ways": sum(f["ways_all"] for f in highways.values()),
        "highway_ways_with_missing_nodes": hw_incomplete_ways,
        "highway_segments_skipped_missing_node": hw_skipped_segments,
        "km_cycleway_tagged": round(km_cycleway_tagged / 1000.0, KM_DECIMALS),
        "km_with_cycleway_tags": round(km_with_cycleway_tags / 1000.0, KM_DECIMALS),
        "ways_with_cycleway_tags": ways_with_cycleway_tags,
        "oneway_ways": oneway_ways,
        "oneway_bicycle_no_ways": oneway_bicycle_no_ways,
        "graph_ways_open": len(graph_ways),
        "graph_nodes_open": graph_nodes,
        "graph_edges_open": graph_edges,
        "graph_nodes_open_with_edges": graph_nodes_with_edges,
    }


def header_replication_timestamp(path):
    """The file header's osmosis_replication_timestamp option (Geofabrik and osmconvert write it), or None."""
    out = subprocess.run(
        ["osmium", "fileinfo", "-g", "header.option.osmosis_replication_timestamp", path],
        check=True, stdout=subprocess.PIPE, text=True).stdout.strip()
    return out or None


def stem(path):
    """paris-republique.osm.pbf -> paris-republique (output file name)."""
    name = os.path.basename(path)
    for suffix in (".osm.pbf", ".osm.bz2", ".osm.gz", ".osm", ".pbf", ".opl"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def main(argv):
    inputs = argv[1:] or [os.path.join(DATA_DIR, f) for f in DEFAULT_INPUTS]
    for path in inputs:
        result = compute(path)
        out = os.path.join(HERE, stem(path) + ".json")
        with open(out, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=2, sort_keys=True, ensure_ascii=False)
            f.write("\n")
        print("%s: %d highway ways, graph %d nodes / %d edges -> %s" % (
            result["file"], result["highway_ways"], result["graph_nodes_open"],
            result["graph_edges_open"], os.path.relpath(out)))


if __name__ == "__main__":
    main(sys.argv)
