import Foundation
import Testing

/// Where the real published exports are (`../shared/realdata/` beside the repository, or
/// `PRUEFSTAND_REALDATA`), and what a test does when they are not there.
///
/// A user's clone has no `../shared/`: the real-data tests then do not run, and Swift Testing prints one
/// line per test saying so (`Test "…" skipped: "…"`). CI always has the folder; under `CI=true` a missing
/// folder is a failure, never a skip (issue 21). Only tests in this folder may read `../shared/`.
enum RealData {
    static var root: URL {
        if let env = ProcessInfo.processInfo.environment["PRUEFSTAND_REALDATA"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return TestSupport.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/realdata")
    }
    static var isPresent: Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent("README.md").path) }
    static var isRequired: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
    /// The trait of every real-data test: it runs when the folder is there or CI requires it.
    static var enabled: ConditionTrait {
        .enabled(if: isPresent || isRequired,
                 "real-data test not run: \(root.path) is absent (it is beside the repository only in the team's checkout; CI=true makes this a failure)")
    }
    /// The path of one real file; records a failure when the folder is required but absent.
    static func file(_ relative: String) throws -> String {
        let path = root.appendingPathComponent(relative).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw RealDataMissing(path: path)
        }
        return path
    }
    struct RealDataMissing: Error, CustomStringConvertible {
        var path: String
        var description: String { "the real published export \(path) is missing (CI=true requires ../shared/realdata/)" }
    }
}

@Suite("Real published exports: the folder")
struct RealDataFolderTests {
    /// The mappings in Datasets/realdata/ are written for these exact files; a changed file must be noticed.
    @Test("every file listed in Datasets/realdata/SHA256SUMS is there with that SHA-256", RealData.enabled)
    func checksums() throws {
        let list = try String(contentsOfFile: TestSupport.repoRoot.appendingPathComponent("Datasets/realdata/SHA256SUMS").path, encoding: .utf8)
        let entries = list.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(entries.count >= 19)
        for e in entries {
            let path = try RealData.file(String(e[1]))
            let (status, out) = try TestSupport.shell("sha256sum '\(path)'")
            #expect(status == 0)
            #expect(out.hasPrefix(String(e[0])), "\(e[1]) differs from the published file the mappings were written for")
        }
    }
}

@Suite("A clone on its own")
struct StandaloneCloneTests {
    /// Nothing outside Tests/PruefstandCoreTests/RealData/ may name the team's `../shared/` folder: a user's
    /// clone has none (issue 21). Scanned: code (Swift, Python, shell, notebooks) under Tests/, Notebooks/,
    /// Fuzz/, the fuzz script, the Makefile and .ci/run; provenance notes in case files may name the generator.
    @Test("no test, notebook or fuzz script outside the real-data tests reads ../shared/")
    func noSharedFolder() throws {
        let root = TestSupport.repoRoot
        let pattern = try Regex(#"\.\./shared|shared/(bench|realdata|context|hooks)|"shared"\)"#)
        var offenders: [String] = []
        for top in ["Tests", "Notebooks", "scripts/fuzz.sh", "Fuzz", "Makefile", ".ci"] {
            let url = root.appendingPathComponent(top)
            var files: [URL] = []
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else { continue }
            if isDir.boolValue {
                let e = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)!
                for case let f as URL in e where ["swift", "py", "sh", "ipynb"].contains(f.pathExtension) || f.lastPathComponent == "run" {
                    files.append(f)
                }
            } else { files.append(url) }
            for f in files where !f.path.contains("/Tests/PruefstandCoreTests/RealData/") {
                guard let text = try? String(contentsOf: f, encoding: .utf8) else { continue }
                for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                where line.contains(pattern) {
                    offenders.append("\(f.path.replacingOccurrences(of: root.path + "/", with: "")):\(n + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(offenders.isEmpty, "names the team's ../shared/ folder:\n\(offenders.joined(separator: "\n"))")
    }
}
