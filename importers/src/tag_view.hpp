#pragma once
// An object's tags read once: the value of every key of the key table (tag_tables.hpp), by position. The rules
// then look keys up by index instead of scanning the tag list with strcmp for each of the ~60 keys they read,
// which was a third of the import's time on city data.

#include "tag_tables.hpp"

#include <osmium/osm/tag.hpp>

#include <algorithm>
#include <cstring>
#include <optional>
#include <string_view>

namespace maillon::importers::tags {

/// The key's position in the key table, or nullopt for a key no rule reads.
inline std::optional<Key> key_of(std::string_view key) noexcept {
    const auto it = std::lower_bound(key_names.begin(), key_names.end(), key);
    if (it == key_names.end() || *it != key) return std::nullopt;
    return static_cast<Key>(it - key_names.begin());
}

class TagView {
public:
    explicit TagView(const osmium::TagList& tags) noexcept {
        for (const osmium::Tag& tag : tags) {
            const char* k = tag.key();
            const std::size_t n = std::strlen(k);
            if (const auto key = key_of(std::string_view{k, n})) {
                const char* v = k + n + 1;  // a Tag is its key and its value, both null-terminated, one after the other
                m_values[static_cast<std::size_t>(*key)] = std::string_view{v};
            }
        }
    }

    /// The value, "" when the key is absent (data() is then nullptr).
    std::string_view operator[](Key key) const noexcept { return m_values[static_cast<std::size_t>(key)]; }
    bool has(Key key) const noexcept { return (*this)[key].data() != nullptr; }
    /// Present with this value.
    bool is(Key key, std::string_view value) const noexcept { return has(key) && (*this)[key] == value; }
    /// Present with a value other than "no".
    bool present(Key key) const noexcept { return has(key) && (*this)[key] != "no"; }
    /// The value as a C string, nullptr when absent.
    const char* c_str(Key key) const noexcept { return (*this)[key].data(); }

private:
    std::array<std::string_view, key_count> m_values{};
};

/// Whether `value` is one of `values`.
template <typename Table>
constexpr bool one_of(std::string_view value, const Table& values) noexcept {
    return std::find(values.begin(), values.end(), value) != values.end();
}

}  // namespace maillon::importers::tags
