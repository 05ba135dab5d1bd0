#include "french_format.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <limits>

namespace maillon::outputs {

namespace {
constexpr std::string_view thin_space = "\u202F";  // narrow no-break space, as Intl.NumberFormat('fr-FR')
}

std::string fr_number(double v, int digits) {
    if (!std::isfinite(v)) return "—";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, std::fabs(v));
    std::string s = buf;
    const std::size_t dot = s.find('.');
    std::string whole = s.substr(0, dot);
    const std::string decimals = dot == std::string::npos ? "" : s.substr(dot + 1);
    std::string grouped;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) grouped += thin_space;
        grouped += whole[i];
    }
    // "-0" is not a number anyone writes.
    bool zero = true;
    for (const char c : s) zero = zero && (c == '0' || c == '.');
    std::string out = (v < 0 && !zero ? "−" : "") + grouped;
    if (!decimals.empty()) out += "," + decimals;
    return out;
}

double number_or_nan(const json& v) {
    return v.is_number() ? v.get<double>() : std::numeric_limits<double>::quiet_NaN();
}

std::string fr_number(const json& v, int digits) { return fr_number(number_or_nan(v), digits); }

std::string fr_length(double m) {
    if (!std::isfinite(m)) return "—";
    return m < 1000 ? fr_number(m) + " m" : fr_number(m / 1000, 2) + " km";
}

std::string fr_km(double km, int digits) { return std::isfinite(km) ? fr_number(km, digits) + " km" : "—"; }

std::string fr_share(const json& v) { return v.is_number() ? fr_number(100 * v.get<double>(), 1) + " %" : "—"; }

std::string fr_points(const json& v) {
    if (!v.is_number()) return "—";
    const double n = v.get<double>();
    const std::string sign = n > 0.05 ? "+" : n < -0.05 ? "−" : "";
    return sign + fr_number(std::fabs(n), 1) + (std::fabs(n) >= 2 ? " pts" : " pt");
}

std::string fr_date(std::string_view iso) {
    static const std::array<const char*, 12> months{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
                                                    "août", "septembre", "octobre", "novembre", "décembre"};
    int y = 0, m = 0, d = 0;
    if (iso.size() < 10 || std::sscanf(std::string{iso.substr(0, 10)}.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 ||
        m > 12 || d < 1 || d > 31) {
        return std::string{iso};
    }
    return std::to_string(d) + (d == 1 ? "er " : " ") + months[static_cast<std::size_t>(m - 1)] + " " + std::to_string(y);
}

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace maillon::outputs
