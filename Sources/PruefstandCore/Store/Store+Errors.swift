import Foundation
import GRDB

extension Store {
    /// An SQLite error as a message that names the store and says what to do.
    ///
    /// | SQLite | the user reads |
    /// | --- | --- |
    /// | `SQLITE_FULL` (13) | the disk is full; free space, nothing was changed |
    /// | `SQLITE_READONLY` (8) | the store cannot be written; writing commands need write access, reading ones work |
    /// | `SQLITE_BUSY` / `SQLITE_LOCKED` (5/6) | another pruefstand holds the store; wait or use another --db |
    /// | `SQLITE_CORRUPT` / `SQLITE_NOTADB` (11/26) | not a (sound) Pruefstand store; restore a copy or import anew |
    /// | `SQLITE_CANTOPEN` / `SQLITE_PERM` / `SQLITE_AUTH` (14/3/23) | cannot be opened: folder, permissions |
    /// | `SQLITE_IOERR` (10) | a read or write error of the disk |
    /// | `SQLITE_ERROR` "integer overflow" | a sum in SQL left the 64-bit range of cents |
    ///
    /// Other errors keep SQLite's text. A `PruefstandError` passes through unchanged.
    public static func error(_ error: Error, path: String) -> PruefstandError {
        if let e = error as? PruefstandError { return e }
        guard let db = error as? DatabaseError else {
            return .store(path: path, message: Phrase("\(error)"))
        }
        let sqlite = db.message ?? "\(db)"
        let code = db.resultCode.primaryResultCode
        let message: Phrase
        switch code {
        case .SQLITE_FULL:
            message = Phrase(de: "der Datenträger ist voll (SQLite-Fehler 13: \(sqlite)); auf dem Datenträger des Speichers Platz schaffen und den Befehl erneut ausführen: der Speicher ist wie zuvor",
                             en: "the disk is full (SQLite error 13: \(sqlite)); free space on the disk that holds the store and run the command again: the store is as it was before")
        case .SQLITE_READONLY:
            message = Phrase(de: "nicht beschreibbar (\(sqlite)): die Datei oder ihr Ordner ist für Sie schreibgeschützt. Lesende Befehle (store info, report, export, review, variance, audit, projection) arbeiten damit; für import oder run den Speicher an einen beschreibbaren Ort kopieren oder Schreibrecht erbitten",
                             en: "cannot be written (\(sqlite)): the file or its folder is read-only for you. Reading commands (store info, report, export, review, variance, audit, projection) work on it; for import or run, copy the store somewhere writable or ask for write access")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            message = Phrase(de: "wird von einem anderen schreibenden pruefstand-Prozess benutzt (\(sqlite)); warten, bis er fertig ist, oder mit --db einen anderen Speicher verwenden",
                             en: "is in use by another pruefstand process that writes (\(sqlite)); wait until it has finished, or use another store with --db")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            message = Phrase(de: "ist beschädigt oder kein Pruefstand-Speicher (\(sqlite)); ihn aus einer Kopie wiederherstellen oder die Dateien in einen neuen Speicher importieren",
                             en: "is damaged or not a Pruefstand store (\(sqlite)); restore it from a copy or import the files into a new store")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            message = Phrase(de: "kann nicht geöffnet werden (\(sqlite)); prüfen, ob sein Ordner existiert und Sie ihn lesen dürfen",
                             en: "cannot be opened (\(sqlite)); check that its folder exists and that you may read it")
        case .SQLITE_IOERR:
            message = Phrase(de: "ein Lese- oder Schreibfehler des Datenträgers (\(sqlite)); Datenträger und freien Platz prüfen, dann den Befehl erneut ausführen",
                             en: "a read or write error of the disk (\(sqlite)); check the disk and free space, then run the command again")
        case .SQLITE_ERROR where sqlite.contains("integer overflow"):
            return .amountOutOfRange("store \(path): a sum over the stored amounts")
        default:
            message = Phrase(sqlite)
        }
        return .store(path: path, message: message)
    }
}
