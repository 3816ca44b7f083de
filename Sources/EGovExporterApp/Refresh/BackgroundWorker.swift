import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One long-lived thread, at a lower CPU priority, that runs blocking work one job at a time:
/// the refresh's database reads, and the snapshot downloads' store reads and renderings (each
/// with its own worker). Scrapes are served by the event-loop threads at normal priority, so on
/// a busy machine that work yields the CPU to them instead of competing for it.
final class BackgroundWorker: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []

    /// `niceness` is added to the thread's nice value (Linux: a per-thread attribute).
    init(name: String, niceness: Int32) {
        let thread = Thread { [self] in
            #if canImport(Glibc)
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
            #endif
            run()
        }
        thread.name = name
        thread.start()
    }

    /// Queues `job`; jobs run in order.
    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Runs `body` on the worker and returns its result.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            submit { continuation.resume(with: Result { try body() }) }
        }
    }

    private func run() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }
}
