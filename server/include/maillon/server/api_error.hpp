#pragma once
// The one table of API errors (docs/api.md): a stable code, its HTTP status. Handlers throw
// ApiError; the server turns it into {"error": {"code", "message"}} in a single place.

#include <stdexcept>
#include <string>

namespace maillon::server {

enum class ErrorCode { unknown_parameter, invalid_value, invalid_bbox, missing_parameter, no_segment, not_found,
                       method_not_allowed, too_large, internal };

struct ErrorInfo {
    ErrorCode code;
    const char* name;  // the JSON "code"
    int status;
};

const ErrorInfo& error_info(ErrorCode code) noexcept;

class ApiError : public std::runtime_error {
public:
    ApiError(ErrorCode code, const std::string& message) : std::runtime_error(message), m_code(code) {}
    ErrorCode code() const noexcept { return m_code; }

private:
    ErrorCode m_code;
};

/// The JSON body of an error response.
std::string error_body(ErrorCode code, const std::string& message);

}  // namespace maillon::server
