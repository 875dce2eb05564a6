import Foundation
import Testing

/// The one error boundary (`Pruefstand.main`, decision 0004) exits with the error's code even when its message
/// cannot be written: standard error closed (`2>&-`) or on a full device (`2>/dev/full`, as with the disk full).
/// Before, the failed write trapped (exit 132, "Illegal instruction") and the caller could not tell usage from data errors.
@Suite("CLI: the exit code survives a standard error that cannot be written",
       .enabled(if: TestSupport.binaryPath != nil, "the pruefstand binary is needed"))
struct StandardErrorTests {
    struct Case: Sendable, CustomStringConvertible {
        let arguments: String
        let redirect: String
        let status: Int32
        var description: String { "\(arguments) \(redirect)" }
    }

    /// A missing store is a data error (1); an unknown option a usage error (2); each with stderr closed and full.
    static let cases: [Case] = ["2>&-", "2>/dev/full"].flatMap { redirect in [
        Case(arguments: "variance --db /nonexistent-folder/none.sqlite", redirect: redirect, status: 1),
        Case(arguments: "variance --no-such-option", redirect: redirect, status: 2),
        Case(arguments: "scenario check /nonexistent-folder/none.yaml --db x.sqlite --lang en", redirect: redirect, status: 2),
    ] }

    @Test("the error's exit code, whether or not its message could be written", arguments: cases)
    func exitCode(_ c: Case) throws {
        let binary = try #require(TestSupport.binaryPath)
        let dir = try TestSupport.tempDir("stderr").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (status, out) = try TestSupport.shell("'\(binary)' \(c.arguments) \(c.redirect); echo \"status $?\"", cwd: dir)
        #expect(status == 0)
        #expect(out.hasSuffix("status \(c.status)\n"), "\(c): \(out)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty, "\(c): wrote files")
    }

    @Test("with standard error open, the same call prints its message there (the redirects above are what differs)")
    func messageWhenOpen() throws {
        let binary = try #require(TestSupport.binaryPath)
        let (_, out) = try TestSupport.shell("'\(binary)' variance --db /nonexistent-folder/none.sqlite --lang en 2>&1; echo \"status $?\"")
        #expect(out.hasPrefix("pruefstand: store /nonexistent-folder/none.sqlite"), "\(out)")
        #expect(out.hasSuffix("status 1\n"), "\(out)")
    }
}
