#include "maillon/importers/json_input.hpp"

#include "maillon/errors.hpp"

#include <istream>

namespace maillon::importers {
namespace {

struct too_deep {};

/// nlohmann's parser callback sees each container open at its depth (the containers already
/// open around it): stop at the first one past the bound, before building anything deeper.
bool depth_check(int depth, nlohmann::ordered_json::parse_event_t event, nlohmann::ordered_json&) {
    using event_t = nlohmann::ordered_json::parse_event_t;
    if ((event == event_t::object_start || event == event_t::array_start) && depth >= max_json_depth) throw too_deep{};
    return true;
}

template <typename Input>
nlohmann::ordered_json parse(Input&& input, const std::string& what) {
    try {
        return nlohmann::ordered_json::parse(std::forward<Input>(input), depth_check);
    } catch (const too_deep&) {
        throw input_error{what + " nests arrays or objects more than " + std::to_string(max_json_depth) +
                          " levels deep: it is not the file expected (a GeoJSON or GBFS file nests about 10)"};
    } catch (const nlohmann::ordered_json::out_of_range& e) {
        // A number beyond a double ("1e999"): nlohmann throws out_of_range.406, not a parse_error
        // (found by fuzzing; it escaped every reader).
        std::string msg = e.what();
        const auto bracket = msg.find("] ");
        if (bracket != std::string::npos) msg = msg.substr(bracket + 2);
        throw input_error{what + " is not valid JSON: " + msg + " (numbers must lie within ±1.8e308)"};
    }
}

}  // namespace

nlohmann::ordered_json parse_json_bounded(const std::string& text, const std::string& what) { return parse(text, what); }

nlohmann::ordered_json parse_json_bounded(std::istream& in, const std::string& what) { return parse(in, what); }

}  // namespace maillon::importers
