#pragma once
#include "maillon/importers/osm_import.hpp"
#include "raw_ways.hpp"

namespace maillon::importers {

/// The reading pass (see osm_import.hpp). @throws input_error naming the file.
RawWays read_ways(const std::string& path, const ImportOptions& options, ImportReport& report);

}  // namespace maillon::importers
