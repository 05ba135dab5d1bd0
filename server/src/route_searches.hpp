#pragma once
// The route searches of the server: a contraction hierarchy per filter (the bike network and its
// low-stress part), built once at start, and a few HierarchySearch objects (graph-sized work
// arrays, 32 bytes a node and 24 a core node) lent to requests one at a time, first come first served. Routing is CPU-bound, so more
// searches than cores gain nothing, while one per connection thread would multiply the memory
// by the thread count.

#include "maillon/route_hierarchy.hpp"
#include "maillon/route_landmarks.hpp"

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

namespace maillon::server {

class RouteSearches {
public:
    /// `count` searches over g, allocated up front so that the server's memory does not grow
    /// under load; components, a hierarchy and `landmarks` landmarks (for its core search) per
    /// filter, the two filters prepared in parallel. 16 landmarks rather than 8: the core's A*
    /// settles 28-34 % fewer nodes on 20-60 km routes of the 1,000 x 1,000 grid (docs/performance.md),
    /// for 64 bytes a node per filter instead of 32.
    RouteSearches(const Graph& g, std::size_t count, std::size_t landmarks = 16);

    /// A search for the caller alone, returned to the pool when the lease ends.
    class Lease {
    public:
        Lease(RouteSearches& pool, std::unique_ptr<HierarchySearch> search) : m_pool(&pool), m_search(std::move(search)) {}
        Lease(Lease&&) = default;
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        HierarchySearch& operator*() const noexcept { return *m_search; }
        HierarchySearch* operator->() const noexcept { return m_search.get(); }

    private:
        RouteSearches* m_pool;
        std::unique_ptr<HierarchySearch> m_search;
    };

    /// Waits until a search is free, in the order of the calls.
    Lease acquire();
    /// Calls of acquire() waiting for a search (tests).
    std::size_t waiting();

    /// Components of the bike network and of its low-stress part (LTS <= 2): a route between
    /// two components is refused at once, without taking a search from the pool.
    const RouteComponents& bike_components() const noexcept { return m_bike; }
    const RouteComponents& low_stress_components() const noexcept { return m_low_stress; }
    const RouteHierarchy& bike_hierarchy() const noexcept { return m_bike_hierarchy; }
    const RouteHierarchy& low_stress_hierarchy() const noexcept { return m_low_stress_hierarchy; }
    const RouteLandmarks& bike_landmarks() const noexcept { return m_bike_landmarks; }
    const RouteLandmarks& low_stress_landmarks() const noexcept { return m_low_stress_landmarks; }

private:
    RouteComponents m_bike;
    RouteComponents m_low_stress;
    RouteHierarchy m_bike_hierarchy;
    RouteHierarchy m_low_stress_hierarchy;
    RouteLandmarks m_bike_landmarks;
    RouteLandmarks m_low_stress_landmarks;
    /// A caller of acquire() waiting for a search, on its own stack.
    struct Waiter {
        std::condition_variable served;
        std::unique_ptr<HierarchySearch> search;  // set by give_back
    };
    void give_back(std::unique_ptr<HierarchySearch> search);

    std::mutex m_mutex;
    std::vector<std::unique_ptr<HierarchySearch>> m_free;
    std::deque<Waiter*> m_waiting;  // in the order they called
};

}  // namespace maillon::server
