import Foundation

/// The check every input file passes before anything reads it: it must be a regular file.
///
/// A named pipe (FIFO) blocks `open` until some other program writes to it, so opening first and checking
/// afterwards hangs for ever; `/dev/zero` never ends; a directory cannot be read as text. The type is
/// checked with `stat` before opening, and the file is opened without blocking and checked again on its
/// descriptor (it could have been swapped in between).
///
///     try InputFile.requireRegularFile("ledger.csv")
///     let fd = try InputFile.open("ledger.csv")
public enum InputFile {
    /// Throws a `PruefstandError.file` naming the path and what it is, unless it is a regular file
    /// (symbolic links are followed). Returns its size in bytes.
    @discardableResult
    public static func requireRegularFile(_ path: String) throws -> Int {
        var st = stat()
        guard stat(path, &st) == 0 else {
            let reason = errno == ENOENT ? Phrase(de: "Datei nicht gefunden", en: "file not found") : Phrase(String(cString: strerror(errno)))
            throw PruefstandError.file(path: path, message: reason)
        }
        try check(mode: st.st_mode, path: path)
        return Int(st.st_size)
    }

    /// Opens a regular file for reading: never blocks on a pipe, refuses anything but a regular file.
    public static func open(_ path: String) throws -> Int32 {
        try requireRegularFile(path)
        let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw PruefstandError.file(path: path, message: Phrase(String(cString: strerror(errno)))) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw PruefstandError.file(path: path, message: Phrase(message))
        }
        do { try check(mode: st.st_mode, path: path) } catch { close(fd); throw error }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return fd
    }

    /// What a non-regular file is, in words, or nil for a regular file.
    static func kind(of mode: mode_t) -> Phrase? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFIFO: return Phrase(de: "eine benannte Pipe (FIFO)", en: "a named pipe (FIFO)")
        case S_IFDIR: return Phrase(de: "ein Ordner", en: "a directory")
        case S_IFCHR: return Phrase(de: "ein zeichenorientiertes Gerät", en: "a character device")
        case S_IFBLK: return Phrase(de: "ein blockorientiertes Gerät", en: "a block device")
        case S_IFSOCK: return Phrase(de: "ein Socket", en: "a socket")
        default: return Phrase(de: "keine gewöhnliche Datei", en: "not a regular file")
        }
    }

    private static func check(mode: mode_t, path: String) throws {
        guard let what = kind(of: mode) else { return }
        if mode & S_IFMT == S_IFDIR { throw PruefstandError.file(path: path, message: Phrase(de: "ist ein Ordner, keine Datei", en: "is a directory, not a file")) }
        throw PruefstandError.file(path: path, message: Phrase(
            de: "ist \(what.de), keine Datei: Pruefstand liest nur gewöhnliche Dateien (eine Pipe oder ein Gerät könnte ihn ewig warten oder lesen lassen); die Daten in eine Datei speichern und diese importieren",
            en: "is \(what.en), not a file: Pruefstand reads only regular files (a pipe or a device could keep it waiting or reading for ever); save the data to a file and import that"))
    }
}
