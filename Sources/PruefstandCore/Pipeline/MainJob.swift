import Foundation
import GRDB

/// The main job: the whole pipeline for one city folder.
///
/// Stages, in the order data flows:
/// 1. **Import** every input of the manifest with its load mode (skipping content already in the store:
///    the same bytes, or the same rows re-saved; every posting counted once).
/// 2. **Analysis**: position review, plan/actual variance, audit analytics, consolidation projection.
/// 3. **Scenarios**: tax and fee relief, feeding the projection.
/// 4. **Export**: the controlling workbook and its CSV tables, with an audit trail of every input.
public struct MainJob {
    public struct Result {
        public var workbookPath: String; public var imports: [ImportSummary]; public var csvFiles: [String]; public var sheets: [String]
        /// The council pack written beside the workbook (`CouncilPackAssembly.path`).
        public var councilPackPath: String? = nil
    }
    let folder: String
    let store: Store
    let language: Language?
    let outOverride: String?
    let csvOverride: String?
    let allowOutside: [String]
    let manifest: Manifest?
    let log: (String) -> Void

    public init(folder: String, store: Store, language: Language?, outOverride: String?, csvOverride: String? = nil,
                allowOutside: [String] = [], log: @escaping (String) -> Void) {
        self.folder = folder; self.store = store; self.language = language; self.outOverride = outOverride
        self.csvOverride = csvOverride; self.allowOutside = allowOutside; self.manifest = nil; self.log = log
    }

    /// A job on a manifest loaded (and so checked) already.
    public init(manifest: Manifest, store: Store, language: Language?, outOverride: String?, csvOverride: String? = nil,
                log: @escaping (String) -> Void) {
        self.folder = manifest.folder; self.store = store; self.language = language; self.outOverride = outOverride
        self.csvOverride = csvOverride; self.allowOutside = manifest.allowedOutside; self.manifest = manifest; self.log = log
    }

    /// The files the run reads and the store: no output may replace them.
    public static func protectedFiles(_ manifest: Manifest, settings: RunSettings, storePath: String) -> ProtectedFiles {
        var p = ProtectedFiles()
        p.add(store: storePath)
        for input in manifest.inputs {
            p.add(input: manifest.resolve(input.file))
            if let m = input.mapping { p.add(input: manifest.resolve(m)) }
        }
        for file in settings.parameterFiles { p.add(input: file) }
        p.add(input: (manifest.folder as NSString).appendingPathComponent("pruefstand.yaml"))
        return p
    }

    /// Where the workbook and the CSV tables go: the command line's paths, else the manifest's.
    public static func outputs(_ manifest: Manifest, outOverride: String?, csvOverride: String?) -> (workbook: String, csv: String?) {
        (outOverride ?? absolutePath(manifest.resolve(manifest.reportPath)),
         (csvOverride ?? manifest.csvDirectory.map({ manifest.resolve($0) })).map(absolutePath))
    }

    public func run() throws -> Result {
        let started = Date()
        // Everything is checked before anything is read or written: the manifest (years, dates, paths
        // inside the folder) and the outputs (never the store, never an input).
        let manifest = try self.manifest ?? Manifest.load(folder: folder, allowOutside: allowOutside)
        let settings = try RunSettings.from(manifest: manifest, language: language)
        let protected = Self.protectedFiles(manifest, settings: settings, storePath: store.path)
        let (out, csvDir) = Self.outputs(manifest, outOverride: outOverride, csvOverride: csvOverride)
        try protected.check(output: out)
        var summaries: [ImportSummary] = []
        // The log is copied into the store after the imports, beside the analyses (Store+Checkpoint.swift).
        let checkpoint = store.deferredCheckpoint()
        for input in manifest.inputs {
            let path = manifest.resolve(input.file)
            let size = try InputFile.requireRegularFile(path)   // before hashing: a named pipe would block the read
            // Hashed only when an import of the kind had a file of this size: else the bytes cannot be in the
            // store, and the importer's own hash of the bytes it parses (it refuses bytes already imported) is the one.
            if try store.hasImport(kind: input.kind, byteCount: size),
               let id = try store.importId(kind: input.kind, sha256: SHA256.file(at: path)) {
                log(settings.language == .de ? "Schon gespeichert: \(input.kind.rawValue) \(path) (Import \(id))"
                                             : "Already in the store: \(input.kind.rawValue) \(path) (import \(id))")
                continue
            }
            let mapping = try manifest.mapping(for: input)
            var options = ImportOptions()
            options.rejectsDirectory = (manifest.resolve(manifest.reportPath) as NSString).deletingLastPathComponent
            options.mode = input.mode
            options.period = input.period
            options.source = input.source
            options.language = settings.language
            let summary: ImportSummary
            do {
                summary = try Importer(store: store).run(kind: input.kind, path: path, mapping: mapping, options: options)
            } catch PruefstandError.alreadyImported(_, _, let id) {
                // The same rows saved again (other line ends, BOM, quoting): in the store already.
                log(settings.language == .de ? "Schon gespeichert (gleicher Inhalt): \(input.kind.rawValue) \(path) (Import \(id))"
                                             : "Already in the store (same content): \(input.kind.rawValue) \(path) (import \(id))")
                continue
            }
            log(summary.text(settings.language))
            if summary.status != "committed" {
                throw PruefstandError.importAborted(path: path, rejected: summary.rowsRejected, firstProblems: summary.rejects.prefix(5).map { $0.message(settings.language) })
            }
            summaries.append(summary)
        }
        checkpoint.start()
        let results = try ReportAssembly.analyse(store: store, settings: settings, log: log)
        let charts = try AmountCheck.run("Grafiken") { try ReportCharts.build(store: store, settings: settings, results: results) }
        let builder = try ReportAssembly.build(store: store, settings: settings, results: results, started: started, charts: charts)
        let pack = try CouncilPackAssembly.build(store: store, settings: settings, results: results, charts: charts, overview: builder.overview)
        let packPath = CouncilPackAssembly.path(besideWorkbook: out, lang: settings.language)
        try protected.check(output: packPath)
        // The workbook and the CSV tables only read the finished tables: written side by side.
        final class Written: @unchecked Sendable { var csvFiles: [String] = []; var changes = TextChanges() }
        let written = Written()
        nonisolated(unsafe) let tables = builder
        let dialect = manifest.csvDialect
        try Concurrently.run([
            { written.changes = try tables.writeWorkbook(to: out, protecting: protected) },
            { _ = try pack.write(to: packPath, lang: settings.language, protecting: protected) },
            { if let dir = csvDir { written.csvFiles = try tables.writeCSV(to: dir, dialect: dialect, protecting: protected) } },
        ])
        let csvFiles = written.csvFiles
        if let line = written.changes.logLine(for: out, settings.language) { log(line) }
        if let dir = csvDir {
            let n = NumberText.count(csvFiles.count, settings.language)
            log(settings.language == .de ? "CSV: \(n) Tabellen in \(dir) (\(dialect.rawValue))" : "CSV: \(n) tables in \(dir) (\(dialect.rawValue))")
        }
        store.awaitCheckpoint()
        return Result(workbookPath: out, imports: summaries, csvFiles: csvFiles, sheets: builder.plannedSheetNames(), councilPackPath: packPath)
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
