import Dispatch

/// Independent pieces of work run side by side, one per core.
enum Concurrently {
    /// Runs every task (concurrently, up to the number of cores) and waits for all of them. If any throws,
    /// the error of the first such task in list order is rethrown after all have finished.
    static func run(_ tasks: [@Sendable () throws -> Void]) throws {
        // One slot per task, each written by its task only.
        let errors = UnsafeMutableBufferPointer<Error?>.allocate(capacity: tasks.count)
        errors.initialize(repeating: nil)
        defer { errors.deinitialize(); errors.deallocate() }
        nonisolated(unsafe) let slots = errors
        DispatchQueue.concurrentPerform(iterations: tasks.count) { i in
            do { try tasks[i]() } catch { slots[i] = error }
        }
        if let first = errors.compactMap({ $0 }).first { throw first }
    }
}
