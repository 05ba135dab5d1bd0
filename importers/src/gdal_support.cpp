#include "gdal_support.hpp"

#include <mutex>
#include <utility>

#include <cpl_conv.h>
#include <cpl_error.h>

namespace maillon::gdal {

void register_drivers() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

QuietErrors::QuietErrors() {
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
}
QuietErrors::~QuietErrors() { CPLPopErrorHandler(); }
std::string QuietErrors::last_message() {
    const char* msg = CPLGetLastErrorMsg();
    return msg ? msg : "";
}

ThreadConfig::ThreadConfig(const char* key, const char* value) : m_key(key) {
    if (const char* old = CPLGetThreadLocalConfigOption(key, nullptr)) m_old = old;
    CPLSetThreadLocalConfigOption(key, value);
}
ThreadConfig::~ThreadConfig() { CPLSetThreadLocalConfigOption(m_key.c_str(), m_old ? m_old->c_str() : nullptr); }

std::optional<ToWgs84> ToWgs84::from_definition(const std::string& definition, std::string& error) {
    const QuietErrors quiet;
    ToWgs84 t;
    t.m_source = OSRNewSpatialReference(nullptr);
    t.m_target = OSRNewSpatialReference(nullptr);
    if (OSRSetFromUserInput(t.m_source, definition.c_str()) != OGRERR_NONE) {
        error = QuietErrors::last_message();
        if (error.empty()) error = "PROJ does not know it";
        return std::nullopt;
    }
    OSRImportFromEPSG(t.m_target, 4326);
    // x = easting or longitude first, whatever the authority's axis order (EPSG:4326 is latitude first).
    OSRSetAxisMappingStrategy(t.m_source, OAMS_TRADITIONAL_GIS_ORDER);
    OSRSetAxisMappingStrategy(t.m_target, OAMS_TRADITIONAL_GIS_ORDER);
    t.m_transform = OCTNewCoordinateTransformation(t.m_source, t.m_target);
    if (!t.m_transform) {
        error = QuietErrors::last_message();
        if (error.empty()) error = "PROJ cannot transform it to WGS84";
        return std::nullopt;
    }
    const char* name = OSRGetName(t.m_source);
    t.m_name = name ? name : definition;
    const char* authority = OSRGetAuthorityName(t.m_source, nullptr);
    const char* code = OSRGetAuthorityCode(t.m_source, nullptr);
    if (authority && code) t.m_name += " (" + std::string(authority) + ":" + code + ")";
    t.m_projected = OSRIsProjected(t.m_source) != 0;
    return t;
}

ToWgs84::ToWgs84(ToWgs84&& o) noexcept
    : m_source(std::exchange(o.m_source, nullptr)),
      m_target(std::exchange(o.m_target, nullptr)),
      m_transform(std::exchange(o.m_transform, nullptr)),
      m_name(std::move(o.m_name)),
      m_projected(o.m_projected) {}

ToWgs84& ToWgs84::operator=(ToWgs84&& o) noexcept {
    std::swap(m_source, o.m_source);
    std::swap(m_target, o.m_target);
    std::swap(m_transform, o.m_transform);
    std::swap(m_name, o.m_name);
    std::swap(m_projected, o.m_projected);
    return *this;
}

ToWgs84::~ToWgs84() {
    if (m_transform) OCTDestroyCoordinateTransformation(m_transform);
    if (m_source) OSRDestroySpatialReference(m_source);
    if (m_target) OSRDestroySpatialReference(m_target);
}

bool ToWgs84::transform(double x, double y, double& lon, double& lat) const {
    int ok = 0;
    const QuietErrors quiet;
    if (!OCTTransformEx(m_transform, 1, &x, &y, nullptr, &ok) || !ok) return false;
    lon = x;
    lat = y;
    return true;
}

}  // namespace maillon::gdal
