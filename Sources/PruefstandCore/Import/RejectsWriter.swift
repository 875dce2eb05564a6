import Foundation

/// Writes an import's rejected rows to `rejects-KIND-FILE[-ID].csv` as they occur, so that millions of
/// bad rows cost disk, not memory (the summary keeps only the first few for its messages).
///
/// Rows go to a hidden temporary file beside the final one, through a small buffer; `finish` renames it
/// into place (an interrupted import never leaves half a rejects file under the real name), `discard`
/// removes it. No file is made for an import without rejects. Records go through `CSVWriter.appendRecord`
/// (quoting and the shared formula guard). The reasons are in the import's language (`--lang`, issue 16).
final class RejectsWriter {
    static let header = "file,line,column,field,value,reason,mapped_fields\r\n"
    let directory: String
    let kind: ImportKind
    let input: String
    let language: Language
    private(set) var count = 0
    private var fd: Int32 = -1
    private var temporary: String?
    private var buffer: [UInt8] = []

    init(directory: String, kind: ImportKind, input: String, language: Language = .en) {
        self.directory = directory; self.kind = kind; self.input = input; self.language = language
        buffer.reserveCapacity(1 << 16)
    }

    deinit { discard() }

    func append(_ r: RejectedRow) throws {
        if fd < 0 { try open() }
        // Through the one CSV writer's record rule (quoting and the shared formula guard).
        CSVWriter.appendRecord([(r.file, true), (String(r.line), false), (r.column.map(String.init) ?? "", false),
                                (r.field ?? "", true), (r.value ?? "", true), (r.reason(language), true), (r.rawRecord(language), true)],
                               separator: 44, lineEnding: .crlf, to: &buffer)
        count += 1
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Closes the file and gives it its name; nil when there were no rejects.
    func finish(importId: Int64?) throws -> String? {
        guard let temporary, fd >= 0 else { return nil }
        try flush()
        close(fd); fd = -1
        let stem = URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent
        let out = (directory as NSString).appendingPathComponent("rejects-\(kind.rawValue)-\(stem)\(importId.map { "-\($0)" } ?? "").csv")
        guard rename(temporary, out) == 0 else {
            let message = String(cString: strerror(errno))
            discard()
            throw PruefstandError.file(path: out, message: "cannot write the rejected rows of \(input): \(message)")
        }
        self.temporary = nil
        return out
    }

    /// Removes the temporary file (the import failed).
    func discard() {
        if fd >= 0 { close(fd); fd = -1 }
        if let temporary { unlink(temporary); self.temporary = nil }
    }

    private func open() throws {
        do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        catch { throw PruefstandError.file(path: directory, message: "cannot create the folder for rejected rows: \(error.localizedDescription)") }
        let path = (directory as NSString).appendingPathComponent(".rejects-\(kind.rawValue)-\(UUID().uuidString).csv.partial")
        fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw PruefstandError.file(path: path, message: "cannot write the rejected rows of \(input): \(String(cString: strerror(errno)))")
        }
        temporary = path
        buffer += Array(RejectsWriter.header.utf8)
    }

    private func flush() throws {
        var offset = 0
        try buffer.withUnsafeBytes { raw in
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw PruefstandError.file(path: temporary ?? directory, message:
                        "cannot write the rejected rows of \(input): \(String(cString: strerror(errno))); nothing was imported. Free space on that disk or choose another folder with --rejects-dir")
                }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
