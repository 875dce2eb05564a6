import Foundation
import GRDB
import GRDBSQLite

/// A prepared SQLite statement used directly through the C API, for the import hot path where
/// GRDB's `StatementArguments` would allocate per row, and for the audit's scan of the ledger where
/// a GRDB `Row` per posting would. Only the store, the importer's sinks and the audit use it.
final class RawStatement {
    private var stmt: OpaquePointer?
    private let db: OpaquePointer
    let sql: String
    /// SQLITE_TRANSIENT: SQLite copies bound text before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ database: Database, sql: String) throws {
        guard let conn = database.sqliteConnection else { throw PruefstandError.other("store connection is closed") }
        db = conn
        self.sql = sql
        let rc = sqlite3_prepare_v2(conn, sql, -1, &stmt, nil)
        guard rc == SQLITE_OK else {
            throw PruefstandError.other("SQLite prepare failed: \(String(cString: sqlite3_errmsg(conn))) in \(sql)")
        }
    }
    deinit { sqlite3_finalize(stmt) }

    @inline(__always) func bind(_ i: Int32, _ v: Int64) { sqlite3_bind_int64(stmt, i, v) }
    @inline(__always) func bind(_ i: Int32, _ v: Int) { sqlite3_bind_int64(stmt, i, Int64(v)) }
    @inline(__always) func bindNull(_ i: Int32) { sqlite3_bind_null(stmt, i) }
    @inline(__always) func bind(_ i: Int32, bytes: UnsafeBufferPointer<UInt8>) {
        bindText(i, bytes, RawStatement.transient)
    }
    /// Binds text without a copy (SQLITE_STATIC): the bytes must stay valid and unchanged until the
    /// statement has stepped and every parameter was bound anew. The ledger pipeline's batches are.
    @inline(__always) func bindNoCopy(_ i: Int32, bytes: UnsafeBufferPointer<UInt8>) {
        bindText(i, bytes, nil)
    }
    @inline(__always) private func bindText(_ i: Int32, _ bytes: UnsafeBufferPointer<UInt8>, _ destructor: sqlite3_destructor_type?) {
        if let base = bytes.baseAddress {
            _ = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { sqlite3_bind_text(stmt, i, $0, Int32(bytes.count), destructor) }
        } else {
            sqlite3_bind_text(stmt, i, "", 0, RawStatement.transient)
        }
    }
    func bind(_ i: Int32, _ s: String?) {
        guard let s else { sqlite3_bind_null(stmt, i); return }
        sqlite3_bind_text(stmt, i, s, -1, RawStatement.transient)
    }

    /// Runs the statement (an insert) and resets it for the next row. Returns the SQLite result code
    /// so a constraint violation can become a rejected row instead of a failed import.
    @discardableResult
    func step() throws -> Int32 {
        let rc = sqlite3_step(stmt)
        sqlite3_reset(stmt)
        if rc == SQLITE_DONE || rc == SQLITE_ROW { return SQLITE_DONE }
        if rc == SQLITE_CONSTRAINT || (rc & 0xFF) == SQLITE_CONSTRAINT { return SQLITE_CONSTRAINT }
        throw PruefstandError.other("SQLite error \(rc): \(String(cString: sqlite3_errmsg(db)))")
    }

    // MARK: Reading (a query stepped row by row, for the audit's scan of the ledger)

    /// Steps a query without resetting it: `true` when a row is there (read it with the column
    /// accessors below, valid until the next step), `false` when the query is done.
    func nextRow() throws -> Bool {
        let rc = sqlite3_step(stmt)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw PruefstandError.other("SQLite error \(rc): \(String(cString: sqlite3_errmsg(db))) in \(sql)")
    }
    /// Resets a query so that it can be bound and stepped again.
    func reset() { sqlite3_reset(stmt) }
    @inline(__always) func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(stmt, column) }
    /// A text column's bytes up to its first NUL byte, as GRDB's `String` decoding
    /// (`String(cString:)`) sees them; empty for NULL. Valid until the next step or reset.
    @inline(__always) func text(_ column: Int32) -> UnsafeRawBufferPointer {
        guard let p = sqlite3_column_text(stmt, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let n = Int(sqlite3_column_bytes(stmt, column))
        let raw = UnsafeRawPointer(p)
        if let nul = memchr(raw, 0, n) { return UnsafeRawBufferPointer(start: raw, count: raw.distance(to: UnsafeRawPointer(nul))) }
        return UnsafeRawBufferPointer(start: raw, count: n)
    }

    /// A text column's bytes, all of them (a NUL inside included); empty for NULL. Valid until the next step or reset.
    @inline(__always) func bytes(_ column: Int32) -> UnsafeRawBufferPointer {
        guard let p = sqlite3_column_text(stmt, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: UnsafeRawPointer(p), count: Int(sqlite3_column_bytes(stmt, column)))
    }

    var lastError: String { String(cString: sqlite3_errmsg(db)) }
}
