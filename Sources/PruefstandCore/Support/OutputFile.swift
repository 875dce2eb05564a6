import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One file Pruefstand writes, replaced whole or not at all.
///
/// Every output (workbook, CSV table, export, rejects, mapping proposal, sample file) is written to a
/// temporary file beside its target (same folder, so the rename cannot cross file systems), flushed to
/// disk with `fsync`, and only then renamed over the target. An interrupted, killed or disk-full write
/// leaves the previous file as it was; the temporary file is removed on failure (after a SIGKILL a
/// hidden `.NAME.pruefstand-XXXXXX.tmp` may stay behind, never the target half-written).
///
/// Before anything is written the target is checked against `ProtectedFiles`: the store (with its
/// `-wal`, `-shm` and `-journal` files) and the run's input files are never overwritten.
///
///     let out = try OutputFile("bericht.csv", protecting: protected)
///     try out.write(bytes)
///     try out.commit()                       // fsync, rename over bericht.csv, fsync the folder
///
///     // A library that writes by file name (libxlsxwriter) gets the temporary path:
///     try OutputFile.write(to: "bericht.xlsx", protecting: protected) { tmp in try writeWorkbook(tmp) }
public final class OutputFile {
    /// The file the user asked for.
    public let path: String
    /// The temporary file beside it that receives the bytes until `commit()`.
    public let temporaryPath: String
    private var fd: Int32
    private var finished = false

    /// Checks the target, creates missing folders and a unique temporary file beside the target.
    public init(_ path: String, protecting protected: ProtectedFiles = ProtectedFiles()) throws {
        try protected.check(output: path)
        try Self.prepare(path)
        if Self.isDirectory(path) {
            throw PruefstandError.file(path: path, message: "is a folder; name a file to write")
        }
        let dir = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var template = Array(((dir.isEmpty ? "" : dir + "/") + "." + name + ".pruefstand-XXXXXX.tmp").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard fd >= 0 else {
            throw PruefstandError.file(path: path, message: "cannot create a temporary file beside it: \(String(cString: strerror(errno)))")
        }
        self.fd = fd
        self.path = path
        self.temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    deinit { if !finished { discard() } }

    /// Appends bytes to the temporary file.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write")
            }
            offset += n
        }
    }

    public func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }

    /// Flushes the temporary file to disk, gives it the target's permissions and renames it over the
    /// target; then flushes the folder so the rename survives a power cut.
    public func commit() throws {
        guard !finished else { return }
        // A library may have rewritten the file by name (same inode, or a new one): flush what is there now.
        let written = open(temporaryPath, O_RDONLY)
        guard written >= 0 else { throw failure("cannot reopen the temporary file") }
        defer { close(written) }
        if fsync(written) != 0 { throw failure("cannot flush to disk") }
        _ = fchmod(written, Self.mode(forExisting: path))
        if rename(temporaryPath, path) != 0 { throw failure("cannot replace the file") }
        finished = true
        close(fd)
        fd = -1
        let dir = (path as NSString).deletingLastPathComponent
        let dirFD = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY)
        if dirFD >= 0 { _ = fsync(dirFD); close(dirFD) }
    }

    /// Removes the temporary file; the target stays as it was.
    public func discard() {
        guard !finished else { return }
        finished = true
        if fd >= 0 { close(fd); fd = -1 }
        unlink(temporaryPath)
    }

    private func failure(_ what: String) -> PruefstandError {
        let reason = String(cString: strerror(errno))
        discard()
        return .file(path: path, message: "\(what): \(reason); the previous file is unchanged")
    }

    // MARK: One-shot writes

    /// Writes `bytes` to `path` whole or not at all.
    public static func write(_ bytes: [UInt8], to path: String, protecting protected: ProtectedFiles = ProtectedFiles()) throws {
        let out = try OutputFile(path, protecting: protected)
        try out.write(bytes)
        try out.commit()
    }

    /// Lets `body` write the file by name at the temporary path, then commits it (or removes it if `body` throws).
    public static func write<T>(to path: String, protecting protected: ProtectedFiles = ProtectedFiles(),
                                _ body: (_ temporaryPath: String) throws -> T) throws -> T {
        let out = try OutputFile(path, protecting: protected)
        do {
            let result = try body(out.temporaryPath)
            try out.commit()
            return result
        } catch {
            out.discard()
            throw error
        }
    }

    // MARK: Folders and permissions

    /// Creates the missing folders of `path` (`--out reports/2026/bericht.xlsx`).
    static func prepare(_ path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        guard !dir.isEmpty else { return }
        do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        catch { throw PruefstandError.file(path: dir, message: "cannot create folder: \(error.localizedDescription)") }
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// The permissions a new file gets: the replaced file's, or 0666 less the umask (`mkstemp` makes 0600).
    static func mode(forExisting path: String) -> mode_t {
        var st = stat()
        if stat(path, &st) == 0 { return st.st_mode & 0o7777 }
        return 0o666 & ~processUmask
    }

    /// The process's umask, read without changing it where Linux tells it (`/proc/self/status`).
    static let processUmask: mode_t = {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Umask:") }),
           let value = mode_t(line.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8) {
            return value
        }
        let m = umask(0o022)
        umask(m)
        return m
    }()
}

/// Files an output must never replace: the store (and SQLite's files beside it) and the inputs of the run.
///
/// A target is compared by its resolved path (symbolic links and `..` resolved) and, if it exists, by
/// device and inode, so a hard link or another spelling of the store is caught too.
public struct ProtectedFiles: Sendable {
    public enum Role: String, Sendable { case store, input }
    struct Entry: Sendable { var path: String; var role: Role; var given: String; var device: UInt64?; var inode: UInt64? }
    private(set) var entries: [Entry] = []

    public init() {}

    /// The store file and its `-wal`, `-shm` and `-journal` files.
    public mutating func add(store path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { add(path + suffix, role: .store, given: path) }
    }

    /// A file the run reads (an input, a mapping, a parameter file).
    public mutating func add(input path: String) { add(path, role: .input, given: path) }

    private mutating func add(_ path: String, role: Role, given: String) {
        let id = Self.identity(path)
        entries.append(Entry(path: Self.resolved(path), role: role, given: given, device: id?.0, inode: id?.1))
    }

    /// Throws if writing `output` would replace a protected file.
    public func check(output: String) throws {
        guard !entries.isEmpty else { return }
        let target = Self.resolved(output)
        let id = Self.identity(output)
        for e in entries {
            let same = e.path == target || (id != nil && e.device != nil && id!.0 == e.device! && id!.1 == e.inode!)
            guard same else { continue }
            switch e.role {
            case .store:
                throw PruefstandError.file(path: output, message: "this is the store \(e.given) (or one of its files); an output must not replace it, choose another file")
            case .input:
                throw PruefstandError.file(path: output, message: "this is an input of the run (\(e.given)); an output must not replace it, choose another file")
            }
        }
    }

    /// Device and inode of an existing file (following symbolic links).
    static func identity(_ path: String) -> (UInt64, UInt64)? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (UInt64(st.st_dev), UInt64(st.st_ino))
    }

    /// The absolute path with its symbolic links resolved (a dangling link too: it names where a write
    /// would go) and `.`/`..` collapsed; parts that do not exist yet are kept as written.
    public static func resolved(_ path: String) -> String { resolved(path, depth: 0) }

    private static func resolved(_ path: String, depth: Int) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        if let real = realPath(absolute) { return real }
        let parentPath = (absolute as NSString).deletingLastPathComponent
        let name = (absolute as NSString).lastPathComponent
        if depth < 40, let target = linkTarget(absolute) {
            return resolved(target.hasPrefix("/") ? target : parentPath + "/" + target, depth: depth + 1)
        }
        if parentPath == absolute || parentPath.isEmpty { return absolute }
        let parent = resolved(parentPath, depth: depth + 1)
        if name == "." || name.isEmpty { return parent }
        if name == ".." { return (parent as NSString).deletingLastPathComponent }
        return parent == "/" ? "/" + name : parent + "/" + name
    }

    /// The target of a symbolic link, or nil when `path` is none.
    static func linkTarget(_ path: String) -> String? {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }
}
