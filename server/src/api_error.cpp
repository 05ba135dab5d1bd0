#include "maillon/server/api_error.hpp"

#include <nlohmann/json.hpp>

#include <array>

namespace maillon::server {
namespace {

constexpr std::array<ErrorInfo, 9> table{{
    {ErrorCode::unknown_parameter, "UnknownParameter", 400},
    {ErrorCode::invalid_value, "InvalidValue", 400},
    {ErrorCode::invalid_bbox, "InvalidBbox", 400},
    {ErrorCode::missing_parameter, "MissingParameter", 400},
    {ErrorCode::no_segment, "NoSegment", 400},
    {ErrorCode::not_found, "NotFound", 404},
    {ErrorCode::method_not_allowed, "MethodNotAllowed", 405},
    {ErrorCode::too_large, "TooLarge", 413},
    {ErrorCode::internal, "Internal", 500},
}};

}  // namespace

const ErrorInfo& error_info(ErrorCode code) noexcept { return table[static_cast<std::size_t>(code)]; }

std::string error_body(ErrorCode code, const std::string& message) {
    nlohmann::ordered_json j;
    j["error"] = {{"code", error_info(code).name}, {"message", message}};
    // The message may echo request input that is not valid UTF-8 (a path or parameter from the
    // client): replace such bytes with U+FFFD rather than throw (nlohmann's default).
    return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace maillon::server
