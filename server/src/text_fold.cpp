#include "text_fold.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <stdexcept>

namespace maillon::server {
namespace {

/// One transliterator per thread: ICU documents them as not safe to share between threads.
const icu::Transliterator& to_ascii_lower() {
    thread_local const std::unique_ptr<icu::Transliterator> t = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> created{
            icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status)};
        if (U_FAILURE(status) || !created) {
            throw std::runtime_error{std::string{"ICU transliterator Any-Latin; Latin-ASCII; Lower: "} + u_errorName(status)};
        }
        return created;
    }();
    return *t;
}

bool ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

std::string fold_for_search(std::string_view utf8) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece{utf8.data(), static_cast<int32_t>(utf8.size())});
    to_ascii_lower().transliterate(u);
    std::string ascii;
    u.toUTF8String(ascii);
    std::string out;
    out.reserve(ascii.size());
    for (const char c : ascii) {
        if (ascii_alnum(c)) out += c;
        else if (!out.empty() && out.back() != ' ') out += ' ';
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

bool FoldedEquals::operator()(const std::string& name) {
    const auto it = m_seen.find(name);
    if (it != m_seen.end()) return it->second;
    const bool equal = fold_for_search(name) == m_wanted;
    m_seen.emplace(name, equal);
    return equal;
}

}  // namespace maillon::server
