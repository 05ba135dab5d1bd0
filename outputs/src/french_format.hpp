#pragma once
// Numbers, lengths, shares and dates written the French way for the report (narrow no-break space
// between thousands, decimal comma), as web-static/js/labels.js writes them on the map, and HTML
// escaping. Missing values (null, NaN) are written "—".

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace maillon::outputs {

using json = nlohmann::ordered_json;

/// "12 345" or "12 345,6" (digits after the comma); "—" when not finite.
std::string fr_number(double v, int digits = 0);
/// The same from a JSON value; "—" for null or a non-number.
std::string fr_number(const json& v, int digits = 0);
/// Metres as "850 m" or "1,25 km".
std::string fr_length(double m);
/// Kilometres as "12,3 km".
std::string fr_km(double km, int digits = 1);
/// A share 0–1 as "80,1 %"; "—" for null.
std::string fr_share(const json& v);
/// Percentage points with their sign: "+2,5 pts", "−0,3 pt"; "—" for null.
std::string fr_points(const json& v);
/// "2025-10-18T06:00:00Z" → "18 octobre 2025"; the text as it is when it is not a date.
std::string fr_date(std::string_view iso);

/// Text for HTML content and attribute values.
std::string html_escape(std::string_view s);

/// A JSON number, or NaN for null and non-numbers.
double number_or_nan(const json& v);

}  // namespace maillon::outputs
