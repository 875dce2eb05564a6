import ArgumentParser
import Foundation
import PruefstandCore

@main
struct Pruefstand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pruefstand",
        abstract: "Budget controlling and consolidation analytics for municipal finance.",
        discussion: """
        Pruefstand imports budget plans, ledger postings, position plans and vacancies into one SQLite \
        store, reviews positions, controls plan against actual, projects the consolidation path, computes \
        tax and fee relief scenarios and writes workbooks that council members read and auditors recalculate.

        The store is pruefstand.sqlite in the working directory unless --db or PRUEFSTAND_DB says otherwise. \
        Only import and run create it; every other command reads an existing store and never creates one. \
        --lang (de|en) is the same on every command, --db on every command that reads a store. A city's parameter files (review rules, audit and \
        projection parameters) are read only when given, never found in the working directory.
        Every output is written to a temporary file beside it and renamed into place when complete; no \
        output may replace the store or an input.
        Exit codes: 0 success, 1 data or runtime error (bad rows with --on-error abort, a file that cannot \
        be read, a failed reconciliation), 2 usage error.

        Start with:  pruefstand run Datasets/musterstadt
        """,
        version: Engine.version,
        subcommands: [RunCommand.self, ImportCommand.self, MappingCommand.self, VarianceCommand.self, AuditCommand.self,
                      ProjectionCommand.self, ReviewCommand.self, ScenarioCommand.self, ReportCommand.self, ExportCommand.self,
                      StoreCommand.self, SampleCommand.self, RatesCommand.self])

    /// The one place that turns errors into messages and exit codes (docs/decisions/0004): 0 success, 1 data or
    /// runtime error (`pruefstand: MESSAGE` on standard error), 2 usage error. Commands throw; none prints or exits.
    static func main() {
        StandardStreams.keepOpen()
        var lang = Language.de   // the command's --lang once it is parsed: its error message follows it
        do {
            var command = try parseAsRoot()
            lang = language(of: command)
            // An amount beyond the 64-bit range anywhere is a clear error (exit 1), never a trap; the
            // analyses have their own scopes that name what they computed.
            try AmountCheck.run("pruefstand") { try command.run() }
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                let message = fullMessage(for: error)
                if !message.isEmpty { print(message) }
                Foundation.exit(0)
            }
            if code == .validationFailure || code.rawValue == 64 {   // usage: argument-parser's message and usage line
                let message = fullMessage(for: error)
                let text = UsageText.message(message.isEmpty ? "\(error)" : message, UsageText.language(of: CommandLine.arguments))
                writeError(text)
                Foundation.exit(2)
            }
            // Everything a command throws (PruefstandError and the analyses' errors) is a data or runtime error.
            // In the command's --lang, or the language it settled on (a run's manifest); one bounded line per line.
            let lang = MessageLanguage.settled ?? lang
            let message = ((error as? PruefstandError) ?? .other(Phrase("\(error)"))).printable(lang)
            writeError("pruefstand: \(message)")
            Foundation.exit(1)
        }
    }

    /// The `--lang` of a parsed command (the option group that holds it), else German, the default.
    static func language(of command: ParsableCommand) -> Language {
        for child in Mirror(reflecting: command).children {
            if let group = child.value as? any HoldsLanguage { return group.language }
        }
        return .de
    }
}

extension ImportKind: ExpressibleByArgument {}
extension OnError: ExpressibleByArgument {}
extension ImportMode: ExpressibleByArgument {}


/// Writes `s` and a line break to standard error. A write that fails (standard error closed, or on a full disk
/// or /dev/full) is dropped, never a trap: the exit code still tells the caller what happened (decision 0004).
func writeError(_ s: String, newline: Bool = true) {
    try? FileHandle.standardError.write(contentsOf: Data((newline ? s + "\n" : s).utf8))
}

/// Standard input, output and error, kept open for the whole run.
enum StandardStreams {
    /// Opens /dev/null on each of the three that the caller closed (`2>&-`), so that no file the command opens
    /// (a temporary output, an input) is given their number and then receives a message meant for the terminal.
    static func keepOpen() {
        for fd in Int32(0)...2 where fcntl(fd, F_GETFD) == -1 {
            let null = open("/dev/null", O_RDWR)
            if null >= 0 && null != fd { dup2(null, fd); close(null) }
        }
    }
}

/// A progress bar on stderr, only when stderr is a terminal.
func progressBar(label: String, quiet: Bool) -> (@Sendable (Double) -> Void)? {
    guard !quiet, isatty(2) == 1 else { return nil }
    return { fraction in
        let width = 30, done = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: done) + String(repeating: "·", count: width - done)
        writeError("\r\(label) \(bar) \(Int(fraction * 100)) %", newline: false)
        if fraction >= 1 { writeError("\r\u{1B}[K", newline: false) }
    }
}
