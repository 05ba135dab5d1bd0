#include "route_searches.hpp"

#include <future>

namespace maillon::server {
namespace {

/// One filter's landmarks and hierarchy, the hierarchy's core reading its copy of their rows.
template <typename Filter>
void prepare_filter(const Graph& g, const Filter& filter, const RouteComponents& components, std::size_t count,
                    RouteLandmarks& landmarks, RouteHierarchy& hierarchy) {
    landmarks = RouteLandmarks{g, filter, components, count};
    hierarchy = RouteHierarchy{g, arc_mask(g, filter)};
    hierarchy.copy_core_bounds(landmarks);
}

}  // namespace

RouteSearches::RouteSearches(const Graph& g, std::size_t count, std::size_t landmarks)
    : m_bike(g, ModeFilter{&g, Mode::bike}), m_low_stress(g, LowStressFilter{&g, 2}) {
    // The two filters are independent and prepared single-threaded: one on another thread halves
    // the start time on two cores (an exception there is rethrown here by get()).
    auto low_stress = std::async(std::launch::async, [this, &g, landmarks] {
        prepare_filter(g, LowStressFilter{&g, 2}, m_low_stress, landmarks, m_low_stress_landmarks, m_low_stress_hierarchy);
    });
    prepare_filter(g, ModeFilter{&g, Mode::bike}, m_bike, landmarks, m_bike_landmarks, m_bike_hierarchy);
    low_stress.get();
    if (count == 0) count = 1;
    for (std::size_t i = 0; i < count; ++i) {
        m_free.push_back(std::make_unique<HierarchySearch>(g));
        m_free.back()->prepare(m_bike_hierarchy);
        m_free.back()->prepare(m_low_stress_hierarchy);
    }
}

RouteSearches::Lease RouteSearches::acquire() {
    std::unique_lock<std::mutex> lock{m_mutex};
    // First come, first served: a free search goes to the caller only when nobody waits; else the
    // caller queues, and a returned search is handed to the head of the queue. Without the queue,
    // a thread that just returned a search took it again before the woken waiter ran, and under
    // load some requests waited many turns (the route p99); one condition variable a waiter wakes
    // only the one served (notify_all on a shared one cost 40 % of the short routes' throughput).
    if (m_waiting.empty() && !m_free.empty()) {
        std::unique_ptr<HierarchySearch> s = std::move(m_free.back());
        m_free.pop_back();
        return Lease{*this, std::move(s)};
    }
    Waiter self;
    m_waiting.push_back(&self);
    self.served.wait(lock, [&self] { return self.search != nullptr; });
    return Lease{*this, std::move(self.search)};
}

std::size_t RouteSearches::waiting() {
    std::lock_guard<std::mutex> lock{m_mutex};
    return m_waiting.size();
}

void RouteSearches::give_back(std::unique_ptr<HierarchySearch> search) {
    std::lock_guard<std::mutex> lock{m_mutex};
    if (m_waiting.empty()) {
        m_free.push_back(std::move(search));
        return;
    }
    Waiter* next = m_waiting.front();
    m_waiting.pop_front();
    next->search = std::move(search);
    next->served.notify_one();  // under the lock: `next` cannot return (and vanish) before it is released
}

RouteSearches::Lease::~Lease() {
    if (m_search) m_pool->give_back(std::move(m_search));  // else moved from
}

}  // namespace maillon::server
