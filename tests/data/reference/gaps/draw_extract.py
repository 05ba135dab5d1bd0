#!/usr/bin/python3
"""Draw an OSM extract as a PNG for reading the cycle network by eye.

Made to build the hand-drawn reference sets of missing links in this folder: streets in grey (width by
class), the cycle network coloured by facility, unmarked contraflow dotted, street names, optionally the
ids of network ways and the reference links of a GeoJSON file drawn on top.

Usage (Debian's python3; needs osmium-tool and python3-matplotlib, standard library otherwise):

    /usr/bin/python3 draw_extract.py EXTRACT.osm.pbf OUT.png [--bbox W,S,E,N] [--ids] [--all-ids]
                                     [--ref LINKS.geojson] [--size INCHES] [--dpi N] [--no-names]

The file is read with `osmium cat FILE -f opl` and parsed here (incomplete ways are drawn with the
nodes that are present). The network classification below is written from docs/tag-rules.md on
purpose with its own small code, not the engine's: it only colours the map, the expert judges.
"""

import argparse
import json
import math
import re
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after the backend choice)
import matplotlib.patheffects as pe  # noqa: E402

# Facility colours (one per family of docs/tag-rules.md facilities).
COLOURS = {
    "track": "#d7191c",       # PISTE / DSC PISTE (highway=cycleway, cycleway*=track, ...)
    "greenway": "#1a9641",    # VOIE VERTE
    "lane": "#2b83ba",        # BANDE / DSC BANDE / CVCB
    "busway": "#9e40c0",      # COULOIR BUS+VELO
    "cyclestreet": "#fdae61", # VELO RUE
    "mixed": "#e377c2",       # AMENAGEMENT MIXTE (footway/pedestrian/path open to bikes with foot designated)
    "other": "#8c564b",       # AUTRE / ACCOTEMENT (unknown cycleway value, shoulder)
}
CONTRAFLOW_COLOUR = "#ff9900"  # DSC NON MATERIALISE: not network, dotted

STREET_WIDTH = {
    "motorway": 3.0, "motorway_link": 1.6, "trunk": 2.8, "trunk_link": 1.4, "primary": 2.4,
    "primary_link": 1.2, "secondary": 2.0, "secondary_link": 1.0, "tertiary": 1.6, "tertiary_link": 0.9,
    "unclassified": 1.1, "residential": 1.0, "living_street": 0.9, "service": 0.5, "pedestrian": 0.8,
    "track": 0.5, "road": 0.8, "busway": 1.0,
}
MINOR = {"footway", "path", "steps", "bridleway", "corridor", "cycleway"}
DROPPED = {"construction", "proposed", "platform", "raceway", "bus_stop", "elevator", "none"}
FORBIDS = {"no", "private", "agricultural", "forestry", "delivery", "military", "emergency", "permit"}
ALLOWS = {"yes", "designated", "permissive", "destination", "official", "customers", "use_sidepath",
          "optional_sidepath"}

SIDE_VALUES = {
    "track": "track", "opposite_track": "track", "lane": "lane", "opposite_lane": "lane",
    "share_busway": "busway", "opposite_share_busway": "busway", "shoulder": "other",
}
NOT_FACILITY = {"no", "none", "separate", "shared_lane", "crossing", "asl", "construction", "proposed",
                "opposite", "sidepath"}


def decode_opl(text):
    """OPL escapes: %hex% is one Unicode code point."""
    return re.sub(r"%([0-9a-fA-F]+)%", lambda m: chr(int(m.group(1), 16)), text)


def read_opl(path):
    """Return (nodes {id: (lon, lat)}, ways [(id, tags, refs)]) from an OSM file."""
    try:
        out = subprocess.run(["osmium", "cat", path, "-f", "opl"], check=True, capture_output=True,
                             text=True).stdout
    except FileNotFoundError:
        sys.exit("osmium not found: install osmium-tool (apt-get install osmium-tool)")
    except subprocess.CalledProcessError as err:
        sys.exit(f"{path}: osmium could not read it: {err.stderr.strip()}")
    nodes, ways = {}, []
    for line in out.splitlines():
        fields = line.split(" ")
        kind, oid = fields[0][0], int(fields[0][1:])
        attrs = {f[0]: f[1:] for f in fields[1:] if f}
        if kind == "n":
            if attrs.get("x") and attrs.get("y"):
                nodes[oid] = (float(attrs["x"]), float(attrs["y"]))
        elif kind == "w":
            tags = {}
            if attrs.get("T"):
                for pair in attrs["T"].split(","):
                    k, _, v = pair.partition("=")
                    tags[decode_opl(k)] = decode_opl(v)
            refs = [int(r[1:]) for r in attrs.get("N", "").split(",") if r]
            ways.append((oid, tags, refs))
    return nodes, ways


def bike_allowed(tags):
    hw = tags.get("highway", "")
    if hw in ("motorway", "motorway_link") or tags.get("motorroad") == "yes":
        return False
    bike = hw not in ("footway", "steps", "bridleway", "corridor", "busway")
    if tags.get("access") in FORBIDS:
        bike = False
    for key in ("vehicle", "bicycle"):
        if tags.get(key) in ALLOWS:
            bike = True
        elif tags.get(key) in FORBIDS:
            bike = False
    if hw == "steps" and tags.get("ramp:bicycle") in ("yes", "both", "left", "right"):
        bike = tags.get("bicycle") not in FORBIDS
    return bike


def facility(tags):
    """Network facility family of a way (key of COLOURS), 'contraflow' for an unmarked contraflow, or None."""
    hw = tags.get("highway", "")
    if not bike_allowed(tags):
        return None
    bicycle, foot, seg = tags.get("bicycle"), tags.get("foot"), tags.get("segregated")
    if hw == "cycleway":
        return "greenway" if foot == "designated" and seg != "yes" else "track"
    if hw in ("path", "track", "bridleway"):
        if bicycle == "designated":
            if hw == "track" or (foot == "designated" and seg != "yes"):
                return "greenway"
            return "track"
        if bicycle == "yes" and foot == "designated":
            return "mixed"
        return None
    if hw in ("footway", "corridor"):
        if bicycle == "designated" and seg == "yes":
            return "track"
        return "mixed" if bicycle in ALLOWS else None
    if hw == "pedestrian":
        return "mixed" if bicycle == "designated" else None
    if hw == "steps":
        return "mixed"  # only reached with a bicycle ramp
    if hw == "busway":
        return "busway"
    two_way = tags.get("oneway") not in ("yes", "true", "1", "-1", "reverse") and \
        tags.get("junction") not in ("roundabout", "circular")
    found = []
    for side in ("left", "right"):
        value = tags.get("cycleway:" + side) or tags.get("cycleway:both") or tags.get("cycleway")
        if not value or value in NOT_FACILITY:
            continue
        if value.startswith("opposite") and value != "opposite" and two_way:
            value = value[len("opposite_"):]
        found.append(SIDE_VALUES.get(value, "other"))
    for family in ("track", "busway", "lane", "other"):
        if family in found:
            return family
    if tags.get("cyclestreet") == "yes" or tags.get("bicycle_road") == "yes":
        return "cyclestreet"
    opposite = any(str(v).startswith("opposite") for k, v in tags.items() if k.startswith("cycleway"))
    if not two_way and (tags.get("oneway:bicycle") == "no" or opposite):
        return "contraflow"
    return None


def drawn_ways(nodes, ways, bbox):
    """Highway ways with their present coordinates, clipped coarsely to bbox (any node inside)."""
    west, south, east, north = bbox
    margin_x, margin_y = (east - west) * 0.05, (north - south) * 0.05
    for oid, tags, refs in ways:
        hw = tags.get("highway")
        if not hw or hw in DROPPED or tags.get("area") == "yes":
            continue
        coords = [nodes[r] for r in refs if r in nodes]
        if len(coords) < 2:
            continue
        if not any(west - margin_x <= x <= east + margin_x and south - margin_y <= y <= north + margin_y
                   for x, y in coords):
            continue
        yield oid, tags, refs, coords


def data_bbox(nodes, ways):
    xs, ys = [], []
    for _, tags, refs in ways:
        if "highway" in tags:
            for r in refs:
                if r in nodes:
                    xs.append(nodes[r][0])
                    ys.append(nodes[r][1])
    return min(xs), min(ys), max(xs), max(ys)


def network_ends(selected):
    """Nodes that end exactly one network way and touch no other network way: where the network stops."""
    count, inner = {}, set()
    for _, tags, refs, _ in selected:
        if facility(tags) in COLOURS:
            for r in (refs[0], refs[-1]):
                count[r] = count.get(r, 0) + 1
            inner.update(refs[1:-1])
    return {r for r, c in count.items() if c == 1 and r not in inner}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("extract")
    ap.add_argument("out")
    ap.add_argument("--bbox", help="W,S,E,N in degrees (default: the highway nodes of the file)")
    ap.add_argument("--ids", action="store_true", help="label network ways with their OSM id")
    ap.add_argument("--all-ids", action="store_true", help="label every drawn way with its OSM id")
    ap.add_argument("--ref", help="a GeoJSON FeatureCollection of reference links to draw on top")
    ap.add_argument("--size", type=float, default=14.0, help="figure width in inches")
    ap.add_argument("--dpi", type=int, default=110)
    ap.add_argument("--no-names", action="store_true")
    args = ap.parse_args()

    nodes, ways = read_opl(args.extract)
    if not ways:
        sys.exit(f"{args.extract}: no ways (is it an OSM file?)")
    try:
        bbox = tuple(float(v) for v in args.bbox.split(",")) if args.bbox else data_bbox(nodes, ways)
    except ValueError:
        sys.exit("--bbox must be four numbers W,S,E,N in degrees, e.g. 2.35,48.85,2.38,48.87")
    if len(bbox) != 4 or bbox[0] >= bbox[2] or bbox[1] >= bbox[3]:
        sys.exit("--bbox must be W,S,E,N with W < E and S < N")
    selected = list(drawn_ways(nodes, ways, bbox))
    kx = math.cos(math.radians((bbox[1] + bbox[3]) / 2))  # metres per degree of lon vs lat
    aspect = (bbox[3] - bbox[1]) / ((bbox[2] - bbox[0]) * kx)
    fig, ax = plt.subplots(figsize=(args.size, max(3.0, args.size * aspect)))
    ax.set_xlim(bbox[0], bbox[2])
    ax.set_ylim(bbox[1], bbox[3])
    ax.set_aspect(1 / kx)
    ax.set_facecolor("white")

    halo = [pe.withStroke(linewidth=2.5, foreground="white")]
    labelled_names = {}
    for oid, tags, refs, coords in selected:
        hw = tags["highway"]
        xs, ys = zip(*coords)
        fam = facility(tags)
        if hw in MINOR:
            ax.plot(xs, ys, color="#bbbbbb", lw=0.5, ls=(0, (2, 1)) if hw == "steps" else "-", zorder=1)
        else:
            ax.plot(xs, ys, color="#9a9a9a" if bike_allowed(tags) else "#d0d0d0",
                    lw=STREET_WIDTH.get(hw, 0.8), zorder=1, solid_capstyle="round")
        if fam in COLOURS:
            ax.plot(xs, ys, color=COLOURS[fam], lw=2.2, zorder=3, solid_capstyle="round", alpha=0.9)
        elif fam == "contraflow":
            ax.plot(xs, ys, color=CONTRAFLOW_COLOUR, lw=0.6, ls=(0, (1, 3)), zorder=2)
        if tags.get("bridge", "no") != "no" or tags.get("tunnel", "no") != "no":
            ax.plot(xs, ys, color="black", lw=0.5, ls=(0, (4, 2)), zorder=4)
        name = tags.get("name")
        length = sum(math.hypot((a[0] - b[0]) * kx, a[1] - b[1]) for a, b in zip(coords, coords[1:]))
        if name and hw not in MINOR and length > labelled_names.get(name, (0,))[0]:
            labelled_names[name] = (length, coords)
        if args.all_ids or (args.ids and fam in COLOURS):
            mid = coords[len(coords) // 2]
            ax.text(mid[0], mid[1], str(oid), fontsize=5, color=COLOURS.get(fam, "#333333"), zorder=6,
                    path_effects=halo, clip_on=True)

    if not args.no_names:
        for name, (_, coords) in labelled_names.items():
            i = max(range(len(coords) - 1), key=lambda j: math.hypot((coords[j + 1][0] - coords[j][0]) * kx,
                                                                      coords[j + 1][1] - coords[j][1]))
            (x0, y0), (x1, y1) = coords[i], coords[i + 1]
            angle = math.degrees(math.atan2(y1 - y0, (x1 - x0) * kx))
            if angle > 90 or angle < -90:
                angle += 180
            ax.text((x0 + x1) / 2, (y0 + y1) / 2, name, fontsize=5.5, color="#222222", rotation=angle,
                    rotation_mode="anchor", ha="center", va="center", zorder=5, path_effects=halo,
                    clip_on=True)

    ends = network_ends(selected)
    ex = [nodes[r][0] for r in ends if r in nodes]
    ey = [nodes[r][1] for r in ends if r in nodes]
    ax.scatter(ex, ey, s=9, facecolors="none", edgecolors="black", linewidths=0.6, zorder=6)

    if args.ref:
        try:
            with open(args.ref, encoding="utf-8") as fh:
                features = json.load(fh)["features"]
        except (OSError, ValueError, KeyError) as err:
            sys.exit(f"--ref {args.ref}: not a readable GeoJSON FeatureCollection ({err})")
        for feat in features:
            xs, ys = zip(*feat["geometry"]["coordinates"])
            data = feat["properties"]["kind"] == "data_issue"
            ax.plot(xs, ys, color="#00c8c8" if data else "#00e000", lw=5, alpha=0.55, zorder=2.5)
            ax.text(xs[len(xs) // 2], ys[len(ys) // 2], feat["properties"]["id"], fontsize=7,
                    color="#006000", weight="bold", zorder=7, path_effects=halo, clip_on=True)

    handles = [plt.Line2D([], [], color=c, lw=2.2, label=k) for k, c in COLOURS.items()]
    handles.append(plt.Line2D([], [], color=CONTRAFLOW_COLOUR, lw=1, ls=":", label="contraflow (not network)"))
    handles.append(plt.Line2D([], [], marker="o", color="black", mfc="none", ls="", label="network end"))
    ax.legend(handles=handles, loc="lower left", fontsize=6, framealpha=0.85)
    ax.set_title(f"{args.extract}  bbox {bbox[0]:.5f},{bbox[1]:.5f},{bbox[2]:.5f},{bbox[3]:.5f}  "
                 "© OpenStreetMap contributors (ODbL)", fontsize=7)
    ax.tick_params(labelsize=6)
    ax.ticklabel_format(useOffset=False)
    fig.tight_layout()
    fig.savefig(args.out, dpi=args.dpi)


if __name__ == "__main__":
    main()
