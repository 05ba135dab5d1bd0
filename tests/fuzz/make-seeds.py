#!/usr/bin/env python3
"""Seed corpora of the fuzz targets, from tests/data (standard library only).

Usage: make-seeds.py DATA_DIR OUT_DIR [TARGET...]
Writes OUT_DIR/<target>/<name> for each target: small cuts of the real files (fast to run, so
libFuzzer mutates them often) and, where they are small enough, the files themselves. The PBF
seeds need osmium (osmium-tool) to convert the XML cuts; without it only the committed PBF files
are used.
"""
import gzip
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET


def write(out, target, name, data):
    os.makedirs(os.path.join(out, target), exist_ok=True)
    with open(os.path.join(out, target, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def osm_cut(path, ways):
    """The first `ways` ways of an OSM XML file with the nodes they use, well-formed."""
    root = ET.parse(path).getroot()
    kept = [w for w in root.findall("way")][:ways]
    refs = {nd.get("ref") for w in kept for nd in w.findall("nd")}
    out = ET.Element("osm", {"version": "0.6", "generator": "maillon-fuzz-seeds"})
    for n in root.findall("node"):
        if n.get("id") in refs:
            out.append(n)
    out.extend(kept)
    for e in out:  # metadata the importer does not read: smaller seeds, faster runs
        for attr in ("timestamp", "uid", "user", "visible", "version", "changeset"):
            e.attrib.pop(attr, None)
    return ET.tostring(out, encoding="utf-8", xml_declaration=True)


def osm_seeds(data, out):
    corridor = os.path.join(data, "paris-20e-12e-13e-corridor.osm")
    cuts = {"cut-3.osm": osm_cut(corridor, 3), "cut-20.osm": osm_cut(corridor, 20), "cut-120.osm": osm_cut(corridor, 120)}
    for name, xml in cuts.items():
        write(out, "fuzz_osm_xml", name, xml)
    # A relation (a commune boundary) and tags of the stress rules, written out.
    write(out, "fuzz_osm_xml", "relation.osm", """<?xml version='1.0' encoding='UTF-8'?>
<osm version='0.6'>
  <node id='1' lat='48.85' lon='2.35'/><node id='2' lat='48.851' lon='2.35'/><node id='3' lat='48.851' lon='2.351'/>
  <way id='10'><nd ref='1'/><nd ref='2'/><nd ref='3'/><nd ref='1'/><tag k='highway' v='residential'/>
    <tag k='cycleway:right' v='lane'/><tag k='maxspeed' v='FR:zone30'/><tag k='oneway' v='yes'/></way>
  <relation id='100'><member type='way' ref='10' role='outer'/><tag k='boundary' v='administrative'/>
    <tag k='admin_level' v='8'/><tag k='name' v='Paris'/><tag k='ref:INSEE' v='75056'/></relation>
</osm>
""")
    write(out, "fuzz_osm_pbf", "paris-concorde.osm.pbf", open(os.path.join(data, "paris-concorde.osm.pbf"), "rb").read())
    write(out, "fuzz_osm_pbf", "paris-republique.osm.pbf", open(os.path.join(data, "paris-republique.osm.pbf"), "rb").read())
    if shutil.which("osmium"):
        for name in cuts:
            src = os.path.join(out, "fuzz_osm_xml", name)
            dst = os.path.join(out, "fuzz_osm_pbf", name + ".pbf")
            subprocess.run(["osmium", "cat", "-O", "-o", dst, "-f", "pbf", src], check=True, stderr=subprocess.DEVNULL)


def qpv_seeds(data, out):
    layer = json.load(open(os.path.join(data, "qpv2024-idf-simplified.geojson"), encoding="utf-8"))
    features = layer["features"]
    for n in (1, 3, 12):
        cut = dict(layer, features=features[:n])
        write(out, "fuzz_qpv", "qpv2024-%d.geojson" % n, json.dumps(cut, ensure_ascii=False))
    old = json.load(open(os.path.join(data, "qpv2015-idf.geojson"), encoding="utf-8"))
    write(out, "fuzz_qpv", "qpv2015-2.geojson", json.dumps(dict(old, features=old["features"][:2]), ensure_ascii=False))
    square = [[2.35, 48.85], [2.36, 48.85], [2.36, 48.86], [2.35, 48.86], [2.35, 48.85]]
    write(out, "fuzz_qpv", "multipolygon.geojson", json.dumps({
        "type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
        "features": [{"type": "Feature", "properties": {"code_qp": "QN07501M", "lib_qp": "A", "lib_com": "Paris", "pop": 1200},
                      "geometry": {"type": "MultiPolygon", "coordinates": [[square], [[[2.4, 48.9], [2.41, 48.9], [2.41, 48.91], [2.4, 48.9]]]]}}]}))


def gbfs_seeds(data, out):
    info = json.load(open(os.path.join(data, "station_information_2025-10-18.json"), encoding="utf-8"))
    status = json.load(open(os.path.join(data, "station_status_2025-10-18.json"), encoding="utf-8"))
    for n in (1, 4):
        i = dict(info, data={"stations": info["data"]["stations"][:n]})
        s = dict(status, data={"stations": status["data"]["stations"][:n]})
        write(out, "fuzz_gbfs", "info-%d" % n, json.dumps(i, ensure_ascii=False))
        write(out, "fuzz_gbfs", "info-status-%d" % n, json.dumps(i, ensure_ascii=False) + "\0" + json.dumps(s, ensure_ascii=False))


def planned_seeds(data, out):
    csv = open(os.path.join(data, "demo-planned-stations.csv"), "rb").read()
    write(out, "fuzz_planned_stations", "demo.csv", b"\x00" + csv)
    write(out, "fuzz_planned_stations", "semicolon.csv", b"\x00" + csv.replace(b",", b";").replace(b".", b","))
    rows = [line.split(",") for line in csv.decode("utf-8").splitlines()[1:]]
    features = [{"type": "Feature", "properties": {"id": r[0], "name": r[1], "capacity": int(r[4])},
                 "geometry": {"type": "Point", "coordinates": [float(r[3]), float(r[2])]}} for r in rows]
    write(out, "fuzz_planned_stations", "demo.geojson",
          b"\x01" + json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode("utf-8"))


def profile_seeds(data, out):
    full = {"network": {"facilities": ["piste", "bande", "voie_verte"], "low_stress_streets_max_lts": 0},
            "gaps": {"max_gap_m": 600, "detour_factor": 1.5, "decluster_m": 100, "junction_m": 15},
            "coverage": {"walk_m": 300, "point_spacing_m": 25, "snap_max_m": 150},
            "benefit": {"trip_radius_m": 2500, "origins": 2000, "seed": 42},
            "ranking": {"w_qpv": 3, "w_trips": 0.5, "cost_exponent": 0.5, "factor_bridge": 5}}
    write(out, "fuzz_profile", "full.json", json.dumps(full))
    write(out, "fuzz_profile", "origins.json", '{"benefit": {"origins": 100000, "trip_radius_m": 2500}}')
    write(out, "fuzz_profile", "empty.json", "{}")


def api_seeds(data, out):
    queries = [
        (0, "bbox=2.3550,48.8600,2.3750,48.8690&limit=5&offset=2"), (0, "class=crossing,street&format=csv"),
        (0, "qpv=QN07519M&commune=Paris&min_score=0.5"), (0, "bbox=%ff,1,2,3"),
        (1, "zoom=12&bbox=2.3600,48.8640,2.3700,48.8690"), (1, "zoom=16"),
        (2, "from=2.3636,48.8674&to=2.3700,48.8600&max_snap_m=300"), (2, "from=2.2,48.95&to=2.37,48.86"),
        (3, "status=existing,planned,suggested&bbox=2.35,48.85,2.39,48.87"), (4, "bbox=2.35,48.85,2.39,48.87"),
        (5, ""), (6, "x=1"),
    ]
    for i, (endpoint, q) in enumerate(queries):
        write(out, "fuzz_api_query", "q%02d" % i, bytes([endpoint]) + q.encode("utf-8"))


def population_seeds(data, out):
    path = os.path.join(data, "filosofi2021-paris-centre-200m.csv")
    lines = open(path, "rb").read().splitlines(keepends=True)
    write(out, "fuzz_population_csv", "head-4.csv", b"".join(lines[:5]))
    write(out, "fuzz_population_csv", "head-40.csv", b"".join(lines[:41]))
    text = b"".join(lines[:12]).decode("utf-8")
    write(out, "fuzz_population_csv", "semicolon.csv", text.replace(",", ";"))
    write(out, "fuzz_population_csv", "head-12.csv.gz", gzip.compress(text.encode("utf-8"), mtime=0))


SEEDS = {"fuzz_osm_xml": osm_seeds, "fuzz_osm_pbf": osm_seeds, "fuzz_qpv": qpv_seeds, "fuzz_gbfs": gbfs_seeds,
         "fuzz_planned_stations": planned_seeds, "fuzz_profile": profile_seeds, "fuzz_api_query": api_seeds,
         "fuzz_population_csv": population_seeds}


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    data, out, targets = sys.argv[1], sys.argv[2], sys.argv[3:] or list(SEEDS)
    done = set()
    for t in targets:
        if t not in SEEDS:
            print("make-seeds.py: no seeds for target '%s' (known: %s)" % (t, ", ".join(SEEDS)), file=sys.stderr)
            return 2
        if SEEDS[t] not in done:
            SEEDS[t](data, out)
            done.add(SEEDS[t])
    return 0


if __name__ == "__main__":
    sys.exit(main())
