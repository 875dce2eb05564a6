import ArgumentParser
import Foundation
import PruefstandCore

/// `pruefstand sample musterstadt`: writes the synthetic sample city.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write synthetic sample data.",
        discussion: "Example:\n  pruefstand sample musterstadt --out /tmp/musterstadt --scale 0.1",
        subcommands: [Musterstadt.self])

    struct Musterstadt: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "musterstadt",
            abstract: "Write the synthetic sample city Musterstadt (org units, positions, vacancies, pay costs, plan, code list, ledgers).",
            discussion: """
            All data is synthetic, with the magnitudes of an NRW city of about 190,000 inhabitants. The same \
            --scale and --seed give byte-identical files on every machine. --scale multiplies the number of \
            staff positions and postings (1 = about 3,000 positions and 200,000 postings for 2025); the budget \
            stays that of the whole city. The summary it prints follows --lang (de, the default, or en).

            Example:
              pruefstand sample musterstadt --out Datasets/musterstadt
              pruefstand sample musterstadt --out /tmp/small --scale 0.05 --seed 7
            """)

        @Option(name: .long, help: "Directory to write the CSV files into (created if missing).")
        var out: String

        @Option(name: .long, help: "Size factor for positions and postings, 0.001 to 10.")
        var scale: Double = 1

        @Option(name: .long, help: "Random seed.")
        var seed: UInt64 = MusterstadtGenerator.defaultSeed

        @OptionGroup var global: LanguageOptions

        func validate() throws {
            guard (0.001...10).contains(scale) else {
                throw ValidationError(global.language == .de ? "--scale muss zwischen 0,001 und 10 liegen, nicht \(NumberText.decimal(Decimal(scale), .de))"
                                                             : "--scale must be between 0.001 and 10, got \(scale)")
            }
        }

        func run() throws {
            let sample = try MusterstadtGenerator(scale: scale, seed: seed).generate()
            let urls = try sample.write(to: URL(fileURLWithPath: out))
            print(sample.summary(global.language))
            print(global.language == .de ? "\(urls.count) Dateien nach \(out) geschrieben" : "wrote \(urls.count) files to \(out)")
        }
    }
}
