#include "maillon/server/connection_pool.hpp"

namespace maillon::server {

ConnectionPool::ConnectionPool(std::size_t threads, std::size_t max_queued) : m_max_queued(max_queued > 0 ? max_queued : 1) {
    if (threads == 0) threads = 1;
    m_threads.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i) m_threads.emplace_back([this] { work(); });
}

ConnectionPool::~ConnectionPool() { shutdown(); }

void ConnectionPool::enqueue(std::function<void()> fn) {
    std::unique_lock<std::mutex> lock{m_mutex};
    m_has_room.wait(lock, [this] { return m_stopping || m_tasks.size() < m_max_queued; });
    m_tasks.push_back(std::move(fn));
    m_has_task.notify_one();
}

void ConnectionPool::shutdown() {
    {
        std::lock_guard<std::mutex> lock{m_mutex};
        if (m_stopping) return;  // httplib calls shutdown(), then the destructor does
        m_stopping = true;
    }
    m_has_task.notify_all();
    m_has_room.notify_all();
    for (std::thread& t : m_threads) t.join();
    m_threads.clear();
}

std::size_t ConnectionPool::queued() const {
    std::lock_guard<std::mutex> lock{m_mutex};
    return m_tasks.size();
}

void ConnectionPool::work() {
    for (;;) {
        std::function<void()> task;
        {
            std::unique_lock<std::mutex> lock{m_mutex};
            m_has_task.wait(lock, [this] { return m_stopping || !m_tasks.empty(); });
            if (m_tasks.empty()) return;  // stopping, nothing left to run
            task = std::move(m_tasks.front());
            m_tasks.pop_front();
        }
        m_has_room.notify_one();
        // The server's handlers catch everything; should an exception still escape cpp-httplib
        // (whose error handler and logger run outside its own try), lose that one connection
        // rather than the process.
        try {
            task();
        } catch (...) {
        }
    }
}

}  // namespace maillon::server
