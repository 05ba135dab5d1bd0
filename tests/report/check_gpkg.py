#!/usr/bin/env python3
"""results.gpkg of an analyze directory checked with GDAL's own tools (ogrinfo, ogr2ogr) against
the GeoJSON files written beside it: layers, feature counts, fields and values, the French field
names (gpkg_data_columns) and the QGIS styles (layer_styles). Standard library only.

    check_gpkg.py ANALYZE_DIR

Prints one line per check; exit 1 at the first failure."""

import json
import subprocess
import sys
import xml.etree.ElementTree as ET

d = sys.argv[1]
gpkg = f"{d}/results.gpkg"
checks = 0


def fail(msg):
    print(f"not ok - {msg}")
    sys.exit(1)


def ok(msg):
    global checks
    checks += 1
    print(f"ok {checks} - {msg}")


def run(*args):
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode != 0:
        fail(f"{' '.join(args)} failed: {p.stderr.strip()}")
    return p.stdout


def layer(name):
    return json.loads(run("ogr2ogr", "-f", "GeoJSON", "/vsistdout/", gpkg, name))["features"]


def sql(statement):
    return json.loads(run("ogr2ogr", "-f", "GeoJSON", "/vsistdout/", gpkg, "-sql", statement))["features"]


def same(a, b):
    """A GeoJSON value against the GeoPackage's: lists are joined with '; ', numbers compared closely."""
    if isinstance(a, list):
        return b == "; ".join(x if isinstance(x, str) else json.dumps(x) for x in a) or (not a and b in ("", None))
    if isinstance(a, bool) or isinstance(b, bool):
        return bool(a) == bool(b) and a is not None and b is not None
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-9 * max(1, abs(a))
    return a == b


def compare(name, geojson_features, gpkg_features, key=None):
    if len(geojson_features) != len(gpkg_features):
        fail(f"{name}: {len(gpkg_features)} features in the GeoPackage, {len(geojson_features)} in the GeoJSON")
    for i, (a, b) in enumerate(zip(geojson_features, gpkg_features)):
        pa, pb = a["properties"], b["properties"]
        missing = set(pa) - set(pb)
        if missing:
            fail(f"{name}: fields {sorted(missing)} missing from the GeoPackage")
        for k, v in pa.items():
            if not same(v, pb[k]):
                fail(f"{name} feature {i}: {k} is {pb[k]!r} in the GeoPackage, {v!r} in the GeoJSON")
        ga, gb = a["geometry"], b["geometry"]
        if ga["type"] != gb["type"] or not close(ga["coordinates"], gb["coordinates"]):
            fail(f"{name} feature {i}: geometries differ")
    ok(f"{name}: {len(gpkg_features)} features, every field and geometry as in the GeoJSON")


def close(a, b):
    if isinstance(a, (int, float)):
        return abs(a - b) < 1e-7
    return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b))


listing = run("ogrinfo", "-ro", "-q", gpkg)
names = [line.split(": ", 1)[1].split(" (")[0] for line in listing.splitlines() if ": " in line]
stations = None
try:
    stations = json.load(open(f"{d}/stations.geojson", encoding="utf-8"))
except FileNotFoundError:
    pass
# The network first: it is written while the analysis runs (outputs/src/geopackage.cpp); QGIS
# adds the layers in this order, so the network lies under the gaps.
want = ["network", "gaps", "candidates"] + (["stations"] if stations else []) + ["qpv", "layer_styles"]
if names != want:
    fail(f"layers {names}, expected {want}")
ok(f"layers {', '.join(names)}")

gaps = json.load(open(f"{d}/gaps.geojson", encoding="utf-8"))["features"]
compare("gaps", gaps, layer("gaps"))
compare("candidates", json.load(open(f"{d}/candidates.geojson", encoding="utf-8"))["features"], layer("candidates"))
if stations:
    compare("stations", stations["features"], layer("stations"))

indicators = json.load(open(f"{d}/indicators.json", encoding="utf-8"))
rows = {r["code"]: r for r in indicators["rows"] if r["scope"] == "qpv"}
qpv = layer("qpv")
if sorted(f["properties"]["code"] for f in qpv) != sorted(rows):
    fail(f"qpv: codes {[f['properties']['code'] for f in qpv]}, indicators.json has {sorted(rows)}")
for f in qpv:
    row = rows[f["properties"]["code"]]
    for k, v in row.items():
        if not same(v, f["properties"].get(k)):
            fail(f"qpv {row['code']}: {k} is {f['properties'].get(k)!r}, indicators.json says {v!r}")
    if f["geometry"]["type"] != "MultiPolygon":
        fail(f"qpv {row['code']}: a {f['geometry']['type']}")
ok(f"qpv: {len(qpv)} MultiPolygons with their indicators.json rows")

# A field has one type in every run: numbers that are null here (diff_points_* of a partial QPV, a
# population not declared) are still Real, never the text type OGR would give a column of nulls.
schema = run("ogrinfo", "-ro", "-so", gpkg, "qpv")
types = dict(line.split(": ", 1) for line in schema.splitlines() if ": " in line and "(" in line)
numeric = ["residents", "residents_declared", "residents_outside_area", "qpv_covered_share", "diff_points_near_network",
           "diff_points_near_low_stress", "share_near_network", "area_ha"]
wrong = [f"{k}: {types.get(k)}" for k in numeric if not (types.get(k, "").startswith("Real") or types.get(k, "").startswith("Integer"))]
if wrong:
    fail(f"qpv: numeric fields not typed as numbers: {wrong}")
ok("qpv: numeric fields (null or not in this run) typed Real/Integer")

run_json = json.load(open(f"{d}/run.json", encoding="utf-8"))
network = layer("network")
km = sum(f["properties"]["length_m"] for f in network) / 1000
if abs(km - run_json["counts"]["network_km"]) > 0.001 * run_json["counts"]["network_km"] + 0.01:
    fail(f"network: {km:.3f} km of edges, run.json says {run_json['counts']['network_km']:.3f} km")
facilities = {f["properties"]["facility_key"] for f in network}
if "" in facilities or None in facilities:
    fail("network: an edge without facility")
ok(f"network: {len(network)} stretches of ways, {km:.2f} km as run.json counts it, facilities {', '.join(sorted(facilities))}")

aliases = {(f["properties"]["table_name"], f["properties"]["column_name"]): f["properties"]["name"]
           for f in sql("SELECT table_name, column_name, name FROM gpkg_data_columns")}
for (table, column), name in [(("gaps", "rank"), "Rang"), (("gaps", "qpv_pop"), "Habitants QPV à 300 m"),
                              (("network", "facility_key"), "Aménagement (clé)"), (("qpv", "share_near_network"), "Part à 300 m du réseau cyclable")]:
    if aliases.get((table, column)) != name:
        fail(f"gpkg_data_columns: {table}.{column} is named {aliases.get((table, column))!r}, expected {name!r}")
ok(f"gpkg_data_columns: {len(aliases)} French field names")

styles = {f["properties"]["f_table_name"]: f["properties"] for f in sql("SELECT * FROM layer_styles")}
if sorted(styles) != sorted(n for n in want if n != "layer_styles"):
    fail(f"layer_styles: styles for {sorted(styles)}")
for table, s in styles.items():
    if not s["useAsDefault"] or s["f_geometry_column"] != "geom":
        fail(f"layer_styles: {table} is not the default style of its geometry column")
    qml = ET.fromstring(s["styleQML"].split("\n", 1)[1])
    renderer = qml.find("renderer-v2")
    if table == "gaps":
        filters = [r.get("filter") for r in renderer.iter("rule")]
        if renderer.get("type") != "RuleRenderer" or '"rank" <= 10' not in filters or '"rank" IS NULL' not in filters:
            fail(f"layer_styles: gaps not styled by rank ({filters})")
    if table == "network":
        values = {c.get("value") for c in renderer.iter("category")}
        if renderer.get("attr") != "facility_key" or not facilities <= values:
            fail(f"layer_styles: network facilities {sorted(facilities - values)} have no colour")
ok(f"layer_styles: QGIS default styles for {', '.join(sorted(styles))} (gaps by rank, network by facility)")
print(f"check_gpkg: {checks} passed")
