import Foundation

/// `.xls` (Excel 97–2003) and `.ods` (OpenDocument) workbooks: LibreOffice's headless converter turns them
/// into an `.xlsx` in a private temporary folder, which the worksheet reader then reads; the folder is
/// removed when the import is done. The import records the original file's SHA-256 (as for any input) and
/// the converted file's (`ImportSummary.convertedSha256`, shown in the summary), since a later LibreOffice
/// may convert the same bytes differently.
///
/// The converter is `$PRUEFSTAND_SOFFICE` when set, else `soffice` (or `libreoffice`) on the `PATH`. Without
/// one the import stops (exit code 1) with a message that names the conversion command, so the user can run it
/// elsewhere and import the `.xlsx`.
public enum SpreadsheetConversion {
    /// File name endings converted.
    public static let extensions: Set<String> = ["xls", "ods"]
    /// Seconds a conversion may take before it is stopped.
    public static let timeout: TimeInterval = 300

    public static func needsConversion(_ path: String) -> Bool {
        extensions.contains(URL(fileURLWithPath: path).pathExtension.lowercased())
    }

    /// The converter to run: `PRUEFSTAND_SOFFICE` if set (even when it is not there: then the import says
    /// so), else the first of `soffice`, `libreoffice` on the `PATH`; nil when there is none.
    public static func converter(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let e = environment["PRUEFSTAND_SOFFICE"], !e.isEmpty { return e }
        for dir in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            for name in ["soffice", "libreoffice"] {
                let p = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: p) { return p }
            }
        }
        return nil
    }

    /// The command that converts `path` into the folder `outdir`, as a user would type it.
    public static func command(for path: String, outdir: String = ".") -> String {
        "soffice --headless --convert-to xlsx --outdir \(outdir) '\(path)'"
    }

    /// Converts `path`; the returned file owns its temporary folder (removed when it is released).
    static func convert(path: String, converter given: String?, timeout: TimeInterval = SpreadsheetConversion.timeout) throws -> ConvertedWorkbook {
        let what = URL(fileURLWithPath: path).pathExtension.lowercased() == "ods" ? "an OpenDocument spreadsheet (.ods)" : "an Excel 97–2003 workbook (.xls)"
        guard let converter = given, FileManager.default.isExecutableFile(atPath: converter) else {
            throw PruefstandError.input(path: path, line: nil, message:
                "\(what) is read through LibreOffice's converter, and \(given.map { "\($0) is not an executable program" } ?? "LibreOffice (soffice) is not installed")"
                + ". Install LibreOffice (apt-get install libreoffice-calc-nogui; `make` does), or convert the file yourself: "
                + "\(command(for: path)) and import the .xlsx with the same mapping")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pruefstand-convert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let workbook = ConvertedWorkbook(directory: dir)
        // Its own LibreOffice profile: a second conversion at the same time, or a user's open LibreOffice,
        // would otherwise share one and fail.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: converter)
        p.arguments = ["-env:UserInstallation=file://\(dir.path)/profile", "--headless", "--norestore", "--convert-to", "xlsx",
                       "--outdir", dir.path, URL(fileURLWithPath: path).standardizedFileURL.path]
        let log = dir.appendingPathComponent("soffice.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = handle
        p.standardError = handle
        try p.run()
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { usleep(50_000) }
        if p.isRunning {
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            throw PruefstandError.input(path: path, line: nil, message: "LibreOffice did not convert the file within \(Int(timeout)) seconds and was stopped; convert it yourself: \(command(for: path))")
        }
        p.waitUntilExit()
        let out = dir.appendingPathComponent(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent + ".xlsx")
        guard p.terminationStatus == 0, FileManager.default.fileExists(atPath: out.path) else {
            let said = (try? String(contentsOf: log, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines).prefix(300) ?? ""
            throw PruefstandError.input(path: path, line: nil, message:
                "LibreOffice could not convert \(what) (exit status \(p.terminationStatus)\(said.isEmpty ? "" : ": \(said)")); is it a workbook? Command: \(command(for: path))")
        }
        workbook.path = out.path
        workbook.sha256 = try SHA256.file(at: out.path)
        return workbook
    }
}

/// A converted workbook in its private folder; the folder goes when the last reference does.
final class ConvertedWorkbook {
    let directory: URL
    var path = ""
    var sha256 = ""
    init(directory: URL) { self.directory = directory }
    deinit { try? FileManager.default.removeItem(at: directory) }
}

/// A converted `.xls`/`.ods` as a row source: the worksheet reader over the `.xlsx`, under the original's
/// name, size and SHA-256.
final class ConvertedSource: RowSource {
    let path: String
    let workbook: ConvertedWorkbook
    let inner: XLSXRowSource
    let byteCount: Int

    init(path: String, mapping: Mapping?, converter: String? = SpreadsheetConversion.converter()) throws {
        self.path = path
        workbook = try SpreadsheetConversion.convert(path: path, converter: converter)
        inner = try XLSXRowSource(path: workbook.path, sheet: mapping?.sheet, numbers: mapping?.numbers)
        byteCount = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    var dialectDescription: String {
        "\(URL(fileURLWithPath: path).pathExtension.lowercased()) workbook converted by LibreOffice to .xlsx (SHA-256 \(workbook.sha256))"
            + (inner.sheet.map { ", sheet \($0)" } ?? ", first sheet")
    }
    var progress: Double { inner.progress }
    var positionalCells: Bool { true }
    func sha256() throws -> String { try SHA256.file(at: path) }
    func next(_ rec: inout CSVRecord) throws -> Bool { try inner.next(&rec) }
    func rawText(_ rec: CSVRecord) -> String { inner.rawText(rec) }
}
