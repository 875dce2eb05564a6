import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One `run` or `import` at a time on a store.
///
/// Two runs on the same store at once would both find an input missing, both import it, and the second
/// would fail at its commit with "already imported … use --replace", naming neither the other run nor
/// what to do. So `run` and `import` hold an exclusive lock (`flock`) on the file `STORE-lock` beside the
/// store for as long as they work; a second one says that another run is in progress and waits for it
/// (up to `timeout` seconds), then finds the inputs in the store. The kernel releases the lock when its
/// process ends, also by SIGKILL, so a lock never outlives its run. Readers (`report`, `export`, …)
/// take no lock: SQLite gives them a consistent snapshot.
///
///     let lock = try StoreLock.acquire(store: "pruefstand.sqlite", timeout: 600) { print($0) }
///     defer { lock?.release() }
public final class StoreLock {
    /// The lock file beside the store.
    public let path: String
    private var fd: Int32

    private init(path: String, fd: Int32) { self.path = path; self.fd = fd }
    deinit { release() }

    /// Releases the lock (also done when the object goes away or the process ends).
    public func release() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    /// Takes the store's lock, waiting up to `timeout` seconds for another run to finish; `waiting` is
    /// told once when it has to wait. Returns nil when no lock file can be made beside the store (a
    /// read-only folder: nothing can be imported there anyway, and the import says so).
    public static func acquire(store: String, timeout: TimeInterval, waiting: (Phrase) -> Void) throws -> StoreLock? {
        let path = store + "-lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        guard fd >= 0 else { return nil }
        let deadline = Date().addingTimeInterval(max(0, timeout))
        var told = false
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else { close(fd); return nil }
            let pid = Self.holder(fd)
            let holder = Phrase(de: pid.map { " (Prozess \($0))" } ?? "", en: pid.map { " (process \($0))" } ?? "")
            if Date() >= deadline {
                close(fd)
                let seconds = Phrase.count(Int(timeout))
                throw PruefstandError.other(Phrase(
                    de: "ein anderer Lauf oder Import arbeitet gerade mit \(store)\(holder.de); erneut versuchen, wenn er fertig ist"
                        + (timeout > 0 ? " (\(seconds.de) s gewartet; --lock-timeout legt fest, wie lange)" : ", oder diesen mit --lock-timeout SEKUNDEN auf ihn warten lassen"),
                    en: "another run or import is in progress on \(store)\(holder.en); try again when it has finished"
                        + (timeout > 0 ? " (waited \(Int(timeout)) s; --lock-timeout sets how long)" : ", or let this one wait for it with --lock-timeout SECONDS")))
            }
            if !told {
                waiting(Phrase(de: "pruefstand: ein anderer Lauf oder Import arbeitet gerade mit \(store)\(holder.de); warte auf ihn (bis zu \(Phrase.count(Int(timeout)).de) s, --lock-timeout)",
                               en: "pruefstand: another run or import is in progress on \(store)\(holder.en); waiting for it (up to \(Int(timeout)) s, --lock-timeout)"))
                told = true
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        // Who holds the lock, for the message a second run shows (informational only).
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return StoreLock(path: path, fd: fd)
    }

    private static func holder(_ fd: Int32) -> Int? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        return Int(String(decoding: buffer[..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
