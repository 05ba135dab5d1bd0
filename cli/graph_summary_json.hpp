#pragma once
#include "maillon/graph_summary.hpp"

#include <nlohmann/json.hpp>

namespace maillon::cli {
/// The summary as `maillon info --json` prints it (documented in docs/cli.md).
nlohmann::ordered_json to_json(const GraphSummary& s);
}  // namespace maillon::cli
