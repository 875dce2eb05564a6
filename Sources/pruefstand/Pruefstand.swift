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
        --db and --lang (de|en) are the same on every command. A city's parameter files (review rules, audit and \
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
                FileHandle.standardError.write(Data(text.utf8 + [0x0A]))
                Foundation.exit(2)
            }
            // Everything a command throws (PruefstandError and the analyses' errors) is a data or runtime error.
            // In the command's --lang, or the language it settled on (a run's manifest); one bounded line per line.
            let lang = MessageLanguage.settled ?? lang
            let message = ((error as? PruefstandError) ?? .other(Phrase("\(error)"))).printable(lang)
            FileHandle.standardError.write(Data("pruefstand: \(message)\n".utf8))
            Foundation.exit(1)
        }
    }

    /// The `--lang` of a parsed command (its `GlobalOptions`), else German, the default.
    static func language(of command: ParsableCommand) -> Language {
        for child in Mirror(reflecting: command).children {
            if let group = child.value as? OptionGroup<GlobalOptions> { return group.wrappedValue.language }
        }
        return .de
    }
}

extension ImportKind: ExpressibleByArgument {}
extension OnError: ExpressibleByArgument {}
extension ImportMode: ExpressibleByArgument {}


func writeError(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }

/// A progress bar on stderr, only when stderr is a terminal.
func progressBar(label: String, quiet: Bool) -> (@Sendable (Double) -> Void)? {
    guard !quiet, isatty(2) == 1 else { return nil }
    return { fraction in
        let width = 30, done = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: done) + String(repeating: "·", count: width - done)
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(Int(fraction * 100)) %".utf8))
        if fraction >= 1 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
