import CPruefstandShims
import Foundation
import GRDB

/// The one embedded SQLite file that holds everything Pruefstand imports and decides.
///
/// `open(path:)` is for commands that write: it creates the file if needed, switches on WAL and foreign
/// keys, and brings the schema up to date (migrations run once, under SQLite's write lock, so several
/// processes may open a new store at the same time). `openReadOnly(path:)` is for commands that only
/// read (`store info`, `report`, `export`, the analyses): it never creates a file, never migrates and
/// works on a store the user may not write (file mode 0444, a read-only folder or medium). Readers get
/// snapshot isolation while one writer imports. Errors name the store and say what to do (`Store.error`).
///
///     let store = try Store.openReadOnly(path: "pruefstand.sqlite")
///     let n = try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM v_ledger") }
public final class Store: @unchecked Sendable {
    /// The default file name in the working directory.
    public static let defaultFileName = "pruefstand.sqlite"
    public let writer: any DatabaseWriter
    public let path: String
    /// Opened by `openReadOnly`: writes fail.
    public let isReadOnly: Bool

    init(writer: any DatabaseWriter, path: String, readOnly: Bool = false) {
        self.writer = writer
        self.path = path
        self.isReadOnly = readOnly
    }

    /// The store path from `--db`, else `PRUEFSTAND_DB`, else `pruefstand.sqlite` here.
    public static func resolvePath(_ explicit: String?) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let env = ProcessInfo.processInfo.environment["PRUEFSTAND_DB"], !env.isEmpty { return env }
        return defaultFileName
    }

    /// Process-wide SQLite settings, made once before the first connection opens (SQLite refuses
    /// them later, harmlessly): no memory statistics, which cost a global mutex per allocation.
    private static let processConfigured: Int32 = pf_sqlite_configure()

    static func configuration(readonly: Bool = false) -> Configuration {
        _ = processConfigured
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.readonly = readonly
        config.busyMode = .timeout(30)
        config.prepareDatabase { db in
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            try db.execute(sql: "PRAGMA cache_size = -16000")   // 16 MB page cache
        }
        return config
    }

    /// Opens (creating if needed) the store file and brings its schema up to date, for commands that write.
    public static func open(path: String) throws -> Store {
        do {
            if FileManager.default.fileExists(atPath: path) { try checkIsFile(path) }
            let pool = try openPool(path: path)
            try migrate(pool)
            return Store(writer: pool, path: path)
        } catch let error as PruefstandError {
            throw error
        } catch {
            throw Store.error(error, path: path)
        }
    }

    /// A writing pool. Opening switches a new file to WAL and writes once (GRDB's set-up) in a deferred
    /// transaction, which SQLite refuses at once with SQLITE_BUSY (no busy wait) when another process has
    /// just committed, e.g. its migrations on the same new store: then opening is tried again.
    private static func openPool(path: String) throws -> DatabasePool {
        var attempt = 0
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration())
            } catch let error as DatabaseError where error.resultCode.primaryResultCode == .SQLITE_BUSY && attempt < 100 {
                attempt += 1
                usleep(useconds_t(20_000 + 1_000 * Int.random(in: 0..<30)))
            }
        }
    }

    /// Opens an existing store for reading only: no file is created, nothing is migrated or written, and
    /// a store the user may not write works. A missing path is an error that names it.
    public static func openReadOnly(path: String) throws -> Store {
        guard FileManager.default.fileExists(atPath: path) else {
            throw PruefstandError.store(path: path, message: Phrase(
                de: "kein Speicher unter diesem Pfad (nichts wurde angelegt); erst Daten importieren (pruefstand import … oder pruefstand run STADT) oder mit --db die richtige Datei angeben",
                en: "no store at this path (nothing was created); import data first (pruefstand import … or pruefstand run CITY) or pass --db with the right file"))
        }
        try checkIsFile(path)
        do {
            let store: Store
            do {
                store = try readOnlyStore(at: path, immutable: false)
            } catch let error as DatabaseError where [.SQLITE_CANTOPEN, .SQLITE_READONLY].contains(error.resultCode.primaryResultCode) {
                // A WAL store whose -shm file cannot be made here (a read-only folder or medium): read the file
                // as it is. Safe, because nobody can write where we cannot create a file next to the store;
                // but committed changes still in a -wal file would be missed, so then say what to do instead.
                let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
                guard wal == 0 else {
                    throw PruefstandError.store(path: path, message: Phrase(
                        de: "hat Änderungen in \(path)-wal, die nur mit Schreibrecht auf seinen Ordner lesbar sind (\(error.message ?? "\(error)")); ihn einmal dort öffnen, wo Sie schreiben dürfen, oder den Speicher mit seiner -wal-Datei an einen beschreibbaren Ort kopieren",
                        en: "has changes in \(path)-wal that can only be read with write access to its folder (\(error.message ?? "\(error)")); open it once where you may write, or copy the store together with its -wal file somewhere writable"))
                }
                store = try readOnlyStore(at: path, immutable: true)
            }
            let complete = try store.read { try migrator.hasCompletedMigrations($0) }
            guard complete else {
                throw PruefstandError.store(path: path, message: Phrase(
                    de: "das Schema des Speichers ist älter als diese Version von Pruefstand (oder die Datei ist kein Pruefstand-Speicher); ihn einmal mit einem schreibenden Befehl öffnen (pruefstand import …), der ihn aktualisiert",
                    en: "the store's schema is older than this version of Pruefstand (or the file is no Pruefstand store); open it once with a command that writes (pruefstand import …), which updates it"))
            }
            return store
        } catch let error as PruefstandError {
            throw error
        } catch {
            throw Store.error(error, path: path)
        }
    }

    private static func readOnlyStore(at path: String, immutable: Bool) throws -> Store {
        let location = immutable ? uri(path, query: "immutable=1") : path
        let pool = try DatabasePool(path: location, configuration: configuration(readonly: true))
        // Touch the schema now, so that a file SQLite cannot read fails here and not in the first query.
        _ = try pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") }
        return Store(writer: pool, path: path, readOnly: true)
    }

    /// `file:` URI of a path (Debian's SQLite accepts URI file names).
    static func uri(_ path: String, query: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?" + query
    }

    private static func checkIsFile(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw PruefstandError.store(path: path, message: Phrase(de: "ist ein Ordner, keine Speicherdatei; mit --db einen Dateinamen angeben", en: "is a folder, not a store file; pass --db with a file name"))
        }
    }

    /// A private in-memory store, for tests.
    public static func inMemory() throws -> Store {
        let queue = try DatabaseQueue(configuration: configuration())
        try migrate(queue)
        return Store(writer: queue, path: ":memory:")
    }

    /// Reads in a snapshot; SQLite errors become `PruefstandError.store` naming this store (`Store.error`).
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        let scope = AmountCheck.token   // the closure may run on GRDB's queue: amounts report to the caller's scope
        do { return try writer.read { db in try AmountCheck.inheriting(scope) { try body(db) } } }
        catch let error as DatabaseError { throw Store.error(error, path: path) }
    }

    /// Writes in one transaction; SQLite errors become `PruefstandError.store` naming this store.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        if isReadOnly { throw PruefstandError.store(path: path, message: Phrase(de: "nur lesend geöffnet; dieser Befehl darf nicht schreiben", en: "opened read-only; this command must not write")) }
        let scope = AmountCheck.token
        do { return try writer.write { db in try AmountCheck.inheriting(scope) { try body(db) } } }
        catch let error as DatabaseError { throw Store.error(error, path: path) }
    }
}
