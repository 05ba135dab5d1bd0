// An analysis profile as `maillon analyze --profile` reads it: the bounded JSON parser, then
// profile_from_json; an accepted profile must write back and read again as itself.
// Contract: a profile, or input_error / argument_error (CLI exit 1 / 2) / json::parse_error.

#include "maillon/analysis/results_json.hpp"
#include "maillon/errors.hpp"
#include "maillon/importers/json_input.hpp"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text{reinterpret_cast<const char*>(data), size};
    try {
        const auto j = maillon::importers::parse_json_bounded(text, "profile");
        const maillon::AnalysisProfile p = maillon::analysis::profile_from_json(j);
        const auto written = maillon::analysis::profile_to_json(p);
        if (maillon::analysis::profile_to_json(maillon::analysis::profile_from_json(written)) != written) std::abort();
    } catch (const maillon::input_error&) {
    } catch (const maillon::argument_error&) {
    } catch (const nlohmann::json::parse_error&) {
    }
    return 0;
}
