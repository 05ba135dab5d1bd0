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

namespace detail {

/// For each first letter, the range of key_names starting with it: a key is then compared with a handful of
/// names, length first, where a binary search over all of them costs half a dozen string comparisons.
struct KeyIndex {
    std::array<std::uint8_t, 27> first{};  // by letter 'a'..'z': first key; [26]: key_count
    constexpr KeyIndex() {
        std::size_t k = 0;
        for (std::size_t letter = 0; letter < 26; ++letter) {
            first[letter] = static_cast<std::uint8_t>(k);
            while (k < key_count && static_cast<std::size_t>(key_names[k][0] - 'a') == letter) ++k;
        }
        first[26] = static_cast<std::uint8_t>(k);
    }
};
inline constexpr KeyIndex key_index{};
static_assert(key_index.first[26] == key_count, "every key starts with a lowercase letter");

}  // namespace detail

/// The key's position in the key table, or nullopt for a key no rule reads. `key` is null-terminated: it is
/// compared with the few names of its first letter without measuring it first (most keys of a city's objects,
/// addr:*, source, building:*, are read by no rule).
inline std::optional<Key> key_of(const char* key) noexcept {
    const char c = key[0];
    if (c < 'a' || c > 'z') return std::nullopt;
    const auto letter = static_cast<std::size_t>(c - 'a');
    for (std::size_t k = detail::key_index.first[letter]; k < detail::key_index.first[letter + 1]; ++k) {
        // Character by character: the key's terminating '\0' differs from every character of a name, so the loop
        // never reads past the key; most candidates differ within two characters.
        const std::string_view name = key_names[k];
        std::size_t i = 1;
        while (i < name.size() && key[i] == name[i]) ++i;
        if (i == name.size() && key[i] == '\0') return static_cast<Key>(k);
    }
    return std::nullopt;
}

class TagView {
public:
    explicit TagView(const osmium::TagList& tags) noexcept {
        for (const osmium::Tag& tag : tags) {
            const char* k = tag.key();
            if (const auto key = key_of(k)) {
                const auto i = static_cast<std::size_t>(*key);
                const char* v = k + key_names[i].size() + 1;  // a Tag is its key and its value, both null-terminated
                m_values[i] = Value{v, std::strlen(v)};
                m_present |= std::uint64_t{1} << i;
            }
        }
    }

    /// The value, "" when the key is absent (data() is then nullptr).
    std::string_view operator[](Key key) const noexcept {
        if (!has(key)) return {};
        const Value& v = m_values[static_cast<std::size_t>(key)];
        return {v.data, v.size};
    }
    bool has(Key key) const noexcept { return (m_present >> static_cast<std::size_t>(key)) & 1U; }
    /// Present with this value.
    bool is(Key key, std::string_view value) const noexcept { return has(key) && (*this)[key] == value; }
    /// Present with a value other than "no".
    bool present(Key key) const noexcept { return has(key) && (*this)[key] != "no"; }
    /// The value as a C string, nullptr when absent.
    const char* c_str(Key key) const noexcept { return (*this)[key].data(); }

private:
    // Only the values of the keys present are set: a bit each says which (an object has a few of the keys, and
    // clearing the whole array for each of millions of ways cost more than reading their tags).
    struct Value {  // trivial, unlike std::string_view, so that the array is left uninitialised
        const char* data;
        std::size_t size;
    };
    Value m_values[key_count];  // NOLINT(modernize-avoid-c-arrays): see Value
    std::uint64_t m_present = 0;
    static_assert(key_count <= 64, "one bit a key");
};

/// Whether `value` is one of `values`.
template <typename Table>
constexpr bool one_of(std::string_view value, const Table& values) noexcept {
    // No table holds "": an absent tag, the usual case, needs no comparison.
    return !value.empty() && std::find(values.begin(), values.end(), value) != values.end();
}

}  // namespace maillon::importers::tags
