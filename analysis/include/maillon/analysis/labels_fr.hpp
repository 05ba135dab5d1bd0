#pragma once
// French labels of the engine's keys, for the files planners read (gaps.csv, the CLI summary, the
// report). The web map has its own copy in web-static/js/labels.js (the browser cannot read this
// one); tests/test_labels.cpp checks that both cover every key of the engine's tables.

#include "maillon/gap_classes.hpp"

#include <string_view>

namespace maillon::analysis {

std::string_view label_fr(GapClass c) noexcept;
std::string_view label_fr(Treatment t) noexcept;

}  // namespace maillon::analysis
