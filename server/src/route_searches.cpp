#include "route_searches.hpp"

#include <future>

namespace maillon::server {

RouteSearches::RouteSearches(const Graph& g, std::size_t count, std::size_t landmarks)
    : m_bike(g, ModeFilter{&g, Mode::bike}), m_low_stress(g, LowStressFilter{&g, 2}) {
    // The two filters are independent and prepared single-threaded: one on another thread halves
    // the start time on two cores (an exception there is rethrown here by get()).
    auto low_stress = std::async(std::launch::async, [this, &g, landmarks] {
        const LowStressFilter calm{&g, 2};
        m_low_stress_landmarks = RouteLandmarks{g, calm, m_low_stress, landmarks};
        m_low_stress_hierarchy = RouteHierarchy{g, arc_mask(g, calm)};
    });
    const ModeFilter bike{&g, Mode::bike};
    m_bike_landmarks = RouteLandmarks{g, bike, m_bike, landmarks};
    m_bike_hierarchy = RouteHierarchy{g, arc_mask(g, bike)};
    low_stress.get();
    if (count == 0) count = 1;
    for (std::size_t i = 0; i < count; ++i) m_free.push_back(std::make_unique<HierarchySearch>(g));
}

RouteSearches::Lease RouteSearches::acquire() {
    std::unique_lock<std::mutex> lock{m_mutex};
    // First come, first served: a ticket each, searches handed out in ticket order. Without it a
    // thread that just returned a search takes it again before the woken waiter runs, and under
    // load some requests wait many turns (the route p99).
    const std::uint64_t ticket = m_next_ticket++;
    m_returned.wait(lock, [this, ticket] { return ticket == m_serving && !m_free.empty(); });
    ++m_serving;
    std::unique_ptr<HierarchySearch> s = std::move(m_free.back());
    m_free.pop_back();
    const bool more = !m_free.empty();
    lock.unlock();
    if (more) m_returned.notify_all();  // the next ticket may take another free search
    return Lease{*this, std::move(s)};
}

std::size_t RouteSearches::waiting() {
    std::lock_guard<std::mutex> lock{m_mutex};
    return static_cast<std::size_t>(m_next_ticket - m_serving);
}

RouteSearches::Lease::~Lease() {
    if (!m_search) return;  // moved from
    {
        std::lock_guard<std::mutex> lock{m_pool->m_mutex};
        m_pool->m_free.push_back(std::move(m_search));
    }
    m_pool->m_returned.notify_all();  // only the next ticket's waiter proceeds
}

}  // namespace maillon::server
