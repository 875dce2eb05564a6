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
    /// (symbolic links are followed).
    public static func requireRegularFile(_ path: String) throws {
        var st = stat()
        guard stat(path, &st) == 0 else {
            let reason = errno == ENOENT ? "file not found" : String(cString: strerror(errno))
            throw PruefstandError.file(path: path, message: reason)
        }
        try check(mode: st.st_mode, path: path)
    }

    /// Opens a regular file for reading: never blocks on a pipe, refuses anything but a regular file.
    public static func open(_ path: String) throws -> Int32 {
        try requireRegularFile(path)
        let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw PruefstandError.file(path: path, message: String(cString: strerror(errno))) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw PruefstandError.file(path: path, message: message)
        }
        do { try check(mode: st.st_mode, path: path) } catch { close(fd); throw error }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return fd
    }

    /// What a non-regular file is, in words, or nil for a regular file.
    static func kind(of mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFIFO: return "a named pipe (FIFO)"
        case S_IFDIR: return "a directory"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }

    private static func check(mode: mode_t, path: String) throws {
        guard let what = kind(of: mode) else { return }
        if mode & S_IFMT == S_IFDIR { throw PruefstandError.file(path: path, message: "is a directory, not a file") }
        throw PruefstandError.file(path: path, message:
            "is \(what), not a file: Pruefstand reads only regular files (a pipe or a device could keep it waiting or reading for ever); save the data to a file and import that")
    }
}
