#pragma once
// One loop over independent items on the engine's threads, for the steps whose results go to a
// slot per item (so that they do not depend on which thread did what).

#include "maillon/flows.hpp"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace maillon {

/// Runs work(i) for every i in [0, n) on up to engine_threads() threads, each taking the next i
/// when it is done (items of very different cost balance themselves). work(i) may write only
/// what belongs to item i.
template <typename Work>
void parallel_for_each_index(std::size_t n, const Work& work) {
    std::atomic<std::size_t> next{0};
    const auto run = [&] {
        for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < n;) work(i);
    };
    const unsigned threads = std::max(1U, std::min<unsigned>(engine_threads(), static_cast<unsigned>(std::min<std::size_t>(n, 64))));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(run);
    run();
    for (auto& th : pool) th.join();
}

}  // namespace maillon
