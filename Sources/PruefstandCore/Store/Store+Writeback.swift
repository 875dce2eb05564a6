import CPruefstandShims
import Foundation
import GRDB
import GRDBSQLite

/// Starts the kernel's write-back of the store's write-ahead log while a large import writes it, so that
/// the sync of the log at the commit's checkpoint (`synchronous = NORMAL`: SQLite syncs the log before it
/// copies the pages into the store, then the store) finds most pages already on disk instead of writing
/// the whole log then. It only starts writing (Linux `sync_file_range` with `SYNC_FILE_RANGE_WRITE`, which
/// waits for nothing); SQLite's own syncs, and so atomicity and durability, are unchanged. A no-op on other
/// systems and for stores without a log file.
///
/// The log file is opened read-only beside SQLite's own descriptor: SQLite keeps no locks on it (its WAL
/// locks live on the `-shm` file), so closing this descriptor releases none of SQLite's locks. The store
/// file itself is never opened here, for that reason.
final class WALWriteback: @unchecked Sendable {
    private let fd: Int32
    private let busy = NSLock()
    private var inFlight = false

    /// Nil when the store has no log file (an in-memory or temporary store).
    init?(_ db: Database) {
        guard let conn = db.sqliteConnection, let name = sqlite3_db_filename(conn, "main"), name.pointee != 0 else { return nil }
        let fd = open(String(cString: name) + "-wal", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        self.fd = fd
    }
    deinit { close(fd) }

    /// Starts write-back of the log's dirty pages on another thread (at most one request at a time): the
    /// calling thread, SQLite's writer, never waits for the disk here.
    func start() {
        busy.lock()
        if inFlight { busy.unlock(); return }
        inFlight = true
        busy.unlock()
        DispatchQueue.global().async { [self] in
            _ = pf_start_writeback(fd)
            busy.lock(); inFlight = false; busy.unlock()
        }
    }
}
