#pragma once
// evaluate_way() on tags already read into a TagView, so that the reading pass reads each way's tags once for
// the way rules and the place rules (place_rules.hpp).

#include "maillon/importers/way_profile.hpp"
#include "tag_view.hpp"

namespace maillon::importers {

WayProfile evaluate_way(const tags::TagView& tags);

}  // namespace maillon::importers
