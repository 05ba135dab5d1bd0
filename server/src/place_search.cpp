#include "place_search.hpp"

#include "text_fold.hpp"

#include "maillon/communes.hpp"

#include <algorithm>
#include <map>
#include <sstream>

namespace maillon::server {
namespace {

std::vector<std::string> words_of(const std::string& folded) {
    std::vector<std::string> out;
    std::istringstream in{folded};
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

/// -1 when the name does not match; else the quality of PlaceMatch.
int match_quality(const std::string& name, const std::string& query, const std::vector<std::string>& query_words) {
    if (name == query) return 0;
    if (name.compare(0, query.size(), query) == 0) return 1;
    const auto starts_a_word = [&name](const std::string& w) {
        for (std::size_t at = name.find(w); at != std::string::npos; at = name.find(w, at + 1)) {
            if (at == 0 || name[at - 1] == ' ') return true;
        }
        return false;
    };
    if (std::all_of(query_words.begin(), query_words.end(), starts_a_word)) return 2;
    if (name.find(query) != std::string::npos) return 3;
    return -1;
}

}  // namespace

std::string_view key(Place::Kind k) noexcept { return k == Place::Kind::commune ? "commune" : "street"; }

PlaceSearch::PlaceSearch(const Graph& g) {
    const auto& d = g.data();
    // Communes: their boxes from their rings.
    for (std::size_t c = 0; c < g.commune_count(); ++c) {
        Place p;
        p.kind = Place::Kind::commune;
        p.name = d.names[d.commune_name[c]];
        p.insee = d.names[d.commune_insee[c]];
        for (std::uint32_t r = d.commune_first_ring[c]; r < d.commune_first_ring[c + 1]; ++r) {
            for (std::uint32_t k = d.commune_ring_begin[r]; k < d.commune_ring_begin[r + 1]; ++k) p.box.extend(d.commune_ring_coords[k]);
        }
        if (p.name.empty() || !p.box.valid()) continue;
        p.center = Coord::from_degrees((p.box.min_lon + p.box.max_lon) / 2, (p.box.min_lat + p.box.max_lat) / 2);
        p.folded = fold_for_search(p.name);
        m_places.push_back(std::move(p));
    }
    // Streets: one entry per (name, commune), so that two "Rue de la République" of two communes stay two.
    const CommuneLocator communes{g};
    struct Acc {
        BBox box;
        double length = 0;
        double longest = -1;
        Coord center;
    };
    std::map<std::pair<std::uint32_t, std::int32_t>, Acc> streets;
    for (EdgeId e = 0; e < g.edge_count(); ++e) {
        const std::uint32_t name = d.edge_name[e];
        if (name == 0) continue;
        const std::vector<Coord> shape = g.shape(e);
        // the middle of the way's vertices (of its two ends for a straight edge, not one of them)
        const std::size_t n = shape.size();
        const Coord mid = n % 2 ? shape[n / 2]
                                : Coord::from_degrees((shape[n / 2 - 1].lon() + shape[n / 2].lon()) / 2,
                                                      (shape[n / 2 - 1].lat() + shape[n / 2].lat()) / 2);
        Acc& a = streets[{name, communes.empty() ? -1 : communes.at(mid)}];
        for (const Coord c : shape) a.box.extend(c);
        a.length += g.length_m(e);
        if (g.length_m(e) > a.longest) {
            a.longest = g.length_m(e);
            a.center = mid;
        }
    }
    std::map<std::uint32_t, std::string> folded_names;
    for (const auto& [k, a] : streets) {
        Place p;
        p.kind = Place::Kind::street;
        p.name = d.names[k.first];
        if (k.second >= 0) p.commune = d.names[d.commune_name[static_cast<std::size_t>(k.second)]];
        p.box = a.box;
        p.center = a.center;
        p.length_m = a.length;
        auto [it, fresh] = folded_names.try_emplace(k.first);
        if (fresh) it->second = fold_for_search(p.name);
        p.folded = it->second;
        if (!p.folded.empty()) m_places.push_back(std::move(p));
    }
}

std::vector<PlaceMatch> PlaceSearch::find(const std::string& folded_query, const std::vector<Place::Kind>& kinds) const {
    std::vector<PlaceMatch> out;
    if (folded_query.empty()) return out;
    const std::vector<std::string> words = words_of(folded_query);
    for (const Place& p : m_places) {
        if (!kinds.empty() && std::find(kinds.begin(), kinds.end(), p.kind) == kinds.end()) continue;
        const int q = match_quality(p.folded, folded_query, words);
        if (q >= 0) out.push_back({&p, q});
    }
    std::sort(out.begin(), out.end(), [](const PlaceMatch& a, const PlaceMatch& b) {
        if (a.quality != b.quality) return a.quality < b.quality;
        if (a.place->kind != b.place->kind) return a.place->kind < b.place->kind;
        if (a.place->length_m != b.place->length_m) return a.place->length_m > b.place->length_m;
        if (a.place->name != b.place->name) return a.place->name < b.place->name;
        return a.place->commune < b.place->commune;
    });
    return out;
}

}  // namespace maillon::server
