#include "base_map.hpp"

#include "maillon/cycle_network.hpp"

#include <algorithm>
#include <cmath>

namespace maillon::outputs {

BaseMap::BaseMap(const Graph& g, const NetworkParams& network) : m_graph(&g), m_proj(LocalProjection::around(g.bbox())) {
    const auto& d = g.data();
    const std::size_t edges = g.edge_count();
    std::vector<std::uint8_t> keep(edges, 1), style(edges, 0);
    for (EdgeId e = 0; e < edges; ++e) style[e] = static_cast<std::uint8_t>(street_group(d.edge_highway[e]));
    add_chains(ChainLayer::street, keep, style);

    // The network and each edge's facility, as the server's network layer has them: the facility
    // ridden in a direction open to bikes, else the one mapped on the right-hand side.
    const CycleNetwork net{g, network};
    for (EdgeId e = 0; e < edges; ++e) {
        keep[e] = net.contains_edge(e) ? 1 : 0;
        Facility f = Facility::aucun;
        for (const ArcId a : {arc_of(e, false), arc_of(e, true)}) {
            if (f == Facility::aucun && g.allows(a, Mode::bike)) f = d.arc_facility[a];
        }
        if (f == Facility::aucun) f = d.arc_side_facility[2 * e];
        style[e] = static_cast<std::uint8_t>(f);
    }
    add_chains(ChainLayer::network, keep, style);
    build_index();
}

void BaseMap::add_chains(ChainLayer layer, const std::vector<std::uint8_t>& keep, const std::vector<std::uint8_t>& style) {
    const auto& d = m_graph->data();
    const std::size_t nodes = m_graph->node_count(), edges = m_graph->edge_count();
    // Kept edges at each node (CSR).
    std::vector<std::uint32_t> first(nodes + 1, 0);
    for (EdgeId e = 0; e < edges; ++e) {
        if (!keep[e]) continue;
        ++first[d.edge_source[e] + 1];
        ++first[d.edge_target[e] + 1];
    }
    for (std::size_t n = 0; n < nodes; ++n) first[n + 1] += first[n];
    std::vector<EdgeId> at(first[nodes]);
    std::vector<std::uint32_t> fill(first.begin(), first.end() - 1);
    for (EdgeId e = 0; e < edges; ++e) {
        if (!keep[e]) continue;
        at[fill[d.edge_source[e]]++] = e;
        at[fill[d.edge_target[e]]++] = e;
    }
    const auto same = [&](EdgeId a, EdgeId b) { return style[a] == style[b] && d.edge_name[a] == d.edge_name[b]; };
    // The one other edge of e's kind at n, when exactly two edges of that kind meet there.
    const auto continuation = [&](NodeId n, EdgeId e) -> std::int64_t {
        std::int64_t other = -1;
        int count = 0;
        for (std::uint32_t i = first[n]; i < first[n + 1]; ++i) {
            if (!same(at[i], e)) continue;
            ++count;
            if (at[i] != e) other = at[i];
        }
        return count == 2 ? other : -1;
    };

    std::vector<std::uint8_t> used(edges, 0);
    std::vector<std::uint32_t> back, front;
    for (EdgeId e0 = 0; e0 < edges; ++e0) {
        if (!keep[e0] || used[e0]) continue;
        used[e0] = 1;
        back.clear();
        front.clear();
        // Forward from the target, then backward from the source. Forward, an edge leaving n is not
        // reversed when n is its source; backward, an edge arriving at n when n is its target.
        const auto walk = [&](NodeId n, bool forward, std::vector<std::uint32_t>& out) {
            for (EdgeId last = e0;;) {
                const std::int64_t next = continuation(n, last);
                if (next < 0 || used[next]) break;
                const auto e = static_cast<EdgeId>(next);
                used[e] = 1;
                const NodeId near = forward ? d.edge_source[e] : d.edge_target[e];
                const NodeId far = forward ? d.edge_target[e] : d.edge_source[e];
                const bool reversed = near != n;
                out.push_back(e << 1 | (reversed ? 1U : 0U));
                n = reversed ? near : far;
                last = e;
            }
        };
        walk(d.edge_target[e0], true, front);
        walk(d.edge_source[e0], false, back);
        Chain c;
        c.first = static_cast<std::uint32_t>(m_edges.size());
        c.layer = layer;
        c.style = style[e0];
        c.name = d.edge_name[e0];
        m_edges.insert(m_edges.end(), back.rbegin(), back.rend());
        m_edges.push_back(e0 << 1);
        m_edges.insert(m_edges.end(), front.begin(), front.end());
        c.count = static_cast<std::uint32_t>(m_edges.size() - c.first);
        c.box = {1e300, 1e300, -1e300, -1e300};
        for (std::uint32_t i = c.first; i < c.first + c.count; ++i) {
            const EdgeId e = m_edges[i] >> 1;
            c.length_m += m_graph->length_m(e);
            for (std::uint32_t k = d.edge_shape_begin[e]; k < d.edge_shape_begin[e + 1]; ++k) {
                const double x = m_proj.x(d.shape[k]), y = m_proj.y(d.shape[k]);
                c.box = {std::min(c.box.x0, x), std::min(c.box.y0, y), std::max(c.box.x1, x), std::max(c.box.y1, y)};
            }
        }
        m_chains.push_back(c);
    }
}

void BaseMap::build_index() {
    m_extent = {1e300, 1e300, -1e300, -1e300};
    for (const Chain& c : m_chains) {
        m_extent = {std::min(m_extent.x0, c.box.x0), std::min(m_extent.y0, c.box.y0), std::max(m_extent.x1, c.box.x1),
                    std::max(m_extent.y1, c.box.y1)};
    }
    if (m_chains.empty()) m_extent = {0, 0, 1, 1};
    // About 200,000 cells at most, none under 250 m.
    m_cell = std::max(250.0, std::sqrt(std::max(1.0, m_extent.width() * m_extent.height()) / 200000.0));
    m_cols = static_cast<std::size_t>(m_extent.width() / m_cell) + 1;
    m_rows = static_cast<std::size_t>(m_extent.height() / m_cell) + 1;
    const auto col = [&](double x) { return std::min(m_cols - 1, static_cast<std::size_t>(std::max(0.0, (x - m_extent.x0) / m_cell))); };
    const auto row = [&](double y) { return std::min(m_rows - 1, static_cast<std::size_t>(std::max(0.0, (y - m_extent.y0) / m_cell))); };
    m_cell_first.assign(m_cols * m_rows + 1, 0);
    for (int pass = 0; pass < 2; ++pass) {
        std::vector<std::uint32_t> fill;
        if (pass == 1) {
            for (std::size_t i = 0; i + 1 < m_cell_first.size(); ++i) m_cell_first[i + 1] += m_cell_first[i];
            m_cell_chains.resize(m_cell_first.back());
            fill.assign(m_cell_first.begin(), m_cell_first.end() - 1);
        }
        for (std::uint32_t i = 0; i < m_chains.size(); ++i) {
            const PlaneBox& b = m_chains[i].box;
            for (std::size_t r = row(b.y0); r <= row(b.y1); ++r) {
                for (std::size_t c = col(b.x0); c <= col(b.x1); ++c) {
                    if (pass == 0) ++m_cell_first[r * m_cols + c + 1];
                    else m_cell_chains[fill[r * m_cols + c]++] = i;
                }
            }
        }
    }
    m_seen.assign(m_chains.size(), 0);
}

void BaseMap::for_each_in(const PlaneBox& w, const std::function<void(const Chain&)>& f) const {
    if (!w.intersects(m_extent)) return;
    if (++m_stamp == 0) {  // wrapped: forget every stamp
        std::fill(m_seen.begin(), m_seen.end(), 0);
        m_stamp = 1;
    }
    const auto col = [&](double x) { return std::min(m_cols - 1, static_cast<std::size_t>(std::max(0.0, (x - m_extent.x0) / m_cell))); };
    const auto row = [&](double y) { return std::min(m_rows - 1, static_cast<std::size_t>(std::max(0.0, (y - m_extent.y0) / m_cell))); };
    for (std::size_t r = row(w.y0); r <= row(w.y1); ++r) {
        for (std::size_t c = col(w.x0); c <= col(w.x1); ++c) {
            const std::size_t cell = r * m_cols + c;
            for (std::uint32_t i = m_cell_first[cell]; i < m_cell_first[cell + 1]; ++i) {
                const std::uint32_t id = m_cell_chains[i];
                if (m_seen[id] == m_stamp) continue;
                m_seen[id] = m_stamp;
                if (m_chains[id].box.intersects(w)) f(m_chains[id]);
            }
        }
    }
}

std::vector<std::pair<double, double>> BaseMap::line(const Chain& c) const {
    const auto& d = m_graph->data();
    std::vector<std::pair<double, double>> out;
    for (std::uint32_t i = c.first; i < c.first + c.count; ++i) {
        const EdgeId e = m_edges[i] >> 1;
        const bool reversed = (m_edges[i] & 1U) != 0;
        const std::uint32_t b = d.edge_shape_begin[e], end = d.edge_shape_begin[e + 1];
        for (std::uint32_t k = 0; k < end - b; ++k) {
            if (k == 0 && !out.empty()) continue;  // the shared node
            const Coord p = d.shape[reversed ? end - 1 - k : b + k];
            out.emplace_back(m_proj.x(p), m_proj.y(p));
        }
    }
    return out;
}

std::vector<Facility> BaseMap::facilities_in(const PlaneBox& window) const {
    std::vector<std::uint8_t> present(facility_count, 0);
    for_each_in(window, [&](const Chain& c) {
        if (c.layer == ChainLayer::network) present[c.style] = 1;
    });
    std::vector<Facility> out;
    for (int f = 0; f < facility_count; ++f) {
        if (present[static_cast<std::size_t>(f)]) out.push_back(static_cast<Facility>(f));
    }
    return out;
}

}  // namespace maillon::outputs
