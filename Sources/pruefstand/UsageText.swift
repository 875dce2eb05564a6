import ArgumentParser
import Foundation
import PruefstandCore

/// Usage errors (exit 2) in the language of the command line (issue 16). argument-parser writes its frame in
/// English (`Error: The value 'x' is invalid for '--on-error <on-error>'`, `Usage:`, `See '… --help'`); under
/// German (the default) the boundary says the same in German and leaves out the option's English help line
/// (`--help` stays English and the last line names it). A usage error is found before `--lang` is parsed, so
/// the language is read from the arguments themselves.
enum UsageText {
    /// `--lang en` / `--lang=en` among the arguments: English; anything else: German, the default.
    static func language(of arguments: [String]) -> Language {
        for (i, a) in arguments.enumerated() {
            if a == "--lang", i + 1 < arguments.count { return Language(rawValue: arguments[i + 1]) ?? .de }
            if a.hasPrefix("--lang=") { return Language(rawValue: String(a.dropFirst(7))) ?? .de }
        }
        return .de
    }

    /// argument-parser's usage message in `lang`: English as it came, German with its frame translated.
    static func message(_ text: String, _ lang: Language) -> String {
        guard lang == .de else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line -> String? in
            var l = String(line)
            if l.hasPrefix("Help:  ") { return nil }
            for (pattern, template) in rules {
                l = l.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
            }
            return l
        }.joined(separator: "\n")
    }

    /// A usage error in both languages, for a command's own `validate()`.
    static func error(_ lang: Language, de: String, en: String) -> ValidationError { ValidationError(lang == .de ? de : en) }

    private static let rules: [(String, String)] = [
        (#"^Error: "#, "Fehler: "),
        (#"The value '(.*)' is invalid for '(.*)'\. Please provide one of (.*)\.$"#, "Der Wert '$1' ist für '$2' ungültig. Erlaubt: $3."),
        (#"The value '(.*)' is invalid for '(.*)'"#, "Der Wert '$1' ist für '$2' ungültig"),
        (#"' and '"#, "' und '"),
        (#"Unknown option '(.*)'"#, "Unbekannte Option '$1'"),
        (#"Missing expected argument '(.*)'"#, "Erwartetes Argument '$1' fehlt"),
        (#"Missing value for '(.*)'"#, "Wert für '$1' fehlt"),
        (#"Unexpected argument '(.*)'"#, "Unerwartetes Argument '$1'"),
        (#"Unexpected extra arguments? (.*)$"#, "Unerwartete weitere Argumente: $1"),
        (#"^Usage: "#, "Aufruf: "),
        (#"^  See '(.*)' for more information\.$"#, "  Mehr dazu: '$1'."),
    ]
}

/// The text of an error that a command turns into a usage error (a bad date option), in `lang`.
func usageText(_ error: Error, _ lang: Language) -> String { (error as? PruefstandError)?.text(lang) ?? "\(error)" }
