#pragma once
// The study area of `maillon analyze --area` (docs/area.md): a commune, an EPT or a département,
// as a GeoJSON (Multi)Polygon layer in WGS84, analysed on a wider extract. Gaps and indicators
// are reported for the area; searches run on the whole extract, so nothing near the area's
// boundary is cut. data-scripts/cut-area.sh makes such a file from a commune or QPV layer.

#include "maillon/geo.hpp"
#include "maillon/geos.hpp"

#include <memory>
#include <string>

namespace maillon {

class StudyArea {
public:
    StudyArea();
    ~StudyArea();
    StudyArea(StudyArea&&) noexcept;
    StudyArea& operator=(StudyArea&&) noexcept;

    std::string path;
    std::string name;       ///< from the first feature's name field (nom, name, libelle…), else the file name
    BBox bbox;
    double area_m2 = 0;

    /// True when the point lies inside the area (its boundary excluded).
    bool contains(Coord c) const;
    /// The area's GEOS geometry, owned by geos() (one thread at a time, as every GEOS object here).
    const GEOSGeometry* geometry() const noexcept { return m_geometry.get(); }
    const GeosContext& geos() const noexcept { return *m_ctx; }

    friend StudyArea load_study_area(const std::string& path);

private:
    std::unique_ptr<GeosContext> m_ctx;  // declared first: destroyed after the geometries
    GeomPtr m_geometry;
    PreparedPtr m_prepared;
};

/// Reads a GeoJSON FeatureCollection, Feature or bare geometry of Polygons / MultiPolygons in
/// WGS84 longitude/latitude and unites them (repairing invalid rings).
/// @throws input_error naming the file and the fix: unreadable, not JSON, nested too deep, no
///         polygon, coordinates that are not degrees (a Lambert-93 file: convert with ogr2ogr).
StudyArea load_study_area(const std::string& path);

}  // namespace maillon
