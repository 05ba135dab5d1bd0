#pragma once
// The report's reading of an analyze output: gaps, QPV and figures as the pages need them, in the
// plane of the base map. Fields the lead's newer runs add (gaps' `commune` from the admin
// boundaries, `reason_fr`) are used when present and left out when not.

#include "base_map.hpp"
#include "french_format.hpp"
#include "svg_canvas.hpp"
#include "maillon/importers/qpv.hpp"
#include "maillon/outputs/report.hpp"

#include <limits>
#include <string>
#include <vector>

namespace maillon::outputs {

constexpr double nan_value = std::numeric_limits<double>::quiet_NaN();

struct ReportGap {
    unsigned rank = 0;  // 0: a data issue (never ranked)
    std::string class_key, class_label;
    std::vector<std::string> streets;
    std::string commune;
    double length_m = nan_value;
    double qpv_pop = nan_value;     // residents, when known
    double qpv_weight = nan_value;  // in weight_unit
    double all_pop = nan_value;
    double score = nan_value;
    double qpv_term = 0, benefit_term = 0, trips_term = 0, detour_term = 0, network_term = 0;
    std::string treatment, reason, data_issue;
    std::string osm_nodes;  // "123 → 456": the OSM nodes of its two ends
    std::vector<std::string> qpv_codes, qpv_names;
    std::vector<PlanePoint> line;
    PlaneBox box;
    PlanePoint middle;  // halfway along the line
};

struct ReportQpv {
    std::string code, name, commune;
    std::vector<std::vector<PlanePoint>> rings;
    PlaneBox box;
    json row;  // its indicators.json row
};

struct ReportModel {
    const AnalyzeFiles* files = nullptr;
    const BaseMap* map = nullptr;
    ReportOptions options;
    std::vector<ReportGap> gaps;  // as in gaps.geojson: ranked first, then data issues
    std::size_t ranked = 0;
    std::vector<ReportQpv> qpv;   // the QPV of the area (indicators rows), in the rows' order
    bool residents = false;       // QPV residents known (run.json qpv.residents_known)
    bool stations = false;
    std::string weight_unit;      // residents, ha, m2_floor

    /// The top `options.top` ranked gaps.
    std::size_t top() const noexcept { return std::min(options.top, ranked); }
    /// "1 203 hab." or "2,4 ha de QPV": the QPV figure of a gap in the run's unit.
    std::string qpv_figure(const ReportGap& g) const;
    /// Label of the QPV figure for table heads: "Habitants QPV à 300 m" or "Surface QPV à 300 m (ha)".
    std::string qpv_figure_label() const;
};

ReportModel build_model(const ReportSources& sources, const BaseMap& map, const ReportOptions& options);

/// French label of a gap class key ("Rue", "Traversée" … from analysis/labels_fr).
std::string class_label(const std::string& key);
/// The gap classes that are projects (not data issues), in the engine's order, as keys.
const std::vector<std::string>& project_class_keys();
/// "Rue A, Rue B et 3 autres" for tables; "—" when unnamed.
std::string streets_text(const std::vector<std::string>& streets, std::size_t shown = 2);

}  // namespace maillon::outputs
