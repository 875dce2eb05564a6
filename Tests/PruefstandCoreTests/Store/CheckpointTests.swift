import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// The main job's imports with SQLite's automatic checkpoint held off (`Store.deferredCheckpoint()`): a
/// commit leaves its pages in the log, the store file grows only when the checkpoint started afterwards
/// has run, and nothing committed is lost on the way. The store file's size shows where the pages are.
@Suite("Deferred checkpoint")
struct CheckpointTests {
    /// 3,000 rows of 4,000 random bytes: about 3,000 pages, three times SQLite's automatic checkpoint.
    static let rows = 3000, rowBytes = 4000

    static func fileSize(_ path: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
    }

    static func writeBulk(_ store: Store) throws {
        try store.write { db in
            try db.execute(sql: "CREATE TABLE bulk (x BLOB NOT NULL)")
            try db.execute(sql: "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) INSERT INTO bulk SELECT randomblob(?) FROM n",
                           arguments: [rows, rowBytes])
        }
    }

    @Test("held off, a large commit stays in the log until the checkpoint; else SQLite copies it at the commit", arguments: [true, false])
    func largeCommit(deferred: Bool) throws {
        let (store, dir) = try TestSupport.tempStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = try Self.fileSize(store.path)
        let checkpoint = deferred ? store.deferredCheckpoint() : nil
        try Self.writeBulk(store)
        let afterCommit = try Self.fileSize(store.path)
        let data = Self.rows * Self.rowBytes
        if deferred {
            #expect(afterCommit == before, "the commit copied the log into the store")
            // Readers see the committed rows while they are only in the log.
            #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM bulk") } == Self.rows)
            checkpoint?.start()
            store.awaitCheckpoint()
        }
        #expect(try Self.fileSize(store.path) >= before + data, "the pages are not in the store file")
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM bulk WHERE length(x) = ?", arguments: [Self.rowBytes]) } == Self.rows)
    }

    @Test("after the deferred checkpoint the automatic one is on again: the next large commit is copied at once")
    func automaticAgain() throws {
        let (store, dir) = try TestSupport.tempStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            let checkpoint = store.deferredCheckpoint()
            try store.write { try $0.execute(sql: "CREATE TABLE small (x)") }
            checkpoint.start()
        }
        store.awaitCheckpoint()
        let before = try Self.fileSize(store.path)
        try Self.writeBulk(store)
        #expect(try Self.fileSize(store.path) >= before + Self.rows * Self.rowBytes)
    }

    @Test("a value given up without start() still turns the automatic checkpoint on and copies the log")
    func givenUp() throws {
        let (store, dir) = try TestSupport.tempStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = try Self.fileSize(store.path)
        do {
            let held = store.deferredCheckpoint()
            try Self.writeBulk(store)
            #expect(try Self.fileSize(store.path) == before)
            withExtendedLifetime(held) {}
        }
        store.awaitCheckpoint()
        #expect(try Self.fileSize(store.path) >= before + Self.rows * Self.rowBytes)
    }

    @Test("an import of the kind with a file of this size: only then is a file hashed before its import", arguments: [
        (ImportKind.ledger, 1234, true), (.ledger, 1235, false), (.plan, 1234, false),
    ])
    func sizeKnown(kind: ImportKind, byteCount: Int, expected: Bool) throws {
        let (store, dir) = try TestSupport.tempStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try !store.hasImport(kind: kind, byteCount: byteCount))
        try store.write { db in
            try db.execute(sql: ImportRunSQL.begin, arguments: ["ledger", "/x/ledger.csv", "abc", 1234, nil, nil, "2026-01-01T00:00:00Z",
                                                                "2026-01-01T00:00:00Z", "abort", "test", "ledger", "append", nil])
        }
        #expect(try store.hasImport(kind: kind, byteCount: byteCount) == expected)
    }
}
