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
        let what: Phrase, todo: Phrase
        if let known = cases.first(where: { $0.codes.contains(code & 0xFF) }) {
            what = known.what.replacing("{input}", de: input, en: input)
            todo = " " + known.todo
        } else {
            what = Phrase(de: "SQLite ist beim Import von \(input) gescheitert (Code \(code)).", en: "SQLite failed (code \(code)) while importing \(input).")
            todo = ""
        }
        return .store(path: store, message: what + " " + unchanged + todo + Phrase(" (SQLite: \(plain))"))
    }

    /// The failures an import names by their primary result code (`code & 0xFF`): what happened, with `{input}`
    /// for the input file, and what to do, in both languages. Any other code is named by its number.
    private static let cases: [(codes: Set<Int32>, what: Phrase, todo: Phrase)] = [
        ([13], // SQLITE_FULL
         Phrase(de: "der Datenträger des Speichers ist voll (oder der Speicher hat seine Größengrenze erreicht) beim Import von {input}.",
                en: "the disk holding the store is full (or the store reached its size limit) while importing {input}."),
         Phrase(de: "Auf diesem Datenträger Platz schaffen oder mit --db in einen Speicher auf einem anderen Datenträger importieren und den Import erneut ausführen.",
                en: "Free space on that disk, or import into a store on another disk with --db, and run the import again.")),
        ([10], // SQLITE_IOERR
         Phrase(de: "ein Lese- oder Schreibfehler auf dem Datenträger des Speichers beim Import von {input}.",
                en: "a read or write error on the disk of the store while importing {input}."),
         Phrase(de: "Den Datenträger prüfen (freier Platz, ein entferntes Laufwerk, eine weggefallene Netzwerkfreigabe) und den Import erneut ausführen.",
                en: "Check the disk (free space, a removed drive, a network share that went away) and run the import again.")),
        ([8], // SQLITE_READONLY
         Phrase(de: "der Speicher ist schreibgeschützt, daher kann {input} nicht in ihn importiert werden.",
                en: "the store is read-only, so {input} cannot be imported into it."),
         Phrase(de: "Die Rechte der Speicherdatei und ihres Ordners prüfen oder mit --db in einen anderen Speicher importieren.",
                en: "Check the permissions of the store file and its folder, or import into another store with --db.")),
        ([5, 6], // SQLITE_BUSY, SQLITE_LOCKED
         Phrase(de: "der Speicher ist belegt: ein anderer Import oder Lauf schreibt in ihn, daher konnte {input} nicht importiert werden.",
                en: "the store is busy: another import or run is writing to it, so {input} could not be imported."),
         Phrase(de: "Den Import erneut ausführen, wenn der andere fertig ist.",
                en: "Run the import again when the other one has finished.")),
        ([11, 26], // SQLITE_CORRUPT, SQLITE_NOTADB
         Phrase(de: "die Speicherdatei ist beschädigt, daher konnte {input} nicht importiert werden.",
                en: "the store file is damaged, so {input} could not be imported."),
         Phrase(de: "Den Speicher aus einer Sicherung wiederherstellen oder mit --db einen neuen Speicher beginnen und die Dateien erneut importieren.",
                en: "Restore the store from a backup, or start a new store with --db and import the files again.")),
        ([14], // SQLITE_CANTOPEN
         Phrase(de: "die Dateien des Speichers lassen sich beim Import von {input} nicht öffnen (sein Ordner fehlt vielleicht oder ist nicht beschreibbar).",
                en: "the store's files cannot be opened while importing {input} (its folder may be missing or not writable)."),
         Phrase(de: "Den Ordner des Speichers prüfen oder mit --db in einen anderen Speicher importieren.",
                en: "Check the folder of the store, or import into another store with --db.")),
    ]
}
