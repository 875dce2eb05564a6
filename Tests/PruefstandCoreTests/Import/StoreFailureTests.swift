import Foundation
import Testing
@testable import PruefstandCore

/// The message of a SQLite failure during an import (`StoreFailure.describe`): per result code what happened,
/// naming the input, that nothing was imported, and what to do, in both languages; the expected texts are
/// written out here from the cases' wording, not taken from the program.
@Suite struct StoreFailureTests {
    struct Case: Sendable, CustomStringConvertible {
        let code: Int32
        let en: String
        let de: String
        var description: String { "code \(code)" }
    }

    static let cases: [Case] = [
        Case(code: 13, en: "the disk holding the store is full (or the store reached its size limit) while importing in.csv. Nothing was imported; the store is as it was before. Free space on that disk, or import into a store on another disk with --db, and run the import again.",
             de: "der Datenträger des Speichers ist voll (oder der Speicher hat seine Größengrenze erreicht) beim Import von in.csv. Nichts wurde importiert; der Speicher ist wie zuvor. Auf diesem Datenträger Platz schaffen oder mit --db in einen Speicher auf einem anderen Datenträger importieren und den Import erneut ausführen."),
        // An extended code (SQLITE_IOERR_WRITE = 778) is named by its primary code, 10.
        Case(code: 778, en: "a read or write error on the disk of the store while importing in.csv. Nothing was imported; the store is as it was before. Check the disk (free space, a removed drive, a network share that went away) and run the import again.",
             de: "ein Lese- oder Schreibfehler auf dem Datenträger des Speichers beim Import von in.csv. Nichts wurde importiert; der Speicher ist wie zuvor. Den Datenträger prüfen (freier Platz, ein entferntes Laufwerk, eine weggefallene Netzwerkfreigabe) und den Import erneut ausführen."),
        Case(code: 8, en: "the store is read-only, so in.csv cannot be imported into it. Nothing was imported; the store is as it was before. Check the permissions of the store file and its folder, or import into another store with --db.",
             de: "der Speicher ist schreibgeschützt, daher kann in.csv nicht in ihn importiert werden. Nichts wurde importiert; der Speicher ist wie zuvor. Die Rechte der Speicherdatei und ihres Ordners prüfen oder mit --db in einen anderen Speicher importieren."),
        Case(code: 5, en: "the store is busy: another import or run is writing to it, so in.csv could not be imported. Nothing was imported; the store is as it was before. Run the import again when the other one has finished.",
             de: "der Speicher ist belegt: ein anderer Import oder Lauf schreibt in ihn, daher konnte in.csv nicht importiert werden. Nichts wurde importiert; der Speicher ist wie zuvor. Den Import erneut ausführen, wenn der andere fertig ist."),
        Case(code: 6, en: "the store is busy: another import or run is writing to it, so in.csv could not be imported. Nothing was imported; the store is as it was before. Run the import again when the other one has finished.",
             de: "der Speicher ist belegt: ein anderer Import oder Lauf schreibt in ihn, daher konnte in.csv nicht importiert werden. Nichts wurde importiert; der Speicher ist wie zuvor. Den Import erneut ausführen, wenn der andere fertig ist."),
        Case(code: 26, en: "the store file is damaged, so in.csv could not be imported. Nothing was imported; the store is as it was before. Restore the store from a backup, or start a new store with --db and import the files again.",
             de: "die Speicherdatei ist beschädigt, daher konnte in.csv nicht importiert werden. Nichts wurde importiert; der Speicher ist wie zuvor. Den Speicher aus einer Sicherung wiederherstellen oder mit --db einen neuen Speicher beginnen und die Dateien erneut importieren."),
        Case(code: 14, en: "the store's files cannot be opened while importing in.csv (its folder may be missing or not writable). Nothing was imported; the store is as it was before. Check the folder of the store, or import into another store with --db.",
             de: "die Dateien des Speichers lassen sich beim Import von in.csv nicht öffnen (sein Ordner fehlt vielleicht oder ist nicht beschreibbar). Nichts wurde importiert; der Speicher ist wie zuvor. Den Ordner des Speichers prüfen oder mit --db in einen anderen Speicher importieren."),
        Case(code: 1, en: "SQLite failed (code 1) while importing in.csv. Nothing was imported; the store is as it was before.",
             de: "SQLite ist beim Import von in.csv gescheitert (Code 1). Nichts wurde importiert; der Speicher ist wie zuvor."),
    ]

    @Test("each SQLite failure says what happened to the input, that nothing was imported and what to do, in de and en", arguments: cases)
    func message(_ c: Case) throws {
        let error = StoreFailure.describe(code: c.code, message: "SQLite error \(c.code): some words", input: "in.csv", store: "s.sqlite")
        guard case .store(let path, let message) = error else { Issue.record("not a store error: \(error)"); return }
        #expect(path == "s.sqlite")
        #expect(message.en == c.en + " (SQLite: some words)")
        #expect(message.de == c.de + " (SQLite: some words)")
    }

    @Test("the SQLite code is read from 'SQLite error N: …', and absent otherwise")
    func code() {
        #expect(StoreFailure.sqliteCode(in: "SQLite error 13: database or disk is full") == 13)
        #expect(StoreFailure.sqliteCode(in: "no code here") == nil)
    }
}
