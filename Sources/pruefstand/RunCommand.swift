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
        and writes the workbook and CSV files, and the council pack beside the workbook (`NAME-rat.xlsx`, with \
        --lang en `NAME-council.xlsx`): a short workbook that prints on about ten A4 pages for a committee.

        Paths in the manifest must stay inside the city folder (after `..` and symbolic links); a path \
        outside is refused before anything is read or written, unless you allow its folder with \
        --allow-outside. No output may replace the store or an input of the run. One run or import at a \
        time works on a store: a second one waits for it (--lock-timeout) and then finds the inputs there.

        Example:
          pruefstand run Datasets/musterstadt
          pruefstand run Datasets/musterstadt --db /tmp/musterstadt.sqlite --lang en
          pruefstand run Datasets/musterstadt --out Reports/out/musterstadt.xlsx --csv Reports/out/csv
          pruefstand run ../stadt --allow-outside /srv/berichte    # its manifest writes to /srv/berichte
        """)
    @Argument(help: "The city folder with pruefstand.yaml.") var folder: String
    @Option(help: "Write the workbook here instead of the manifest's report path.") var out: String?
    @Option(help: "Write the CSV tables here instead of the manifest's csv folder.") var csv: String?
    @Option(name: .customLong("allow-outside"),
            help: ArgumentHelp("Let the manifest's paths (inputs, mappings, parameters, report.out, report.csv) reach into this folder outside the city folder; repeatable.", valueName: "folder"))
    var allowOutside: [String] = []
    @Option(name: .customLong("lock-timeout"), help: "Seconds to wait for another run or import on the same store before giving up.")
    var lockTimeout: Double = 600
    @Flag(help: "Print less.") var quiet = false
    @OptionGroup var global: GlobalOptions

    func run() throws {
        // The manifest and the outputs are checked before the store is touched.
        let manifest = try Manifest.load(folder: folder, allowOutside: allowOutside)
        MessageLanguage.settled = global.lang ?? manifest.language   // the run's errors follow report.lang (issue 16)
        let settings = try RunSettings.from(manifest: manifest, language: global.lang)
        let storePath = global.storePath
        let (workbook, _) = MainJob.outputs(manifest, outOverride: out, csvOverride: csv)
        try MainJob.protectedFiles(manifest, settings: settings, storePath: storePath).check(output: workbook)
        let lock = try StoreLock.acquire(store: storePath, timeout: lockTimeout) { writeError($0.text(settings.language)) }
        defer { lock?.release() }
        let s = try global.open()
        let result = try MainJob(manifest: manifest, store: s, language: global.lang, outOverride: out, csvOverride: csv,
                                 log: { if !quiet { print($0) } }).run()
        let de = settings.language == .de
        if !quiet { print((de ? "Blätter: " : "Sheets: ") + result.sheets.joined(separator: ", ")) }
        print((de ? "Arbeitsmappe: " : "Workbook: ") + result.workbookPath)
        if let pack = result.councilPackPath { print((de ? "Ratsvorlage: " : "Council pack: ") + pack) }
    }
}
