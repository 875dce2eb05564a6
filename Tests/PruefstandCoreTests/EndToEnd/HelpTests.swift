import Foundation
import Testing
@testable import PruefstandCore

@Suite("Command-line help", .enabled(if: CrashSafetyTests.binary != nil, "the pruefstand binary is built beside the tests"))
struct HelpTests {
    static func help(_ words: [String]) throws -> String {
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        return try TestSupport.shell("'\(CrashSafetyTests.binary!)' \(quoted) --help 2>&1").1
    }
    /// The subcommand names listed in a help text.
    static func subcommands(_ text: String) -> [String] {
        guard let r = text.range(of: "SUBCOMMANDS:\n") else { return [] }
        return text[r.upperBound...].split(separator: "\n").compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            let name = line.split(separator: " ").first.map(String.init) ?? ""
            return name.isEmpty || name == "See" ? nil : name.replacingOccurrences(of: "(default)", with: "")
        }
    }

    @Test("pruefstand --help lists every command with a one-line explanation, and every command's --help has an example")
    func everyCommandHasAnExample() throws {
        let root = try Self.help([])
        let top = Self.subcommands(root)
        for expected in ["run", "import", "mapping", "variance", "audit", "projection", "review", "scenario", "report", "export", "store", "sample"] {
            #expect(top.contains(expected), "\(expected) missing from pruefstand --help")
        }
        var queue = top.map { [$0] }
        var checked = 0
        while let words = queue.first {
            queue.removeFirst()
            let text = try Self.help(words)
            checked += 1
            #expect(text.range(of: "example", options: .caseInsensitive) != nil || text.contains("Beispiel"),
                    "pruefstand \(words.joined(separator: " ")) --help has no example")
            queue += Self.subcommands(text).filter { $0 != "help" }.map { words + [$0] }
        }
        #expect(checked >= 20)
    }

    @Test("a usage error exits with 2, a data error with 1", arguments: [
        (["import", "ledger"], Int32(2)),
        (["import", "nosuchkind", "x.csv"], Int32(2)),
        (["variance", "--format", "pdf"], Int32(2)),
        (["import", "ledger", "/nonexistent/file.csv", "--db", "/tmp/pruefstand-help-test.sqlite"], Int32(1)),
    ])
    func exitCodes(args: [String], code: Int32) throws {
        let quoted = args.map { "'\($0)'" }.joined(separator: " ")
        let (status, _) = try TestSupport.shell("'\(CrashSafetyTests.binary!)' \(quoted) >/dev/null 2>&1")
        #expect(status == code)
    }
}
