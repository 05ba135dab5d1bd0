#!/usr/bin/env python3
"""The Copenhagen network of Vybornova et al. 2022 as an OSM file, and its gaps as a reference set.

    /usr/bin/python3 bench/study_network_to_osm.py BIKENWGAPS_CHECKOUT OUT_DIR

Reads `_compare/H.gpickle` (the study's simplified street network: 'category_edge' bike / multi / car, LineString
geometry in 'coord') and `_compare/gaps_declustered.pickle` + `analysis/gaps_classified_table.csv` (its 134
declustered gaps and the experts' classes) from a checkout of github.com/anastassiavybornova/bikenwgaps, and writes
OUT_DIR/copenhagen-study.osm (bike edges highway=cycleway, multi edges highway=secondary + cycleway=track, car edges
highway=unclassified) and OUT_DIR/copenhagen-study-reference.geojson (kind missing_link for the 105 confirmed,
data_issue for the 29 the experts left out). Then:

    bench/validity.sh build --extra OUT_DIR/copenhagen-study.osm:OUT_DIR/copenhagen-study-reference.geojson

Needs Debian's python3-networkx, python3-shapely and python3-pandas (the pickles hold their objects). Nothing of
the study is kept in this repository: its data is OpenStreetMap-derived (ODbL) and its code GPL.
"""
import json
import os
import pickle
import sys
from xml.sax.saxutils import quoteattr

import pandas as pd

TAGS = {
    "bike": {"highway": "cycleway"},
    "multi": {"highway": "secondary", "cycleway": "track", "maxspeed": "50"},
    "car": {"highway": "unclassified"},
}


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, out = sys.argv[1:3]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(src, "_compare", "H.gpickle"), "rb") as f:
        graph = pickle.load(f)
    nodes = {n: (d["coord"].x, d["coord"].y) for n, d in graph.nodes(data=True)}
    next_id = 10**11  # ids for the shape points between the study's nodes
    ways = []
    for i, (u, v, d) in enumerate(graph.edges(data=True)):
        coords = list(d["coord"].coords)
        # The geometry may run v -> u: start from the node nearer its first point.
        near_u = (coords[0][0] - nodes[u][0]) ** 2 + (coords[0][1] - nodes[u][1]) ** 2
        near_v = (coords[0][0] - nodes[v][0]) ** 2 + (coords[0][1] - nodes[v][1]) ** 2
        a, b = (u, v) if near_u <= near_v else (v, u)
        refs = [a]
        for c in coords[1:-1]:
            next_id += 1
            nodes[next_id] = c
            refs.append(next_id)
        refs.append(b)
        ways.append((i + 1, refs, TAGS[d["category_edge"]]))
    with open(os.path.join(out, "copenhagen-study.osm"), "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="study_network_to_osm.py">\n')
        for n, (x, y) in nodes.items():
            f.write(f'<node id="{n}" version="1" lat="{y:.7f}" lon="{x:.7f}"/>\n')
        for wid, refs, tags in ways:
            f.write(f'<way id="{wid}" version="1">' + "".join(f'<nd ref="{r}"/>' for r in refs))
            f.write("".join(f"<tag k={quoteattr(k)} v={quoteattr(v)}/>" for k, v in tags.items()) + "</way>\n")
        f.write("</osm>\n")
    with open(os.path.join(src, "_compare", "gaps_declustered.pickle"), "rb") as f:
        gaps = pickle.load(f)
    classes = pd.read_csv(os.path.join(src, "analysis", "gaps_classified_table.csv"), sep=";", index_col=0)
    features = []
    for i, row in gaps.iterrows():
        cls = classes.loc[i, "class"] if i in classes.index else None
        confirmed = isinstance(cls, str)
        lines = [[[p[1], p[0]] for p in line] for line in row["coord"]]  # (lat, lon) in the study
        features.append({"type": "Feature", "geometry": {"type": "MultiLineString", "coordinates": lines},
                         "properties": {"id": f"cph-{i}", "rank": float(row["rank"]),
                                        "kind": "missing_link" if confirmed else "data_issue",
                                        "class": cls if confirmed else None,
                                        "reason": str(classes.loc[i, "comments"]) if i in classes.index else ""}})
    with open(os.path.join(out, "copenhagen-study-reference.geojson"), "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f)
    print(f"{len(ways)} ways, {len(nodes)} nodes; {len(features)} reference gaps", file=sys.stderr)


if __name__ == "__main__":
    main()
