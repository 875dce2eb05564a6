import Foundation

/// Turns a SQLite failure during an import ("SQLite error 13") into a message that names the input file,
/// the store and what to do. The import runs in one transaction, so every such failure leaves the store
/// as it was before the import; the message says so.
///
///     StoreFailure.describe(code: 13, message: "database or disk is full", input: "ledger.csv", store: "pruefstand.sqlite")
///     // store pruefstand.sqlite: the disk holding the store is full … while importing ledger.csv …
enum StoreFailure {
    /// The SQLite result code in a message of the form `SQLite error N: …`, if any.
    static func sqliteCode(in text: String) -> Int32? {
        guard let range = text.range(of: "SQLite error ") else { return nil }
        let digits = text[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
        return Int32(digits)
    }

    static func describe(code: Int32, message: String, input: String, store: String) -> PruefstandError {
        let unchanged = "Nothing was imported; the store is as it was before."
        var plain = message
        if let r = plain.range(of: #"^SQLite error \d+: "#, options: .regularExpression) { plain.removeSubrange(r) }
        let detail = " (SQLite: \(plain))"
        let text: String
        switch code & 0xFF {
        case 13:   // SQLITE_FULL
            text = "the disk holding the store is full (or the store reached its size limit) while importing \(input). \(unchanged) "
                + "Free space on that disk, or import into a store on another disk with --db, and run the import again."
        case 10:   // SQLITE_IOERR
            text = "a read or write error on the disk of the store while importing \(input). \(unchanged) "
                + "Check the disk (free space, a removed drive, a network share that went away) and run the import again."
        case 8:    // SQLITE_READONLY
            text = "the store is read-only, so \(input) cannot be imported into it. \(unchanged) "
                + "Check the permissions of the store file and its folder, or import into another store with --db."
        case 5, 6: // SQLITE_BUSY, SQLITE_LOCKED
            text = "the store is busy: another import or run is writing to it, so \(input) could not be imported. \(unchanged) "
                + "Run the import again when the other one has finished."
        case 11, 26: // SQLITE_CORRUPT, SQLITE_NOTADB
            text = "the store file is damaged, so \(input) could not be imported. \(unchanged) "
                + "Restore the store from a backup, or start a new store with --db and import the files again."
        case 14:   // SQLITE_CANTOPEN
            text = "the store's files cannot be opened while importing \(input) (its folder may be missing or not writable). \(unchanged) "
                + "Check the folder of the store, or import into another store with --db."
        default:
            text = "SQLite failed (code \(code)) while importing \(input). \(unchanged)"
        }
        return .store(path: store, message: text + detail)
    }
}
