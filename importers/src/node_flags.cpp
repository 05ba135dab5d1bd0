#include "node_flags.hpp"

#include "maillon/graph.hpp"

namespace maillon::importers {

std::uint8_t node_flags_of(const tags::TagView& t) noexcept {
    using tags::Key;
    std::uint8_t flags = 0;
    const std::string_view highway = t[Key::highway];
    const std::string_view crossing = t[Key::crossing];
    if (highway == "traffic_signals" || crossing == "traffic_signals") flags |= node_traffic_signals;
    // Only a marked crossing earns the crossing-stress discount (docs/traffic-stress.md).
    const std::string_view markings = t[Key::crossing_markings];
    if (tags::one_of(crossing, tags::marked_crossing_values) || (!markings.empty() && markings != "no")) flags |= node_crossing;
    if (tags::one_of(highway, tags::stop_values)) flags |= node_stop;
    if (t.has(Key::barrier)) flags |= node_barrier;
    return flags;
}

}  // namespace maillon::importers
