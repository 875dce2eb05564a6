import Foundation
import GRDB
@testable import PruefstandCore

/// Test helpers shared by every suite: where the repository, the fixtures and the built binary are, a fresh
/// store, a shell. Topic helpers sit beside this file: `ProcessRunner.swift` (running a program),
/// `LedgerFixture.swift` (a generated ledger), `ExportTestSupport.swift` (workbook cell dumps, LibreOffice).
/// Suites keep their old short names (`CrashSafetyTests.binary`, `ExportTestSupport.repoRoot`, the global
/// `repoRoot`, …) as one-line forwarders to these, so tests written against them still compile.
enum TestSupport {
    static var fixtures: URL { Bundle.module.url(forResource: "Fixtures", withExtension: nil)! }
    static var cases: URL { Bundle.module.url(forResource: "Cases", withExtension: nil)! }
    static func fixture(_ path: String) -> String { fixtures.appendingPathComponent(path).path }

    /// The repository root (this file is `Tests/PruefstandCoreTests/TestSupport/TestSupport.swift`).
    /// The text of every Swift file below `root` (keyed by its path relative to `root`) that `include` accepts:
    /// the architecture tests read the sources through this.
    static func swiftFiles(below root: URL, include: (String) -> Bool = { _ in true }) throws -> [String: String] {
        var files: [String: String] = [:]
        let walker = FileManager.default.enumerator(atPath: root.path)
        while let rel = walker?.nextObject() as? String {
            guard rel.hasSuffix(".swift"), include(rel) else { continue }
            files[rel] = try String(contentsOf: root.appendingPathComponent(rel), encoding: .utf8)
        }
        return files
    }

    static let repoRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url
    }()

    /// Where the `pruefstand` executable is built: beside the test bundle in `.build/<config>/`.
    static var binaryLocation: URL { Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("pruefstand") }
    /// The built `pruefstand` executable, nil if it is not built (`swift build --build-tests` builds it).
    static var binaryURL: URL? {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return [binaryLocation, here.appendingPathComponent("pruefstand"), here.deletingLastPathComponent().appendingPathComponent("pruefstand")]
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
    static var binaryPath: String? { binaryURL?.path }
    static var hasBinary: Bool { binaryURL != nil }

    /// A fresh empty folder in the temporary directory.
    static func tempDir(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pruefstand-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A fresh store in a temporary file (WAL needs a file), removed by the OS's tmp cleaning.
    static func tempStore() throws -> (Store, String) {
        let dir = try tempDir("test")
        let path = dir.appendingPathComponent("test.sqlite").path
        return (try Store.open(path: path), dir.path)
    }

    /// Runs a shell command; returns (status, stdout).
    @discardableResult
    static func shell(_ command: String, cwd: String? = nil) throws -> (Int32, String) {
        let r = try runProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", command], cwd: cwd)
        return (r.status, r.out)
    }
}
