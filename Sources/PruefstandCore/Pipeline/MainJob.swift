import Foundation
import GRDB

/// The main job: the whole pipeline for one city folder.
///
/// Stages, in the order data flows:
/// 1. **Import** every input of the manifest (skipping content already in the store, by SHA-256).
/// 2. **Analysis**: position review, plan/actual variance, audit analytics, consolidation projection.
/// 3. **Scenarios**: tax and fee relief, feeding the projection.
/// 4. **Export**: the controlling workbook and its CSV tables, with an audit trail of every input.
public struct MainJob {
    public struct Result { public var workbookPath: String; public var imports: [ImportSummary]; public var csvFiles: [String]; public var sheets: [String] }
    let folder: String
    let store: Store
    let language: Language?
    let outOverride: String?
    let csvOverride: String?
    let log: (String) -> Void

    public init(folder: String, store: Store, language: Language?, outOverride: String?, csvOverride: String? = nil,
                log: @escaping (String) -> Void) {
        self.folder = folder; self.store = store; self.language = language; self.outOverride = outOverride
        self.csvOverride = csvOverride; self.log = log
    }

    public func run() throws -> Result {
        let started = Date()
        let manifest = try Manifest.load(folder: folder)
        var summaries: [ImportSummary] = []
        for input in manifest.inputs {
            let path = manifest.resolve(input.file)
            let sha = try SHA256.file(at: path)
            if let id = try store.read({ try Int64.fetchOne($0, sql: "SELECT id FROM importRun WHERE kind = ? AND sha256 = ?", arguments: [input.kind.rawValue, sha]) }) {
                log("Already in the store: \(input.kind.rawValue) \(path) (import \(id))")
                continue
            }
            let mapping = try input.mapping.map { try Mapping.load(path: manifest.resolve($0)) }
            var options = ImportOptions()
            options.rejectsDirectory = (manifest.resolve(manifest.reportPath) as NSString).deletingLastPathComponent
            let summary = try Importer(store: store).run(kind: input.kind, path: path, mapping: mapping, options: options)
            log(summary.text())
            if summary.status != "committed" {
                throw PruefstandError.importAborted(path: path, rejected: summary.rowsRejected, firstProblems: summary.rejects.prefix(5).map(\.message))
            }
            summaries.append(summary)
        }
        let out = outOverride ?? absolutePath(manifest.resolve(manifest.reportPath))
        try FileManager.default.createDirectory(atPath: (out as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let settings = try RunSettings.from(manifest: manifest, language: language)
        let results = try ReportAssembly.analyse(store: store, settings: settings, log: log)
        let builder = try ReportAssembly.build(store: store, settings: settings, results: results, started: started)
        // The workbook and the CSV tables only read the finished tables: written side by side.
        final class Written: @unchecked Sendable { var csvFiles: [String] = [] }
        let written = Written()
        nonisolated(unsafe) let tables = builder
        let csvDir = (csvOverride ?? manifest.csvDirectory.map({ manifest.resolve($0) })).map(absolutePath)
        let dialect = manifest.csvDialect
        try Concurrently.run([
            { try tables.writeWorkbook(to: out) },
            { if let dir = csvDir { written.csvFiles = try tables.writeCSV(to: dir, dialect: dialect) } },
        ])
        let csvFiles = written.csvFiles
        if let dir = csvDir { log("CSV: \(csvFiles.count) tables in \(dir) (\(dialect.rawValue))") }
        return Result(workbookPath: out, imports: summaries, csvFiles: csvFiles, sheets: builder.plannedSheetNames())
    }
}

/// An absolute, normalised path (`a/b/../../c` → `$PWD/c`), for paths printed to the user.
func absolutePath(_ path: String) -> String {
    let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    var parts: [Substring] = []
    for part in full.split(separator: "/") {
        if part == "." || part.isEmpty { continue }
        if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
        parts.append(part)
    }
    return "/" + parts.joined(separator: "/")
}
