import ArgumentParser
import Foundation
import PruefstandCore

/// `pruefstand mapping suggest`: a first mapping file for a foreign layout.
struct MappingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mapping",
        abstract: "Work with mapping files that adapt foreign layouts.",
        discussion: "Example:\n  pruefstand mapping suggest export.csv --kind ledger --out mappings/export.yaml",
        subcommands: [Suggest.self])

    struct Suggest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a proposed mapping for a file from its header and a sample of its rows.",
            discussion: """
            Finds the header (naming a preamble as header_line), matches it against the canonical fields and \
            their known aliases, and proposes from the rows: the number format, the unit (T€), the unpivot of \
            year columns with their kinds, the code scheme (cameral Haushaltsstelle, Kapitel and Titel, NKF \
            plan lines with subtotal rows), a side column and the sign rule. A column is proposed as the amount \
            only when it holds amounts. Prints a mapping to check and edit (docs/formats.md: how often it is right); \
            its comments and messages follow --lang (de, the default, or en).

            Example:
              pruefstand mapping suggest export.csv --kind ledger > mappings/export.yaml
            """)
        @Argument(help: "The CSV file.") var file: String
        @Option(help: "The kind of data in the file.") var kind: ImportKind
        @Option(help: "Write the mapping to this file instead of standard output (whole or not at all; never over the input).") var out: String?
        @OptionGroup var global: LanguageOptions

        func run() throws {
            let text = try Mapping.suggest(forFile: file, kind: kind, lang: global.language)
            if let out {
                var protected = ProtectedFiles()
                protected.add(input: file)
                try OutputFile.write(Array(text.utf8), to: out, protecting: protected)
                print(global.language == .de ? "\(out) geschrieben" : "wrote \(out)")
            } else {
                print(text, terminator: "")
            }
        }
    }
}
