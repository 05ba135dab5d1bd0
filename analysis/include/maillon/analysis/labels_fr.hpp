#pragma once
// French labels of the engine's keys, for the files planners read (gaps.csv, the CLI summary, the
// report). The web map has its own copy in web-static/js/labels.js (the browser cannot read this
// one); tests/test_labels.cpp checks that both cover every key of the engine's tables.

#include "maillon/gap_classes.hpp"
#include "maillon/gaps.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace maillon::analysis {

std::string_view label_fr(GapClass c) noexcept;
std::string_view label_fr(Treatment t) noexcept;
std::string_view label_fr(DataIssue d) noexcept;

/// A distance in French: "480 m" (to 10 m from 100 m), "1,1 km" from 1 km.
std::string distance_fr(double metres);
/// A count in French, thousands apart with a no-break space: "1 240".
std::string count_fr(double n);
/// A count and its noun, singular for 0 and 1 as French has it: "1 maillon", "2 maillons".
std::string count_noun_fr(double n, std::string_view singular, std::string_view plural);

/// The gap in one French sentence, from its terms: "Relie deux tronçons séparés de 480 m, dessert
/// 1 240 habitants de Grand Belleville, évite un détour de 1,1 km." (docs/gaps.md, "Why each gap").
/// @param qpv_names the QPV it serves, in order; @param residents_known whether counts are residents.
std::string reason_fr(const Gap& gap, const std::vector<std::string>& qpv_names, bool residents_known);

}  // namespace maillon::analysis
