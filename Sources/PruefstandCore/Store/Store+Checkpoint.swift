import GRDB
import GRDBSQLite

/// When the imports' write-ahead log is copied into the store (issue 18).
///
/// SQLite copies the log into the store file at the first commit that leaves more than 1,000 pages in it
/// (its automatic checkpoint): for a ledger of a million postings about 100 MB, copied and synced while the
/// importing thread waits, before anything else can run. The main job instead imports with the automatic
/// checkpoint off and starts one passive checkpoint on the writer's queue once its imports are committed,
/// while the analyses read on other connections (a passive checkpoint never blocks readers or waits for
/// them; SQLite copies what no reader still needs, readers find every page in the log or the store). Each
/// import is still one transaction, committed to the log before the next starts; a crash before the
/// checkpoint leaves committed transactions in the log, where SQLite finds them at the next open (as it
/// does after any crash in WAL mode). `awaitCheckpoint()` waits for it: the run returns with the log copied and
/// synced, as before. The write lock of the run (`StoreLock`) is held throughout, as before.
extension Store {
    /// SQLite's default for `wal_autocheckpoint` (pages).
    static let autoCheckpointPages: Int32 = 1000

    /// Turns the writer's automatic checkpoint off until the returned value's `start()` (or its end) turns it
    /// on again and starts a passive checkpoint on the writer's queue, without waiting for it.
    public func deferredCheckpoint() -> DeferredCheckpoint {
        DeferredCheckpoint(store: self)
    }

    /// Waits until the writer's queue has done what it was given (the checkpoint a `DeferredCheckpoint` started).
    public func awaitCheckpoint() {
        if isReadOnly { return }
        writer.writeWithoutTransaction { _ in }
    }
}

/// The automatic checkpoint held off while the main job imports (`Store.deferredCheckpoint()`).
public final class DeferredCheckpoint {
    private let store: Store
    private var started = false

    fileprivate init(store: Store) {
        self.store = store
        if store.isReadOnly { started = true; return }
        store.writer.writeWithoutTransaction { db in
            if let conn = db.sqliteConnection { sqlite3_wal_autocheckpoint(conn, 0) }
        }
    }

    /// Turns the automatic checkpoint on again and starts a passive checkpoint on the writer's queue.
    public func start() {
        if started { return }
        started = true
        store.writer.asyncWriteWithoutTransaction { db in
            if let conn = db.sqliteConnection { sqlite3_wal_autocheckpoint(conn, Store.autoCheckpointPages) }
            // A failed passive checkpoint loses nothing: the log keeps the committed pages for the next one.
            _ = try? db.checkpoint(.passive)
        }
    }

    deinit { start() }
}
