#!/usr/bin/env python3
"""Recompute, independently of the engine, the residents the demo's top gap serves.

From the INSEE grid CSV, the graph file written by `maillon import`, the QPV layer and the `gaps.geojson` and
`indicators.json` of `maillon analyze --population`, this script applies the model of docs/population.md with its own
code (Python standard library; the cell corners projected by PROJ's command line `cs2cs`, not by maillon):

  1. the extract's reach: the box of the graph's nodes and shapes grown by 150 m;
  2. each cell's residents x the share of its area inside that reach; spread over the residential floor area of
     the buildings whose centroid lies in it (at least 2 m² per resident), else over the walkable ways inside it
     (pieces of at most 25 m, weighted by length), else at the centre of its part (only inside the graph's box);
  3. each point snapped to the nearest walkable segment within 150 m;
  4. a walk of 300 m from the gap's nodes along the ways open to pedestrians; a point is reached through either end
     of its edge (walked distance + along the edge + from the edge), or directly when it lies on the gap;
  5. QPV membership by point-in-polygon (ray casting, holes subtracted).

It prints the figures and exits 1 when the engine's differ by more than the tolerance (1 %: a point at the edge of
the 300 m budget may fall either side of it in float32 versus float64 arithmetic).

Usage: check_demo_residents.py GRAPH.maillon GRID.csv QPV.geojson ANALYZE_DIR
"""

import bisect
import csv
import heapq
import json
import math
import re
import struct
import subprocess
import sys
from collections import defaultdict

R = 6371008.8  # mean Earth radius, as maillon's geo.hpp
DEG = math.pi / 180
SNAP_MAX_M, WALK_M, STEP_M, MIN_FLOOR_PER_RESIDENT = 150.0, 300.0, 25.0, 2.0
FOOT = 2  # access bit of pedestrians in arc_access
TOLERANCE = 0.01


def e7(v):
    return int(math.floor(v * 1e7 + 0.5)) if v >= 0 else -int(math.floor(-v * 1e7 + 0.5))


def deg(c):
    return (c[0] * 1e-7, c[1] * 1e-7)


# --- the graph file (docs/graph-file.md: header, then arrays as a 64-bit count and raw elements) -------------------

def read_graph(path):
    data = open(path, "rb").read()
    assert data[:8] == b"MAILLONG", "not a maillon graph file"
    pos = 32
    out = {}

    def array(fmt, size):
        nonlocal pos
        (n,) = struct.unpack_from("<Q", data, pos)
        pos += 8
        if fmt is None:
            pos += n * size
            return None
        values = list(struct.iter_unpack("<" + fmt, data[pos:pos + n * size]))
        pos += n * size
        return values

    layout = [("node_coord", "ii", 8), ("node_osm_id", "q", 8), ("node_flags", None, 1), ("node_crossing_lts", None, 1),
              ("edge_source", "I", 4), ("edge_target", "I", 4), ("edge_length_m", "f", 4), ("edge_shape_begin", "I", 4),
              ("edge_way_id", None, 8), ("edge_name", None, 4), ("edge_highway", None, 1), ("edge_maxspeed", None, 1),
              ("edge_lanes", None, 1), ("edge_flags", None, 1), ("edge_surface", None, 1), ("edge_regime", None, 1),
              ("arc_access", "B", 1), ("arc_side_facility", None, 1), ("arc_facility", None, 1), ("arc_lts", None, 1),
              ("shape", "ii", 8), ("name_offsets", None, 8), ("name_blob", None, 1), ("osm_timestamp", None, 1),
              ("source_name", None, 1), ("poi_coord", None, 8), ("poi_kind", None, 1), ("poi_name", None, 4),
              ("poi_osm_id", None, 8), ("poi_osm_type", None, 1), ("building_coord", "ii", 8),
              ("building_floor_m2", "f", 4), ("building_residential_pct", "B", 1)]
    for name, fmt, size in layout:
        values = array(fmt, size)
        if values is not None:
            out[name] = [v if len(v) > 1 else v[0] for v in values]
    return out


# --- geometry helpers ------------------------------------------------------------------------------------------------

def segment_length_m(a, b):
    dlat = (b[1] - a[1]) * 1e-7 * DEG
    mid = (a[1] + b[1]) * 0.5e-7 * DEG
    dlon = (b[0] - a[0]) * 1e-7 * DEG * math.cos(mid)
    return R * math.sqrt(dlat * dlat + dlon * dlon)


class Plane:
    """maillon's LocalProjection: x = lon * R * cos(lat0), y = lat * R, degrees to metres."""

    def __init__(self, min_lat, max_lat):
        lat0 = (min_lat + max_lat) / 2
        self.kx = R * DEG * math.cos(lat0 * DEG)
        self.ky = R * DEG

    def xy(self, lon, lat):
        return (lon * self.kx, lat * self.ky)

    def lonlat(self, x, y):
        return (x / self.kx, y / self.ky)


def polygon_area(pts):
    return 0.5 * sum(pts[i][0] * pts[i - 1][1] - pts[i - 1][0] * pts[i][1] for i in range(len(pts)))


def polygon_centroid(pts):
    a = polygon_area(pts)
    cx = cy = 0.0
    for i in range(len(pts)):
        (x0, y0), (x1, y1) = pts[i - 1], pts[i]
        f = x0 * y1 - x1 * y0
        cx += (x0 + x1) * f
        cy += (y0 + y1) * f
    return (cx / (6 * a), cy / (6 * a))


def clip_to_box(pts, x0, y0, x1, y1):
    """Sutherland-Hodgman clipping of a convex polygon by an axis-aligned box."""
    def clip(poly, inside, cut):
        out = []
        for i in range(len(poly)):
            p, q = poly[i - 1], poly[i]
            if inside(q):
                if not inside(p):
                    out.append(cut(p, q))
                out.append(q)
            elif inside(p):
                out.append(cut(p, q))
        return out

    def at_x(x):
        return lambda p, q: (x, p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0]))

    def at_y(y):
        return lambda p, q: (p[0] + (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]), y)

    for inside, cut in ((lambda p: p[0] >= x0, at_x(x0)), (lambda p: p[0] <= x1, at_x(x1)),
                        (lambda p: p[1] >= y0, at_y(y0)), (lambda p: p[1] <= y1, at_y(y1))):
        pts = clip(pts, inside, cut)
        if not pts:
            return []
    return pts


def in_convex(quad, p):
    """Inside or on the boundary of a counter-clockwise convex polygon."""
    for i in range(len(quad)):
        (ax, ay), (bx, by) = quad[i - 1], quad[i]
        if (bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax) < 0:
            return False
    return True


def in_ring(ring, lon, lat):
    inside = False
    for i in range(len(ring)):
        (x0, y0), (x1, y1) = ring[i - 1], ring[i]
        if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def in_polygons(polygons, lon, lat):
    return any(in_ring(p[0], lon, lat) and not any(in_ring(h, lon, lat) for h in p[1:]) for p in polygons)


def main(argv):
    graph_path, grid_path, qpv_path, out_dir = argv[1:5]
    g = read_graph(graph_path)
    nodes, shape = g["node_coord"], g["shape"]
    n_edges = len(g["edge_source"])
    begin = g["edge_shape_begin"]

    # 1. The extract's reach.
    lons = [c[0] * 1e-7 for c in nodes + shape]
    lats = [c[1] * 1e-7 for c in nodes + shape]
    core = (min(lons), min(lats), max(lons), max(lats))
    dlat = SNAP_MAX_M / (R * DEG)
    dlon = dlat / max(0.01, math.cos(max(abs(core[1]), abs(core[3])) * DEG))
    frame = (core[0] - dlon, core[1] - dlat, core[2] + dlon, core[3] + dlat)
    fplane = Plane(frame[1], frame[3])

    # 2. Cells: corners by cs2cs (EPSG:3035 takes "northing easting", EPSG:4326 gives "latitude longitude").
    cells = []
    with open(grid_path, newline="") as f:
        for r in csv.DictReader(f):
            m = re.fullmatch(r"CRS3035RES200mN(\d+)E(\d+)", r["idcar_200m"])
            n, e = int(m.group(1)), int(m.group(2))
            cells.append((e, n, float(r["ind"])))
    corners_in = "".join(f"{n + dn} {e + de}\n" for e, n, _ in cells for de, dn in ((0, 0), (200, 0), (200, 200), (0, 200)))
    res = subprocess.run(["cs2cs", "-f", "%.12f", "EPSG:3035", "EPSG:4326"], input=corners_in, capture_output=True,
                         text=True, check=True)
    ll = [line.split()[:2] for line in res.stdout.splitlines()]
    zones = []  # dicts: residents, quad (plane), box (degrees), fallback, may_fall_back
    read_total = sum(c[2] for c in cells)
    for i, (e, n, ind) in enumerate(cells):
        corners = [(e7(float(ll[4 * i + k][1])), e7(float(ll[4 * i + k][0]))) for k in range(4)]
        lo = [deg(c) for c in corners]
        box = (min(p[0] for p in lo), min(p[1] for p in lo), max(p[0] for p in lo), max(p[1] for p in lo))
        if box[0] > frame[2] or box[2] < frame[0] or box[1] > frame[3] or box[3] < frame[1]:
            continue
        quad = [fplane.xy(*p) for p in lo]
        if box[0] >= frame[0] and box[2] <= frame[2] and box[1] >= frame[1] and box[3] <= frame[3]:
            share, part = 1.0, quad
        else:
            fx0, fy0 = fplane.xy(e7(frame[0]) * 1e-7, e7(frame[1]) * 1e-7)
            fx1, fy1 = fplane.xy(e7(frame[2]) * 1e-7, e7(frame[3]) * 1e-7)
            part = clip_to_box(quad, fx0, fy0, fx1, fy1)
            share = min(1.0, max(0.0, polygon_area(part) / polygon_area(quad))) if part else 0.0
        if share <= 0:
            continue
        cx, cy = polygon_centroid(part)
        fb = fplane.lonlat(cx, cy)
        fb = (e7(fb[0]), e7(fb[1]))
        fbd = deg(fb)
        zones.append({"residents": ind * share, "quad": quad,
                      "box": (max(box[0], frame[0]), max(box[1], frame[1]), min(box[2], frame[2]), min(box[3], frame[3])),
                      "fallback": fb, "may_fall_back": core[0] <= fbd[0] <= core[2] and core[1] <= fbd[1] <= core[3]})

    def contains(z, c):
        lon, lat = deg(c)
        if not (frame[0] <= lon <= frame[2] and frame[1] <= lat <= frame[3]):
            return False
        b = zones[z]["box"]
        return b[0] <= lon <= b[2] and b[1] <= lat <= b[3] and in_convex(zones[z]["quad"], fplane.xy(lon, lat))

    def first_zone(c, candidates):
        for z in candidates:
            if zones[z]["residents"] > 0 and contains(z, c):
                return z
        return None

    # Buildings by residential floor area.
    floor = [0.0] * len(zones)
    assigned = []
    all_zones = range(len(zones))
    for b, c in enumerate(g["building_coord"]):
        f = g["building_floor_m2"][b] * g["building_residential_pct"][b] / 100.0
        if f > 0:
            z = first_zone(c, all_zones)
            if z is not None:
                floor[z] += f
                assigned.append((z, c, f))
    for z in all_zones:
        if 0 < floor[z] < MIN_FLOOR_PER_RESIDENT * zones[z]["residents"]:
            floor[z] = 0.0
    assigned = [a for a in assigned if floor[a[0]] > 0]

    # Walkable ways, in pieces of at most 25 m.
    walkable = [bool((g["arc_access"][2 * e] | g["arc_access"][2 * e + 1]) & FOOT) for e in range(n_edges)]
    need = [z for z in all_zones if zones[z]["residents"] > 0 and floor[z] <= 0]
    samples, length = [], defaultdict(float)
    for e in range(n_edges):
        if not walkable[e] or not need:
            continue
        pts = shape[begin[e]:begin[e + 1]]
        for a, b in zip(pts, pts[1:]):
            seg = segment_length_m(a, b)
            pieces = max(1, math.ceil(seg / STEP_M))
            for k in range(pieces):
                t = (k + 0.5) / pieces
                mid = (e7(a[0] * 1e-7 + t * (b[0] * 1e-7 - a[0] * 1e-7)), e7(a[1] * 1e-7 + t * (b[1] * 1e-7 - a[1] * 1e-7)))
                z = first_zone(mid, need)
                if z is not None:
                    samples.append((z, mid, seg / pieces))
                    length[z] += seg / pieces

    points = []  # (coord e7, residents)
    for z, c, f in assigned:
        points.append((c, zones[z]["residents"] * f / floor[z]))
    for z, c, l in samples:
        points.append((c, zones[z]["residents"] * l / length[z]))
    placed_zones = {z for z, _, _ in assigned} | set(length)
    for z in need:
        if z not in placed_zones and zones[z]["may_fall_back"]:
            points.append((zones[z]["fallback"], zones[z]["residents"]))
    placed = sum(p[1] for p in points)

    # QPV membership.
    layer = json.load(open(qpv_path, encoding="utf-8"))
    qpv = {}
    for feat in layer["features"]:
        props = {k.lower(): v for k, v in feat["properties"].items()}
        geom = feat["geometry"]
        polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        qpv[props.get("code") or props.get("code_qp")] = polys
    in_qpv = []
    for c, _ in points:
        lon, lat = deg(c)
        code = None
        for k, polys in qpv.items():
            if in_polygons(polys, lon, lat):
                code = k
                break
        in_qpv.append(code)

    # 3. Snapping: nearest walkable segment within 150 m, in the plane around the graph's box.
    splane = Plane(core[1], core[3])
    cell_m = 100.0
    grid = defaultdict(list)
    segs = []
    for e in range(n_edges):
        if not walkable[e]:
            continue
        pts = shape[begin[e]:begin[e + 1]]
        along = 0.0
        for a, b in zip(pts, pts[1:]):
            ax, ay = splane.xy(*deg(a))
            bx, by = splane.xy(*deg(b))
            segs.append((e, along, ax, ay, bx, by))
            along = float(struct.unpack("f", struct.pack("f", along + segment_length_m(a, b)))[0])
            for gx in range(int(math.floor(min(ax, bx) / cell_m)), int(math.floor(max(ax, bx) / cell_m)) + 1):
                for gy in range(int(math.floor(min(ay, by) / cell_m)), int(math.floor(max(ay, by) / cell_m)) + 1):
                    grid[(gx, gy)].append(len(segs) - 1)
    lengths, src, dst = g["edge_length_m"], g["edge_source"], g["edge_target"]

    def snap(c):
        px, py = splane.xy(*deg(c))
        gx, gy = int(math.floor(px / cell_m)), int(math.floor(py / cell_m))
        best = None
        for dx in range(-2, 3):
            for dy in range(-2, 3):
                for s in grid.get((gx + dx, gy + dy), ()):
                    e, along, ax, ay, bx, by = segs[s]
                    vx, vy = bx - ax, by - ay
                    l2 = vx * vx + vy * vy
                    t = min(1.0, max(0.0, ((px - ax) * vx + (py - ay) * vy) / l2)) if l2 > 0 else 0.0
                    d = math.hypot(px - (ax + t * vx), py - (ay + t * vy))
                    if best is None or d < best[0]:
                        best = (d, e, min(along + t * math.sqrt(l2), lengths[e]))
        return best if best and best[0] <= SNAP_MAX_M else None

    snapped = [snap(c) for c, _ in points]

    # 4. The top gap: its nodes (the geometry's vertices that are graph nodes) and edges.
    gaps = json.load(open(f"{out_dir}/gaps.geojson", encoding="utf-8"))
    top = next(f for f in gaps["features"] if f["properties"]["rank"] == 1)
    coords = {(e7(x), e7(y)) for x, y in top["geometry"]["coordinates"]}
    index = {tuple(c): i for i, c in enumerate(nodes)}
    gap_nodes = {index[c] for c in coords if c in index}
    osm = g["node_osm_id"]
    assert osm.index(top["properties"]["from_osm_node"]) in gap_nodes and osm.index(top["properties"]["to_osm_node"]) in gap_nodes
    gap_edges = {e for e in range(n_edges) if src[e] in gap_nodes and dst[e] in gap_nodes
                 and all(tuple(c) in coords for c in shape[begin[e]:begin[e + 1]])}
    adjacency = defaultdict(list)
    for e in range(n_edges):
        if g["arc_access"][2 * e] & FOOT:
            adjacency[src[e]].append((dst[e], lengths[e]))
        if g["arc_access"][2 * e + 1] & FOOT:
            adjacency[dst[e]].append((src[e], lengths[e]))
    dist = {n: 0.0 for n in gap_nodes}
    heap = [(0.0, n) for n in gap_nodes]
    while heap:
        d, n = heapq.heappop(heap)
        if d > dist.get(n, math.inf):
            continue
        for m, w in adjacency[n]:
            nd = d + w
            if nd <= WALK_M and nd < dist.get(m, math.inf):
                dist[m] = nd
                heapq.heappush(heap, (nd, m))

    qpv_pop = all_pop = 0.0
    for (c, r), s, code in zip(points, snapped, in_qpv):
        if s is None:
            continue
        d, e, off = s
        reach = min(dist.get(src[e], math.inf) + d + off, dist.get(dst[e], math.inf) + d + (lengths[e] - off))
        if reach <= WALK_M or (e in gap_edges and d <= WALK_M):
            all_pop += r
            qpv_pop += r if code else 0.0

    # 5. The QPV's and the territory's residents within walking reach.
    reachable = defaultdict(float)
    for (c, r), s, code in zip(points, snapped, in_qpv):
        if s is not None:
            reachable["territory"] += r
            if code:
                reachable[code] += r

    indicators = json.load(open(f"{out_dir}/indicators.json", encoding="utf-8"))
    rows = {(r["scope"], r["code"]): r for r in indicators["rows"]}
    run = json.load(open(f"{out_dir}/run.json", encoding="utf-8"))["population"]
    checks = [
        ("residents read", read_total, run["residents_read"]),
        ("residents in the extract's reach", placed, run["residents_in_extract"]),
        (f"QPV residents within 300 m of gap 1 ({top['properties']['street_names']})", qpv_pop, top["properties"]["qpv_pop"]),
        ("all residents within 300 m of gap 1", all_pop, top["properties"]["all_pop"]),
        ("territory residents within walking reach", reachable["territory"], rows[("territory", "")]["residents"]),
    ]
    for code in sorted(k for k in reachable if k != "territory"):
        checks.append((f"residents of {code} within walking reach", reachable[code], rows[("qpv", code)]["residents"]))
    bad = 0
    for what, mine, theirs in checks:
        ok = theirs is not None and abs(mine - theirs) <= max(1.0, TOLERANCE * abs(mine))
        bad += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {what}: recomputed {mine:,.1f}, maillon {theirs}")
    print(f"{len(points)} points ({len(assigned)} on buildings, {len(samples)} along ways), {len(zones)} cells in the reach")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
