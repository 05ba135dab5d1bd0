#pragma once
// The route searches of the server: a few RouteSearch objects (graph-sized work arrays, 12 bytes
// a node) lent to requests one at a time. Routing is CPU-bound, so more searches than cores gain
// nothing, while one per connection thread would multiply the memory by the thread count.

#include "maillon/route.hpp"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

namespace maillon::server {

class RouteSearches {
public:
    /// `count` searches over g, allocated up front so that the server's memory does not grow
    /// under load.
    RouteSearches(const Graph& g, std::size_t count);

    /// A search for the caller alone, returned to the pool when the lease ends.
    class Lease {
    public:
        Lease(RouteSearches& pool, std::unique_ptr<RouteSearch> search) : m_pool(&pool), m_search(std::move(search)) {}
        Lease(Lease&&) = default;
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        RouteSearch& operator*() const noexcept { return *m_search; }
        RouteSearch* operator->() const noexcept { return m_search.get(); }

    private:
        RouteSearches* m_pool;
        std::unique_ptr<RouteSearch> m_search;
    };

    /// Waits until a search is free.
    Lease acquire();

private:
    std::mutex m_mutex;
    std::condition_variable m_returned;
    std::vector<std::unique_ptr<RouteSearch>> m_free;
};

}  // namespace maillon::server
