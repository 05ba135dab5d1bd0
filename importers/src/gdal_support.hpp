#pragma once
// What the readers need around GDAL/OGR's C API: registration once per process, owning handles, GDAL's error
// messages captured instead of printed, and reprojection to WGS84 through OGR's OSRCoordinateTransformation (PROJ).
// GDAL is used by the readers only, never by the engine.

#include <memory>
#include <optional>
#include <string>

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

namespace maillon::gdal {

/// GDALAllRegister(), once.
void register_drivers();

struct DatasetCloser {
    void operator()(void* ds) const noexcept { GDALClose(ds); }
};
using Dataset = std::unique_ptr<void, DatasetCloser>;
struct FeatureDestroyer {
    void operator()(void* f) const noexcept { OGR_F_Destroy(f); }
};
using Feature = std::unique_ptr<void, FeatureDestroyer>;

/// While alive, GDAL errors are kept (last_message()) instead of going to stderr.
class QuietErrors {
public:
    QuietErrors();
    ~QuietErrors();
    QuietErrors(const QuietErrors&) = delete;
    QuietErrors& operator=(const QuietErrors&) = delete;
    /// The last error GDAL reported, "" if none.
    static std::string last_message();
};

/// Sets GDAL configuration options for this thread while alive (the XLSX/ODS drivers take their header and field
/// type choices as configuration options, not open options, in GDAL 3.6).
class ThreadConfig {
public:
    ThreadConfig(const char* key, const char* value);
    ~ThreadConfig();
    ThreadConfig(const ThreadConfig&) = delete;
    ThreadConfig& operator=(const ThreadConfig&) = delete;

private:
    std::string m_key;
    std::optional<std::string> m_old;
};

/// Points from a CRS to WGS84 longitude/latitude, x (easting, longitude) first whatever the CRS's axis order.
class ToWgs84 {
public:
    /// `definition`: WKT, "EPSG:2154", "urn:ogc:def:crs:EPSG::2154", a .prj file name: anything
    /// OSRSetFromUserInput takes. nullopt, with `error` set, when PROJ does not know it.
    static std::optional<ToWgs84> from_definition(const std::string& definition, std::string& error);

    ToWgs84(ToWgs84&&) noexcept;
    ToWgs84& operator=(ToWgs84&&) noexcept;
    ~ToWgs84();

    /// false when PROJ cannot transform the point (outside the CRS's area of use, for instance).
    bool transform(double x, double y, double& lon, double& lat) const;
    /// "RGF93 v1 / Lambert-93 (EPSG:2154)", or the CRS's name alone.
    const std::string& name() const noexcept { return m_name; }
    /// Whether the source CRS is projected (coordinates in metres or feet, not degrees).
    bool projected() const noexcept { return m_projected; }

private:
    ToWgs84() = default;
    OGRSpatialReferenceH m_source = nullptr;
    OGRSpatialReferenceH m_target = nullptr;
    OGRCoordinateTransformationH m_transform = nullptr;
    std::string m_name;
    bool m_projected = false;
};

}  // namespace maillon::gdal
