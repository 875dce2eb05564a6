import ArgumentParser
import Foundation
import PruefstandCore

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the main job on a city folder: import its inputs, analyse, and write the report.",
        discussion: """
        Reads the manifest pruefstand.yaml in the folder (inputs with kind and mapping, analyses, scenarios, \
        report settings), imports every input that is not in the store yet (by SHA-256), runs the analyses \
        and writes the workbook and CSV files.

        Example:
          pruefstand run Datasets/musterstadt
          pruefstand run Datasets/musterstadt --db /tmp/musterstadt.sqlite --lang en
        """)
    @Argument(help: "The city folder with pruefstand.yaml.") var folder: String
    @Option(help: "Report language.") var lang: Language?
    @Option(help: "Write the workbook here instead of the manifest's report path.") var out: String?
    @Option(help: "Write the CSV tables here instead of the manifest's csv folder.") var csv: String?
    @Flag(help: "Print less.") var quiet = false
    @OptionGroup var store: StoreOptions

    func run() throws {
        let s = try store.open()
        let result = try MainJob(folder: folder, store: s, language: lang, outOverride: out, csvOverride: csv,
                                 log: { if !quiet { print($0) } }).run()
        if !quiet { print("Sheets: \(result.sheets.joined(separator: ", "))") }
        print("Workbook: \(result.workbookPath)")
    }
}
