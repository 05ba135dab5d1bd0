// The server's pool of route searches (server/src/route_searches.hpp): requests that wait for a
// search get one in the order they asked, so that under load no request waits many turns while
// later ones pass it (the route p99 of bench/serve-bench.sh).
#include "route_reference.hpp"
#include "route_searches.hpp"
#include "scenario.hpp"

#include <catch2/catch.hpp>

#include <mutex>
#include <thread>
#include <vector>

using maillon::server::RouteSearches;

TEST_CASE("route searches are lent first come, first served", "[server][route]") {
    const maillon::test::Scenario s = maillon::test::one_way_square();
    const maillon::Graph g = s.build();
    RouteSearches pool{g, 1, 2};
    std::mutex order_mutex;
    std::vector<int> order;
    std::vector<std::thread> waiters;
    {
        const auto held = pool.acquire();  // the only search: every later call waits
        for (int i = 0; i < 4; ++i) {
            waiters.emplace_back([&, i] {
                const auto lease = pool.acquire();
                const std::lock_guard<std::mutex> lock{order_mutex};
                order.push_back(i);
            });
            // The next waiter starts once this one is queued, so the call order is known.
            while (pool.waiting() != static_cast<std::size_t>(i) + 1) std::this_thread::yield();
        }
        CHECK(pool.waiting() == 4);
    }
    for (std::thread& t : waiters) t.join();
    CHECK(order == std::vector<int>{0, 1, 2, 3});
    CHECK(pool.waiting() == 0);
}

TEST_CASE("route searches: more free searches than waiters lend at once", "[server][route]") {
    const maillon::test::Scenario s = maillon::test::one_way_square();
    const maillon::Graph g = s.build();
    RouteSearches pool{g, 2, 2};
    const auto first = pool.acquire();
    const auto second = pool.acquire();  // the second search, no wait
    CHECK(pool.waiting() == 0);
}
