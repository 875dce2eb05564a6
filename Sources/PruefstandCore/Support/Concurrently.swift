import Dispatch

/// Independent pieces of work run side by side.
enum Concurrently {
    /// Runs every task on the global concurrent queue and waits for all of them. If any throws, the error
    /// of the first such task in list order is rethrown after all have finished.
    ///
    /// Not `concurrentPerform`: a `concurrentPerform` inside a task (the audit's checks, say) would then
    /// run nested, and Dispatch runs nested ones one iteration at a time.
    static func run(_ tasks: [@Sendable () throws -> Void]) throws {
        // One slot per task, each written by its task only; read after the group's wait.
        let errors = UnsafeMutableBufferPointer<Error?>.allocate(capacity: tasks.count)
        errors.initialize(repeating: nil)
        defer { errors.deinitialize(); errors.deallocate() }
        nonisolated(unsafe) let slots = errors
        let group = DispatchGroup()
        let scope = AmountCheck.token   // amounts out of range in a task are reported to the caller's scope
        for (i, task) in tasks.enumerated() {
            DispatchQueue.global().async(group: group) {
                do { try AmountCheck.inheriting(scope) { try task() } } catch { slots[i] = error }
            }
        }
        group.wait()
        if let first = errors.compactMap({ $0 }).first { throw first }
    }
}

/// Where one task of `Concurrently.run` leaves its result: written by that task only, read after
/// `run` has returned.
final class Slot<T>: @unchecked Sendable {
    var value: T?
    init() {}
}

/// Work started now on another thread, its value taken later: `value()` waits for it and returns the
/// value or rethrows the error. For work whose inputs are ready before the thread that needs its result
/// gets there (the report's drill-down is started when plan/actual is done, read by `ReportAssembly.build`),
/// so it runs wherever a core is free in between. Carries the caller's `AmountCheck` scope, as `Concurrently` does.
final class Pending<T>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: Result<T, Error>?   // written by the work only, read after the group's wait

    init(_ work: @escaping @Sendable () throws -> T) {
        let scope = AmountCheck.token
        DispatchQueue.global().async(group: group) {
            self.result = Result { try AmountCheck.inheriting(scope) { try work() } }
        }
    }

    /// The work's value, waiting for it if it has not finished; its error, rethrown.
    func value() throws -> T {
        group.wait()
        return try result!.get()
    }
}
