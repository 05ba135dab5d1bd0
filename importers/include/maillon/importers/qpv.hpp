#pragma once
// The QPV layer (quartiers prioritaires de la politique de la ville): a GeoJSON FeatureCollection of
// Polygon/MultiPolygon features in WGS84 longitude/latitude, as published by the ANCT (2024: code_qp,
// lib_qp, lib_com, insee_com, …; 2015: CODE_QP, NOM_QP, COMMUNE_QP) or converted by
// data-scripts/convert-qpv.sh. See docs/qpv.md for the accepted fields, the CRS rule and the repairs.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "maillon/geo.hpp"
#include "maillon/geos.hpp"

namespace maillon {

/// Field names chosen by the user (the CLI's --qpv-code-field, --qpv-name-field, --qpv-commune-field,
/// --qpv-population-field). Empty: detected. Matched exactly, else case-insensitively; a named field
/// that no feature has is an argument_error listing the fields found.
struct QpvFieldNames {
    std::string code;
    std::string name;
    std::string commune;
    std::string population;
};

struct Qpv {
    std::string code;                   ///< e.g. "QN07519M" (2024), "QP075019" (2015)
    std::string name;                   ///< e.g. "Grand Belleville"; "" if the layer has no name field
    std::string commune;                ///< commune name(s), else INSEE code(s); "" if none
    std::optional<double> population;   ///< residents, if the layer has a population field and a value
    GeomPtr geometry;                   ///< valid (repaired if needed) Polygon or MultiPolygon, lon/lat
    PreparedPtr prepared;               ///< prepared `geometry` (declared after it: destroyed first)
    BBox bbox;
    double area_m2 = 0.0;               ///< see maillon::area_m2 (local equirectangular plane)
    std::vector<std::string> warnings;  ///< repairs and oddities of this QPV, one sentence each

    /// "QN07519M (Grand Belleville)", or the code alone.
    std::string label() const { return name.empty() ? code : code + " (" + name + ")"; }
};

class QpvLayer {
    // Declared first, destroyed last: the geometries in `qpv` belong to it.
    std::unique_ptr<GeosContext> ctx_;

public:
    QpvLayer();
    QpvLayer(QpvLayer&&) noexcept;
    QpvLayer& operator=(QpvLayer&&) noexcept;
    ~QpvLayer();

    std::string path;
    /// The fields actually used ("" when absent: name, commune, population are optional).
    QpvFieldNames fields;
    /// Every property name seen in the features, in order of first appearance.
    std::vector<std::string> fields_found;
    /// The QPV, in file order (features sharing a code merged into the first one's place).
    std::vector<Qpv> qpv;
    /// Warnings about the layer as a whole (skipped features, missing optional fields, merged codes).
    std::vector<std::string> warnings;

    std::size_t size() const noexcept { return qpv.size(); }
    const Qpv& operator[](std::size_t i) const { return qpv[i]; }
    /// Index of the QPV whose interior contains the point (the lowest index if several do), or -1.
    /// Bounding-box R-tree prefilter, then prepared point-in-polygon. Serialised by a mutex: safe to call
    /// from several threads, but not concurrently with other uses of the layer's geometries.
    long find(double lon, double lat) const;
    /// Index of the QPV with that code, or -1.
    long find_code(const std::string& code) const;
    /// All warnings: the layer's, then each QPV's.
    std::vector<std::string> all_warnings() const;
    /// The GEOS context owning the geometries (for geos.hpp helpers on them; same threading rule).
    const GeosContext& geos() const noexcept { return *ctx_; }

    struct Index;

private:
    friend QpvLayer load_qpv(const std::string& path, const QpvFieldNames& override);
    std::unique_ptr<Index> index_;
};

/// Reads a QPV layer. Throws input_error (naming the file, the problem and the fix) when the file is
/// missing, is not JSON, not a GeoJSON FeatureCollection, has no Polygon/MultiPolygon feature, is not in
/// WGS84 longitude/latitude (a `crs` member naming another CRS, or projected coordinates such as
/// Lambert-93's), or has no QPV code field; argument_error when a field named in `override` is absent.
/// Invalid geometries are repaired (GEOSMakeValid_r) and reported in the QPV's warnings, never fatal.
QpvLayer load_qpv(const std::string& path, const QpvFieldNames& override = {});

/// The property names tried, in order, case-insensitively, when QpvFieldNames leaves a field empty
/// (population also accepts pop_YYYY, popYYYY, pop_mun_YYYY and pYY_pop, the latest year first).
const std::vector<std::string>& qpv_code_field_candidates();
const std::vector<std::string>& qpv_name_field_candidates();
const std::vector<std::string>& qpv_commune_field_candidates();
const std::vector<std::string>& qpv_population_field_candidates();

}  // namespace maillon
