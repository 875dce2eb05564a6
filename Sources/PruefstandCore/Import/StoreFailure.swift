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
        let unchanged = Phrase(de: "Nichts wurde importiert; der Speicher ist wie zuvor.", en: "Nothing was imported; the store is as it was before.")
        var plain = message
        if let r = plain.range(of: #"^SQLite error \d+: "#, options: .regularExpression) { plain.removeSubrange(r) }
        let detail = Phrase(" (SQLite: \(plain))")
        let text: Phrase
        switch code & 0xFF {
        case 13:   // SQLITE_FULL
            text = Phrase(de: "der Datenträger des Speichers ist voll (oder der Speicher hat seine Größengrenze erreicht) beim Import von \(input). \(unchanged.de) "
                            + "Auf diesem Datenträger Platz schaffen oder mit --db in einen Speicher auf einem anderen Datenträger importieren und den Import erneut ausführen.",
                          en: "the disk holding the store is full (or the store reached its size limit) while importing \(input). \(unchanged.en) "
                            + "Free space on that disk, or import into a store on another disk with --db, and run the import again.")
        case 10:   // SQLITE_IOERR
            text = Phrase(de: "ein Lese- oder Schreibfehler auf dem Datenträger des Speichers beim Import von \(input). \(unchanged.de) "
                            + "Den Datenträger prüfen (freier Platz, ein entferntes Laufwerk, eine weggefallene Netzwerkfreigabe) und den Import erneut ausführen.",
                          en: "a read or write error on the disk of the store while importing \(input). \(unchanged.en) "
                            + "Check the disk (free space, a removed drive, a network share that went away) and run the import again.")
        case 8:    // SQLITE_READONLY
            text = Phrase(de: "der Speicher ist schreibgeschützt, daher kann \(input) nicht in ihn importiert werden. \(unchanged.de) "
                            + "Die Rechte der Speicherdatei und ihres Ordners prüfen oder mit --db in einen anderen Speicher importieren.",
                          en: "the store is read-only, so \(input) cannot be imported into it. \(unchanged.en) "
                            + "Check the permissions of the store file and its folder, or import into another store with --db.")
        case 5, 6: // SQLITE_BUSY, SQLITE_LOCKED
            text = Phrase(de: "der Speicher ist belegt: ein anderer Import oder Lauf schreibt in ihn, daher konnte \(input) nicht importiert werden. \(unchanged.de) "
                            + "Den Import erneut ausführen, wenn der andere fertig ist.",
                          en: "the store is busy: another import or run is writing to it, so \(input) could not be imported. \(unchanged.en) "
                            + "Run the import again when the other one has finished.")
        case 11, 26: // SQLITE_CORRUPT, SQLITE_NOTADB
            text = Phrase(de: "die Speicherdatei ist beschädigt, daher konnte \(input) nicht importiert werden. \(unchanged.de) "
                            + "Den Speicher aus einer Sicherung wiederherstellen oder mit --db einen neuen Speicher beginnen und die Dateien erneut importieren.",
                          en: "the store file is damaged, so \(input) could not be imported. \(unchanged.en) "
                            + "Restore the store from a backup, or start a new store with --db and import the files again.")
        case 14:   // SQLITE_CANTOPEN
            text = Phrase(de: "die Dateien des Speichers lassen sich beim Import von \(input) nicht öffnen (sein Ordner fehlt vielleicht oder ist nicht beschreibbar). \(unchanged.de) "
                            + "Den Ordner des Speichers prüfen oder mit --db in einen anderen Speicher importieren.",
                          en: "the store's files cannot be opened while importing \(input) (its folder may be missing or not writable). \(unchanged.en) "
                            + "Check the folder of the store, or import into another store with --db.")
        default:
            text = Phrase(de: "SQLite ist beim Import von \(input) gescheitert (Code \(code)). \(unchanged.de)",
                          en: "SQLite failed (code \(code)) while importing \(input). \(unchanged.en)")
        }
        return .store(path: store, message: text + detail)
    }
}
