#pragma once
// French names (aliases) of the GeoPackage's fields, for QGIS's attribute table and forms; the
// field names themselves stay those of the GeoJSON files (docs/data-dictionary.md).

#include <string_view>

namespace maillon::outputs {

/// The alias of a field of a layer ("gaps", "network", …), "" when it has none.
std::string_view field_alias(std::string_view layer, std::string_view field) noexcept;

/// Whether a field is a number that may be null (written as Real even when a run has only nulls).
bool nullable_number(std::string_view field) noexcept;

}  // namespace maillon::outputs
