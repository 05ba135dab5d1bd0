#pragma once
// The threads that serve connections: cpp-httplib's ThreadPool with a bound on the connections
// waiting for a thread. cpp-httplib's own queue grows without limit, so a flood of connections
// would hold unbounded file descriptors and memory; here, once `max_queued` connections wait,
// enqueue() blocks the accept loop and further clients wait in the kernel's listen backlog.

#include <httplib.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace maillon::server {

class ConnectionPool : public httplib::TaskQueue {
public:
    ConnectionPool(std::size_t threads, std::size_t max_queued);
    ~ConnectionPool() override;

    /// Queues a connection; blocks while `max_queued` are already waiting (until a thread takes
    /// one, or shutdown()).
    void enqueue(std::function<void()> fn) override;
    /// Runs what is queued, then joins the threads. Unblocks a waiting enqueue() (which then drops
    /// nothing: its task is queued and run too).
    void shutdown() override;

    std::size_t queued() const;

private:
    void work();

    const std::size_t m_max_queued;
    mutable std::mutex m_mutex;
    std::condition_variable m_has_task;   // a thread may take a task
    std::condition_variable m_has_room;   // enqueue may add one
    std::deque<std::function<void()>> m_tasks;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

}  // namespace maillon::server
