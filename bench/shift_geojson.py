#!/usr/bin/env python3
"""Lay a QPV layer (GeoJSON, WGS84) over another region, for benchmarks.

    bench/shift_geojson.py IN.geojson OUT.geojson --to-bbox MINLON,MINLAT,MAXLON,MAXLAT
                           [--copies N] [--code-field NAME] [--stats]

The target bbox is cut into a grid of N cells (N = --copies, default 1) whose
shape follows the layer's own extent. Copy k (k = 1..N, row by row from the
south-west cell) is the whole layer translated in degrees so that its anchor
lands on the centre of cell k; then only the features lying entirely inside
that cell are kept. The anchor is the median of the features' bbox centres,
i.e. the densest part of the layer (for the Île-de-France layer: Paris), so
that a small target (a town) gets the dense core rather than the outskirts.
Cells do not overlap, so polygons of different copies never overlap either.

Shapes are kept in degrees (no reprojection: a layer moved 5 degrees south is
a few per cent wider in metres; fine for a benchmark), as are all properties.
With N > 1 every copy's codes get the suffix "-k" so that they stay distinct;
with N = 1 the codes are unchanged. The code field is detected like maillon
does (code_qp, code_qpv, ..., code; case-insensitive) or given by --code-field.

The output is deterministic: same input and options, same bytes. A summary
goes to stderr; --stats also prints it as one JSON object on stdout:
features_in, layer_area_km2 (the input layer, in place), features and qpv
(kept features, distinct codes), area_km2 (kept), bbox_km2 (target bbox),
share_pct (area_km2 / bbox_km2), copies, grid.
Exit status: 0 on success, 1 on unreadable input or nothing kept, 2 on bad
arguments. Python 3 standard library only.
"""

import argparse
import json
import math
import os
import statistics
import sys

# Same order as maillon's field detection (docs/qpv.md).
CODE_FIELDS = ["code_qp", "code_qpv", "codeqp", "codeqpv", "cod_qp", "qp_code",
               "code_quartier", "qp", "qpv", "code"]
EARTH_RADIUS_M = 6371008.8


def fail(msg, status=1):
    print("shift_geojson: " + msg, file=sys.stderr)
    sys.exit(status)


def parse_bbox(text):
    try:
        parts = [float(v) for v in text.split(",")]
    except ValueError:
        parts = []
    if len(parts) != 4 or not all(math.isfinite(v) for v in parts):
        raise argparse.ArgumentTypeError("expected MINLON,MINLAT,MAXLON,MAXLAT, got %r" % text)
    minlon, minlat, maxlon, maxlat = parts
    if not (-180 <= minlon < maxlon <= 180 and -90 <= minlat < maxlat <= 90):
        raise argparse.ArgumentTypeError("empty or out-of-range bbox %r" % text)
    return parts


def positive_int(text):
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError("expected a positive integer, got %r" % text)
    return value


def positions(coords):
    """Yields every [lon, lat, ...] position of a nested coordinates array."""
    if coords and isinstance(coords[0], (int, float)):
        yield coords
    else:
        for c in coords or []:
            yield from positions(c)


def geometry_positions(geom):
    if not geom:
        return
    if geom.get("type") == "GeometryCollection":
        for g in geom.get("geometries") or []:
            yield from geometry_positions(g)
    else:
        yield from positions(geom.get("coordinates"))


def translate_coords(coords, dx, dy):
    if coords and isinstance(coords[0], (int, float)):
        return [coords[0] + dx, coords[1] + dy] + list(coords[2:])
    return [translate_coords(c, dx, dy) for c in coords]


def translate_geometry(geom, dx, dy):
    out = {k: v for k, v in geom.items() if k != "bbox"}  # a stale bbox is worse than none
    if geom.get("type") == "GeometryCollection":
        out["geometries"] = [translate_geometry(g, dx, dy) for g in geom.get("geometries") or []]
    elif "coordinates" in geom:
        out["coordinates"] = translate_coords(geom["coordinates"], dx, dy)
    return out


def ring_area_m2(ring):
    """Area of a ring on a local equirectangular projection (good to ~0.1 % at QPV scale)."""
    if len(ring) < 4:
        return 0.0
    k = math.cos(math.radians(sum(p[1] for p in ring) / len(ring)))
    twice = 0.0
    for (x1, y1), (x2, y2) in zip(((p[0], p[1]) for p in ring), ((p[0], p[1]) for p in ring[1:])):
        twice += x1 * k * y2 - x2 * k * y1
    return abs(twice) / 2 * (math.pi / 180 * EARTH_RADIUS_M) ** 2


def geometry_area_m2(geom):
    if not geom:
        return 0.0
    kind = geom.get("type")
    if kind == "Polygon":
        polygons = [geom["coordinates"]]
    elif kind == "MultiPolygon":
        polygons = geom["coordinates"]
    elif kind == "GeometryCollection":
        return sum(geometry_area_m2(g) for g in geom.get("geometries") or [])
    else:
        return 0.0
    return sum(ring_area_m2(p[0]) - sum(ring_area_m2(h) for h in p[1:]) for p in polygons if p)


def bbox_area_m2(minlon, minlat, maxlon, maxlat):
    """Exact area of a lon/lat rectangle on the sphere."""
    r = EARTH_RADIUS_M
    return (r * r * math.radians(maxlon - minlon)
            * abs(math.sin(math.radians(maxlat)) - math.sin(math.radians(minlat))))


def feature_bbox(feature):
    pts = list(geometry_positions(feature.get("geometry")))
    if not pts:
        return None
    lons = [p[0] for p in pts]
    lats = [p[1] for p in pts]
    return min(lons), min(lats), max(lons), max(lats)


def detect_code_field(features, wanted):
    names = {}
    for f in features:
        for key in (f.get("properties") or {}):
            names.setdefault(key.lower(), key)
    if wanted:
        if wanted.lower() not in names:
            fail("no feature has the field %r (fields: %s)" % (wanted, ", ".join(sorted(names.values())) or "none"), 2)
        return names[wanted.lower()]
    for candidate in CODE_FIELDS:
        if candidate in names:
            return names[candidate]
    return None


def grid_shape(copies, width, height, layer_w, layer_h):
    """cols x rows >= copies, cells as close as possible to the layer's aspect ratio."""
    if copies == 1:
        return 1, 1
    layer_w = max(layer_w, 1e-9)
    layer_h = max(layer_h, 1e-9)
    cols = round(math.sqrt(copies * (width / layer_w) / (height / layer_h)))
    cols = min(max(cols, 1), copies)
    return cols, math.ceil(copies / cols)


def main():
    parser = argparse.ArgumentParser(
        description="Translate (and replicate on a grid) a QPV GeoJSON layer into a target bbox, for benchmarks.")
    parser.add_argument("input", metavar="IN.geojson")
    parser.add_argument("output", metavar="OUT.geojson")
    parser.add_argument("--to-bbox", required=True, type=parse_bbox, metavar="MINLON,MINLAT,MAXLON,MAXLAT")
    parser.add_argument("--copies", type=positive_int, default=1, metavar="N",
                        help="number of copies laid on a grid over the bbox (default 1); codes get -1..-N")
    parser.add_argument("--code-field", metavar="NAME", help="field holding the QPV code (default: detected)")
    parser.add_argument("--stats", action="store_true", help="print a JSON summary on stdout")
    args = parser.parse_args()

    try:
        with open(args.input, encoding="utf-8") as f:
            layer = json.load(f)
    except (OSError, ValueError) as e:
        fail("cannot read %s: %s" % (args.input, e))
    if not isinstance(layer, dict) or layer.get("type") != "FeatureCollection":
        fail("%s is not a GeoJSON FeatureCollection" % args.input)
    features = [f for f in layer.get("features") or [] if isinstance(f, dict)]
    placed = [(f, feature_bbox(f)) for f in features]
    placed = [(f, b) for f, b in placed if b is not None]
    if not placed:
        fail("%s has no feature with coordinates" % args.input)
    code_field = detect_code_field([f for f, _ in placed], args.code_field)
    if args.copies > 1 and code_field is None:
        fail("no code field found (looked for %s): give --code-field" % ", ".join(CODE_FIELDS), 2)

    anchor_lon = statistics.median((b[0] + b[2]) / 2 for _, b in placed)
    anchor_lat = statistics.median((b[1] + b[3]) / 2 for _, b in placed)
    layer_w = max(b[2] for _, b in placed) - min(b[0] for _, b in placed)
    layer_h = max(b[3] for _, b in placed) - min(b[1] for _, b in placed)

    minlon, minlat, maxlon, maxlat = args.to_bbox
    cols, rows = grid_shape(args.copies, maxlon - minlon, maxlat - minlat, layer_w, layer_h)
    cell_w = (maxlon - minlon) / cols
    cell_h = (maxlat - minlat) / rows

    out_features = []
    area_m2 = 0.0
    codes = set()
    for k in range(args.copies):
        col, row = k % cols, k // cols
        c_minlon, c_minlat = minlon + col * cell_w, minlat + row * cell_h
        c_maxlon, c_maxlat = c_minlon + cell_w, c_minlat + cell_h
        dx = (c_minlon + c_maxlon) / 2 - anchor_lon
        dy = (c_minlat + c_maxlat) / 2 - anchor_lat
        for feature, (b0, b1, b2, b3) in placed:
            if not (c_minlon <= b0 + dx and b2 + dx <= c_maxlon and c_minlat <= b1 + dy and b3 + dy <= c_maxlat):
                continue
            new = {k2: v for k2, v in feature.items() if k2 not in ("geometry", "properties", "bbox")}
            new["type"] = "Feature"
            props = dict(feature.get("properties") or {})
            if args.copies > 1 and props.get(code_field) is not None:
                props[code_field] = "%s-%d" % (props[code_field], k + 1)
            new["properties"] = props
            new["geometry"] = translate_geometry(feature["geometry"], dx, dy)
            if "id" in feature and args.copies > 1:
                new["id"] = "%s-%d" % (feature["id"], k + 1)
            out_features.append(new)
            area_m2 += geometry_area_m2(new["geometry"])
            if code_field is not None and props.get(code_field) is not None:
                codes.add(str(props[code_field]))
    if not out_features:
        fail("no feature fits inside the target bbox (cells of %.4f x %.4f degrees): use a larger bbox or fewer copies"
             % (cell_w, cell_h))

    result = {k: v for k, v in layer.items() if k not in ("features", "bbox")}
    result["type"] = "FeatureCollection"
    result["features"] = out_features
    tmp = args.output + ".tmp"
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(result, f, ensure_ascii=False, separators=(",", ":"))
            f.write("\n")
        os.replace(tmp, args.output)
    except OSError as e:
        fail("cannot write %s: %s" % (args.output, e))

    target_m2 = bbox_area_m2(minlon, minlat, maxlon, maxlat)
    stats = {
        "features_in": len(features),
        "layer_area_km2": round(sum(geometry_area_m2(f.get("geometry")) for f in features) / 1e6, 3),
        "features": len(out_features),
        "qpv": len(codes) if code_field is not None else len(out_features),
        "copies": args.copies,
        "grid": [cols, rows],
        "area_km2": round(area_m2 / 1e6, 3),
        "bbox_km2": round(target_m2 / 1e6, 1),
        "share_pct": round(100 * area_m2 / target_m2, 4),
    }
    print("shift_geojson: %d cop%s on a %dx%d grid, %d features of %d x %d kept, %d QPV, "
          "%.1f km2 = %.3f %% of the target bbox (%.0f km2)"
          % (args.copies, "y" if args.copies == 1 else "ies", cols, rows, len(out_features), args.copies,
             len(features), stats["qpv"], stats["area_km2"], stats["share_pct"], stats["bbox_km2"]),
          file=sys.stderr)
    if args.stats:
        print(json.dumps(stats, sort_keys=True))


if __name__ == "__main__":
    main()
