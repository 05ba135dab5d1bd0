#include "maillon/outputs/geopackage.hpp"

#include "gpkg_fields.hpp"
#include "gpkg_style.hpp"
#include "maillon/analysis/results_json.hpp"
#include "maillon/cycle_network.hpp"
#include "maillon/errors.hpp"

#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <set>

namespace maillon::outputs {
namespace {

using json = nlohmann::ordered_json;

struct DatasetCloser {
    void operator()(void* ds) const noexcept { GDALClose(ds); }
};
struct FeatureDestroyer {
    void operator()(void* f) const noexcept { OGR_F_Destroy(static_cast<OGRFeatureH>(f)); }
};
struct GeometryDestroyer {
    void operator()(void* g) const noexcept { OGR_G_DestroyGeometry(static_cast<OGRGeometryH>(g)); }
};
struct SrsReleaser {
    void operator()(void* s) const noexcept { OSRRelease(static_cast<OGRSpatialReferenceH>(s)); }
};
using Dataset = std::unique_ptr<void, DatasetCloser>;
using Feature = std::unique_ptr<void, FeatureDestroyer>;
using Geometry = std::unique_ptr<void, GeometryDestroyer>;

/// GDAL's messages go to the exception, not to stderr.
class QuietGdal {
public:
    QuietGdal() {
        static std::once_flag registered;
        std::call_once(registered, [] { GDALAllRegister(); });
        CPLPushErrorHandler(CPLQuietErrorHandler);
        CPLErrorReset();
    }
    ~QuietGdal() { CPLPopErrorHandler(); }
    QuietGdal(const QuietGdal&) = delete;
    QuietGdal& operator=(const QuietGdal&) = delete;
};

[[noreturn]] void fail(const std::string& path, const std::string& what) {
    const std::string gdal = CPLGetLastErrorMsg();
    throw input_error{"writing '" + path + "' failed: " + what + (gdal.empty() ? "" : " (GDAL: " + gdal + ")") +
                      " (disk full or directory not writable?)"};
}

/// A JSON property as one OGR field type, from every value the layer has: numbers stay numbers
/// (integers unless one is not), booleans become GeoPackage booleans, lists become text.
struct FieldKind {
    OGRFieldType type = OFTString;
    OGRFieldSubType sub = OFSTNone;
    bool seen = false;
};

void widen(FieldKind& k, const json& v) {
    if (v.is_null()) return;
    FieldKind now;
    if (v.is_boolean()) now = {OFTInteger, OFSTBoolean, true};
    else if (v.is_number_integer()) now = {OFTInteger64, OFSTNone, true};
    else if (v.is_number_float()) now = {OFTReal, OFSTNone, true};
    else now = {OFTString, OFSTNone, true};
    if (!k.seen) {
        k = now;
        return;
    }
    if (k.type == now.type && k.sub == now.sub) return;
    const bool numbers = (k.type == OFTInteger64 || k.type == OFTReal) && (now.type == OFTInteger64 || now.type == OFTReal);
    k = numbers ? FieldKind{OFTReal, OFSTNone, true} : FieldKind{OFTString, OFSTNone, true};
}

std::string list_text(const json& v) {
    if (!v.is_array()) return v.is_string() ? v.get<std::string>() : v.dump();
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : "; ") + (x.is_string() ? x.get<std::string>() : x.dump());
    return s;
}

struct LayerSpec {
    const char* name;
    const char* title;        // gpkg_contents identifier (QGIS shows it)
    const char* description;
    OGRwkbGeometryType geometry;
};

/// One layer from features given as JSON properties and OGR geometries (owned by the caller).
class LayerWriter {
public:
    LayerWriter(GDALDatasetH ds, const std::string& path, const LayerSpec& spec, OGRSpatialReferenceH srs,
                const std::vector<const json*>& all_properties)
        : m_path(path), m_spec(spec) {
        char** options = nullptr;
        options = CSLSetNameValue(options, "GEOMETRY_NAME", "geom");
        options = CSLSetNameValue(options, "FID", "fid");
        options = CSLSetNameValue(options, "IDENTIFIER", spec.title);
        options = CSLSetNameValue(options, "DESCRIPTION", spec.description);
        m_layer = GDALDatasetCreateLayer(ds, spec.name, srs, spec.geometry, options);
        CSLDestroy(options);
        if (!m_layer) fail(path, std::string{"cannot create layer "} + spec.name);
        // Field kinds from every feature, in the order of the first one's keys.
        std::vector<std::string> order;
        std::map<std::string, FieldKind> kinds;
        for (const json* p : all_properties) {
            for (const auto& [k, v] : p->items()) {
                if (!kinds.count(k)) order.push_back(k);
                widen(kinds[k], v);
            }
        }
        for (const std::string& k : order) {
            FieldKind kind = kinds[k];
            if (!kind.seen) kind = {nullable_number(k) ? OFTReal : OFTString, OFSTNone, true};  // only nulls
            OGRFieldDefnH field = OGR_Fld_Create(k.c_str(), kind.type);
            OGR_Fld_SetSubType(field, kind.sub);
            const std::string_view alias = field_alias(spec.name, k);
            if (!alias.empty()) OGR_Fld_SetAlternativeName(field, std::string{alias}.c_str());
            const OGRErr err = OGR_L_CreateField(m_layer, field, TRUE);
            OGR_Fld_Destroy(field);
            if (err != OGRERR_NONE) fail(path, "cannot create field " + k + " of layer " + spec.name);
            m_fields.push_back({k, kind});
            m_aliases.emplace_back(k, alias.empty() ? k : std::string{alias});
        }
    }

    void add(const json& properties, OGRGeometryH geometry) {
        Feature f{OGR_F_Create(OGR_L_GetLayerDefn(m_layer))};
        for (int i = 0; i < static_cast<int>(m_fields.size()); ++i) {
            const auto it = properties.find(m_fields[static_cast<std::size_t>(i)].first);
            if (it == properties.end() || it->is_null()) {
                OGR_F_SetFieldNull(static_cast<OGRFeatureH>(f.get()), i);
                continue;
            }
            const FieldKind& kind = m_fields[static_cast<std::size_t>(i)].second;
            const auto feature = static_cast<OGRFeatureH>(f.get());
            if (kind.sub == OFSTBoolean) OGR_F_SetFieldInteger(feature, i, it->get<bool>() ? 1 : 0);
            else if (kind.type == OFTInteger64) OGR_F_SetFieldInteger64(feature, i, it->get<std::int64_t>());
            else if (kind.type == OFTReal) OGR_F_SetFieldDouble(feature, i, it->get<double>());
            else OGR_F_SetFieldString(feature, i, list_text(*it).c_str());
        }
        if (geometry) OGR_F_SetGeometry(static_cast<OGRFeatureH>(f.get()), geometry);
        if (OGR_L_CreateFeature(m_layer, static_cast<OGRFeatureH>(f.get())) != OGRERR_NONE) {
            fail(m_path, std::string{"cannot write a feature of layer "} + m_spec.name);
        }
    }

    const std::vector<std::pair<std::string, std::string>>& aliases() const noexcept { return m_aliases; }

private:
    std::string m_path;
    LayerSpec m_spec;
    OGRLayerH m_layer = nullptr;
    std::vector<std::pair<std::string, FieldKind>> m_fields;
    std::vector<std::pair<std::string, std::string>> m_aliases;
};

/// An OGR geometry from a GeoJSON one. Points and line strings (every gap, candidate and station)
/// directly from their coordinates; anything else through OGR's GeoJSON reader (serialising and
/// parsing each of a hundred thousand candidates took seconds).
OGRGeometryH ogr_geometry(const json& geometry) {
    const auto type = geometry.find("type");
    const auto coordinates = geometry.find("coordinates");
    if (type != geometry.end() && coordinates != geometry.end() && type->is_string() && coordinates->is_array()) {
        const auto number = [](const json& v) { return v.is_number() ? v.get<double>() : std::nan(""); };
        const auto point = [&](OGRGeometryH target, const json& xy) {
            if (!xy.is_array() || xy.size() < 2) return false;
            OGR_G_AddPoint_2D(target, number(xy[0]), number(xy[1]));
            return true;
        };
        const std::string& name = type->get_ref<const std::string&>();
        if (name == "Point" || name == "LineString") {
            OGRGeometryH g = OGR_G_CreateGeometry(name == "Point" ? wkbPoint : wkbLineString);
            bool ok = true;
            if (name == "Point") ok = point(g, *coordinates);
            else for (const json& xy : *coordinates) ok = ok && point(g, xy);
            if (ok) return g;
            OGR_G_DestroyGeometry(g);
        }
    }
    return OGR_G_CreateGeometryFromJson(geometry.dump().c_str());
}

/// A GeoJSON FeatureCollection (the analysis' own JSON) as a layer.
std::vector<std::pair<std::string, std::string>> write_collection(GDALDatasetH ds, const std::string& path, const LayerSpec& spec,
                                                                  OGRSpatialReferenceH srs, const json& fc) {
    std::vector<const json*> props;
    for (const auto& f : fc["features"]) props.push_back(&f["properties"]);
    LayerWriter w{ds, path, spec, srs, props};
    for (const auto& f : fc["features"]) {
        Geometry g{ogr_geometry(f["geometry"])};
        w.add(f["properties"], static_cast<OGRGeometryH>(g.get()));
    }
    return w.aliases();
}

/// The cycle network with the facility as the server's network layer has it: one feature per
/// stretch of an OSM way with one facility, stress, class and name (its consecutive edges merged:
/// a region's 330,000 edges are a third as many features, for SQLite to write and QGIS to draw).
std::vector<std::pair<std::string, std::string>> write_network(GDALDatasetH ds, const std::string& path, OGRSpatialReferenceH srs,
                                                               const Graph& g, const AnalysisProfile& profile) {
    const CycleNetwork net{g, profile.network};
    const auto& d = g.data();
    struct Stretch {
        Facility facility;
        std::uint8_t lts;
        std::uint32_t name;
        Highway highway;
        std::int64_t way_id;
        double length_m;
        std::vector<EdgeId> edges;
    };
    std::vector<Stretch> stretches;
    for (EdgeId e = 0; e < g.edge_count(); ++e) {
        if (!net.contains_edge(e)) continue;
        Facility facility = Facility::aucun;
        std::uint8_t lts = 0;
        for (const ArcId a : {arc_of(e, false), arc_of(e, true)}) {
            if (!g.allows(a, Mode::bike)) continue;
            if (facility == Facility::aucun) facility = d.arc_facility[a];
            if (d.arc_lts[a] && (lts == 0 || d.arc_lts[a] < lts)) lts = d.arc_lts[a];
        }
        if (facility == Facility::aucun) facility = d.arc_side_facility[2 * e];
        const std::int64_t way = static_cast<std::int64_t>(d.edge_way_id[e]);
        if (!stretches.empty()) {
            Stretch& last = stretches.back();
            if (last.way_id == way && last.facility == facility && last.lts == lts && last.name == d.edge_name[e] &&
                last.highway == d.edge_highway[e] && d.edge_target[last.edges.back()] == d.edge_source[e]) {
                last.edges.push_back(e);
                last.length_m += g.length_m(e);
                continue;
            }
        }
        stretches.push_back({facility, lts, d.edge_name[e], d.edge_highway[e], way, g.length_m(e), {e}});
    }
    std::vector<json> props;
    props.reserve(stretches.size());
    for (const Stretch& s : stretches) {
        props.push_back({{"facility", schema_name(s.facility)}, {"facility_key", key(s.facility)}, {"lts", s.lts},
                         {"name", g.name(s.edges.front())}, {"highway", key(s.highway)},
                         {"length_m", std::round(s.length_m * 10) / 10}, {"way_id", s.way_id}});
    }
    std::vector<const json*> ptrs;
    for (const json& p : props) ptrs.push_back(&p);
    // An empty network still gets its fields (an empty layer with the schema).
    static const json empty_row = {{"facility", ""}, {"facility_key", ""}, {"lts", 0}, {"name", ""}, {"highway", ""},
                                   {"length_m", 0.5}, {"way_id", 0}};
    if (ptrs.empty()) ptrs.push_back(&empty_row);
    LayerWriter w{ds, path, {"network", "Réseau cyclable", "Aménagements cyclables existants, par type du schéma national", wkbLineString},
                  srs, ptrs};
    for (std::size_t i = 0; i < stretches.size(); ++i) {
        Geometry line{OGR_G_CreateGeometry(wkbLineString)};
        const auto h = static_cast<OGRGeometryH>(line.get());
        for (const EdgeId e : stretches[i].edges) {
            const std::vector<Coord> shape = g.shape(e);
            // The joint is the previous edge's last point: once.
            for (std::size_t k = OGR_G_GetPointCount(h) > 0 ? 1 : 0; k < shape.size(); ++k) OGR_G_AddPoint_2D(h, shape[k].lon(), shape[k].lat());
        }
        w.add(props[i], h);
    }
    return w.aliases();
}

/// The QPV of the area with their indicator row.
std::vector<std::pair<std::string, std::string>> write_qpv(GDALDatasetH ds, const std::string& path, OGRSpatialReferenceH srs,
                                                           const QpvLayer& qpv, const json& indicators) {
    std::vector<const json*> rows;
    std::vector<const Qpv*> shapes;
    for (const auto& row : indicators["rows"]) {
        if (row.value("scope", "") != "qpv") continue;
        const long i = qpv.find_code(row.value("code", ""));
        if (i < 0) continue;
        rows.push_back(&row);
        shapes.push_back(&qpv[static_cast<std::size_t>(i)]);
    }
    LayerWriter w{ds, path, {"qpv", "Quartiers prioritaires", "QPV du territoire et leurs indicateurs (habitants à 300 m du réseau…)", wkbMultiPolygon},
                  srs, rows};
    const GEOSContextHandle_t h = qpv.geos().handle();
    GEOSWKBWriter* writer = GEOSWKBWriter_create_r(h);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        std::size_t size = 0;
        unsigned char* wkb = GEOSWKBWriter_write_r(h, writer, shapes[i]->geometry.get(), &size);
        OGRGeometryH geometry = nullptr;
        if (wkb) OGR_G_CreateFromWkbEx(wkb, nullptr, &geometry, size);
        GEOSFree_r(h, wkb);
        Geometry multi{geometry ? OGR_G_ForceToMultiPolygon(geometry) : nullptr};
        w.add(*rows[i], static_cast<OGRGeometryH>(multi.get()));
    }
    GEOSWKBWriter_destroy_r(h, writer);
    return w.aliases();
}

void sql(GDALDatasetH ds, const std::string& path, const std::string& statement) {
    CPLErrorReset();
    OGRLayerH result = GDALDatasetExecuteSQL(ds, statement.c_str(), nullptr, nullptr);
    if (result) GDALDatasetReleaseResultSet(ds, result);
    if (CPLGetLastErrorType() >= CE_Failure) fail(path, "cannot run \"" + statement.substr(0, 40) + "\"");
}

std::string quoted(const std::string& s) {
    std::string q = "'";
    for (const char c : s) q += c == '\'' ? std::string{"''"} : std::string{c};
    return q + "'";
}

/// French field names in gpkg_data_columns (the GeoPackage schema extension), which GDAL 3.7+
/// reads as the fields' alternative names and QGIS shows as aliases. GDAL 3.6 does not write it.
void write_data_columns(GDALDatasetH ds, const std::string& path,
                        const std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>>& layers) {
    sql(ds, path,
        "CREATE TABLE IF NOT EXISTS gpkg_data_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, name TEXT, "
        "title TEXT, description TEXT, mime_type TEXT, constraint_name TEXT, "
        "CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name), CONSTRAINT gdc_tn UNIQUE (table_name, name))");
    sql(ds, path,
        "CREATE TABLE IF NOT EXISTS gpkg_data_column_constraints (constraint_name TEXT NOT NULL, constraint_type TEXT NOT NULL, "
        "value TEXT, min NUMERIC, min_is_inclusive BOOLEAN, max NUMERIC, max_is_inclusive BOOLEAN, description TEXT, "
        "CONSTRAINT gdcc_ntv UNIQUE (constraint_name, constraint_type, value))");
    sql(ds, path,
        "CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, "
        "definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))");
    for (const char* table : {"gpkg_data_columns", "gpkg_data_column_constraints"}) {
        sql(ds, path, std::string{"INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) VALUES ('"} +
                          table + "', NULL, 'gpkg_schema', 'http://www.geopackage.org/spec121/#extension_schema', 'read-write')");
    }
    for (const auto& [layer, fields] : layers) {
        std::set<std::string> used;  // a name once per table (the table's UNIQUE constraint)
        for (const auto& [field, alias] : fields) {
            if (alias == field || !used.insert(alias).second) continue;  // no French name, or taken
            sql(ds, path, "INSERT INTO gpkg_data_columns (table_name, column_name, name, title) VALUES (" + quoted(layer) + ", " +
                              quoted(field) + ", " + quoted(alias) + ", " + quoted(alias) + ")");
        }
    }
}

/// QGIS's style table, with one default style per layer.
void write_styles(GDALDatasetH ds, const std::string& path,
                  const std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>>& layers) {
    char** options = CSLSetNameValue(nullptr, "FID", "id");
    options = CSLSetNameValue(options, "DESCRIPTION", "Styles QGIS des couches (utilisés par défaut à l’ouverture)");
    OGRLayerH styles = GDALDatasetCreateLayer(ds, "layer_styles", nullptr, wkbNone, options);
    CSLDestroy(options);
    if (!styles) fail(path, "cannot create the layer_styles table");
    const std::pair<const char*, OGRFieldType> fields[] = {
        {"f_table_catalog", OFTString}, {"f_table_schema", OFTString}, {"f_table_name", OFTString}, {"f_geometry_column", OFTString},
        {"styleName", OFTString}, {"styleQML", OFTString}, {"styleSLD", OFTString}, {"useAsDefault", OFTInteger},
        {"description", OFTString}, {"owner", OFTString}, {"ui", OFTString}, {"update_time", OFTDateTime}};
    for (const auto& [name, type] : fields) {
        OGRFieldDefnH f = OGR_Fld_Create(name, type);
        if (std::string{name} == "useAsDefault") OGR_Fld_SetSubType(f, OFSTBoolean);
        OGR_L_CreateField(styles, f, TRUE);
        OGR_Fld_Destroy(f);
    }
    for (const auto& [layer, aliases] : layers) {
        Feature f{OGR_F_Create(OGR_L_GetLayerDefn(styles))};
        const auto feature = static_cast<OGRFeatureH>(f.get());
        OGR_F_SetFieldString(feature, OGR_F_GetFieldIndex(feature, "f_table_catalog"), "");
        OGR_F_SetFieldString(feature, OGR_F_GetFieldIndex(feature, "f_table_schema"), "");
        OGR_F_SetFieldString(feature, OGR_F_GetFieldIndex(feature, "f_table_name"), layer.c_str());
        OGR_F_SetFieldString(feature, OGR_F_GetFieldIndex(feature, "f_geometry_column"), "geom");
        OGR_F_SetFieldString(feature, OGR_F_GetFieldIndex(feature, "styleName"), ("maillon " + layer).c_str());
        OGR_F_SetFieldString(feature, OGR_F_GetFieldIndex(feature, "styleQML"), qml_style(layer, aliases).c_str());
        OGR_F_SetFieldString(feature, OGR_F_GetFieldIndex(feature, "styleSLD"), "");
        OGR_F_SetFieldInteger(feature, OGR_F_GetFieldIndex(feature, "useAsDefault"), 1);
        OGR_F_SetFieldString(feature, OGR_F_GetFieldIndex(feature, "description"), "Style de maillon (couleurs de la carte web)");
        OGR_F_SetFieldString(feature, OGR_F_GetFieldIndex(feature, "owner"), "");
        OGR_F_SetFieldString(feature, OGR_F_GetFieldIndex(feature, "ui"), "");
        OGR_F_SetFieldNull(feature, OGR_F_GetFieldIndex(feature, "update_time"));
        if (OGR_L_CreateFeature(styles, feature) != OGRERR_NONE) fail(path, "cannot write the style of layer " + layer);
    }
}

}  // namespace

using Aliases = std::vector<std::pair<std::string, std::string>>;

struct GeoPackageWriter::Open {
    std::string path;
    const Graph* graph;
    Dataset ds;
    std::unique_ptr<void, SrsReleaser> srs{OSRNewSpatialReference(nullptr)};
    Aliases network;  // the network layer's field aliases, for its style
    bool finished = false;

    GDALDatasetH handle() const noexcept { return static_cast<GDALDatasetH>(ds.get()); }
    OGRSpatialReferenceH wgs84() const noexcept { return static_cast<OGRSpatialReferenceH>(srs.get()); }
};

GeoPackageWriter::GeoPackageWriter(const std::string& path, const Graph& g, const AnalysisProfile& profile)
    : m(std::make_unique<Open>()) {
    const QuietGdal quiet;
    m->path = path;
    m->graph = &g;
    GDALDriverH driver = GDALGetDriverByName("GPKG");
    if (!driver) throw input_error{"cannot write '" + path + "': this GDAL has no GeoPackage driver"};
    m->ds.reset(GDALCreate(driver, path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!m->ds) fail(path, "cannot create the GeoPackage");
    OSRImportFromEPSG(m->wgs84(), 4326);
    OSRSetAxisMappingStrategy(m->wgs84(), OAMS_TRADITIONAL_GIS_ORDER);
    // Two transactions, the network layer's and the others' (finish): SQLite writes twice, not
    // once a feature. (A failure leaves no half file for the user either way: the analysis writes
    // into a temporary directory renamed when complete.)
    if (GDALDatasetStartTransaction(m->handle(), FALSE) != OGRERR_NONE) fail(path, "cannot start a transaction");
    m->network = write_network(m->handle(), path, m->wgs84(), g, profile);
    // Committed at once, and any SQL statement then makes GDAL finish the layer's spatial index
    // (built on a thread of its own while the features went in): done here, while the analysis
    // runs, rather than with the other layers' at the end (1.2 s of the dense region's 1.65 s).
    if (GDALDatasetCommitTransaction(m->handle()) != OGRERR_NONE) fail(path, "cannot commit the network layer");
    sql(m->handle(), path, "SELECT 1");
    if (GDALDatasetStartTransaction(m->handle(), FALSE) != OGRERR_NONE) fail(path, "cannot start a transaction");
}

GeoPackageWriter::~GeoPackageWriter() {
    if (!m || !m->ds || m->finished) return;
    const QuietGdal quiet;  // closed uncommitted: the caller's temporary directory goes with it
    GDALDatasetRollbackTransaction(m->handle());
    m->ds.reset();
}

void GeoPackageWriter::finish(const QpvLayer& qpv, const analysis::AnalysisResult& r, const AnalysisProfile& profile,
                              const BuiltCollections& built) {
    const QuietGdal quiet;
    const Graph& g = *m->graph;
    const GDALDatasetH h = m->handle();
    const std::string& path = m->path;
    const OGRSpatialReferenceH wgs84 = m->wgs84();
    std::vector<std::pair<std::string, Aliases>> styled;
    const LayerSpec gaps{"gaps", "Maillons manquants", "Maillons manquants classés (rang 1 = priorité la plus haute), puis erreurs de données", wkbLineString};
    styled.emplace_back("gaps", built.gaps ? write_collection(h, path, gaps, wgs84, *built.gaps)
                                           : write_collection(h, path, gaps, wgs84, analysis::gaps_geojson(g, qpv, r)));
    const LayerSpec candidates{"candidates", "Candidats secondaires", "Projets sous le seuil d’usage et jonctions simples", wkbLineString};
    styled.emplace_back("candidates", built.candidates ? write_collection(h, path, candidates, wgs84, *built.candidates)
                                                       : write_collection(h, path, candidates, wgs84, analysis::candidates_geojson(g, r)));
    styled.emplace_back("network", m->network);
    if (r.has_stations) {
        styled.emplace_back("stations", write_collection(h, path, {"stations", "Stations vélo", "Stations existantes, prévues (classées) et suggérées", wkbPoint},
                                                         wgs84, analysis::stations_geojson(qpv, r)));
    }
    styled.emplace_back("qpv", write_qpv(h, path, wgs84, qpv, analysis::indicators_json(r, profile)));
    write_styles(h, path, styled);
    if (GDALDatasetCommitTransaction(h) != OGRERR_NONE) fail(path, "cannot commit the GeoPackage");
    m->finished = true;
    // Plain SQL after the commit: GDAL 3.6 finishes a large layer's spatial index by detaching a
    // temporary database (temp_rtree_*), which SQLite refuses inside a transaction ("database is
    // locked"), and the first ExecuteSQL triggers it (seen with 900,000 candidates).
    write_data_columns(h, path, styled);
    m->ds.reset();
    if (CPLGetLastErrorType() >= CE_Failure) fail(path, "GDAL reported an error while closing");
}

void write_geopackage(const std::string& path, const Graph& g, const QpvLayer& qpv, const analysis::AnalysisResult& r,
                      const AnalysisProfile& profile, const BuiltCollections& built) {
    GeoPackageWriter writer{path, g, profile};
    writer.finish(qpv, r, profile, built);
}

}  // namespace maillon::outputs
