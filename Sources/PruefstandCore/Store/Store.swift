import CPruefstandShims
import Foundation
import GRDB

/// The one embedded SQLite file that holds everything Pruefstand imports and decides.
///
/// Opening a store runs the versioned migrations (`Store+Migrations.swift`), switches on WAL and
/// foreign keys, and gives readers snapshot isolation while one writer imports.
///
///     let store = try Store.open(path: "pruefstand.sqlite")
///     let n = try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM v_ledger") }
public final class Store: @unchecked Sendable {
    /// The default file name in the working directory.
    public static let defaultFileName = "pruefstand.sqlite"
    public let writer: any DatabaseWriter
    public let path: String

    init(writer: any DatabaseWriter, path: String) throws {
        self.writer = writer
        self.path = path
        try Store.migrator.migrate(writer)
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

    /// Opens (creating if needed) the store file and brings its schema up to date.
    public static func open(path: String) throws -> Store {
        do {
            let pool = try DatabasePool(path: path, configuration: configuration())
            return try Store(writer: pool, path: path)
        } catch let error as DatabaseError {
            throw PruefstandError.store(path: path, message: error.message ?? "\(error)")
        }
    }

    /// A private in-memory store, for tests.
    public static func inMemory() throws -> Store {
        try Store(writer: DatabaseQueue(configuration: configuration()), path: ":memory:")
    }

    public func read<T>(_ body: (Database) throws -> T) throws -> T { try writer.read(body) }
    public func write<T>(_ body: (Database) throws -> T) throws -> T { try writer.write(body) }
}
