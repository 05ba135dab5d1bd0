#pragma once
// Names compared the way a planner types them: "faubourg du temple" finds "Rue du Faubourg-du-Temple",
// "creteil" finds "Créteil", "l'hopital" finds "Boulevard de l’Hôpital".

#include <string>
#include <unordered_map>
#include <string_view>

namespace maillon::server {

/// UTF-8 text folded for comparison: ICU's transliteration to ASCII (accents and ligatures
/// dropped, "ß" → "ss", any script to Latin), lower case, every run of non-alphanumeric
/// characters (hyphens, apostrophes, punctuation) one space, no leading or trailing space.
std::string fold_for_search(std::string_view utf8);

/// The commune filter: whether a name equals the wanted one once both are folded. Folds the wanted
/// name once and remembers each name it saw (a request compares thousands of gaps, a few communes).
class FoldedEquals {
public:
    explicit FoldedEquals(std::string_view wanted) : m_wanted(fold_for_search(wanted)) {}
    bool operator()(const std::string& name);

private:
    std::string m_wanted;
    std::unordered_map<std::string, bool> m_seen;
};

}  // namespace maillon::server
