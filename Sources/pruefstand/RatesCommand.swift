import ArgumentParser
import Foundation
import PruefstandCore

/// `pruefstand rates`: the published Hebesatz tables in the store (kind `taxrates`).
struct RatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rates",
        abstract: "Hebesätze (Grundsteuer A, B, Gewerbesteuer): compare a city with its neighbours, or write them as a scenario baseline.",
        discussion: """
        Reads the Hebesatz tables imported with 'pruefstand import taxrates FILE' (for NRW, IT.NRW's \
        published Realsteuerhebesätze; docs/formats.md, taxrates).
        Examples:
          pruefstand rates compare --city Hagen --year 2024
          pruefstand rates compare --city Hagen --neighbours Dortmund,Bochum,Witten
          pruefstand rates baseline --city Hagen --out scenarios/parameters-store/hebesaetze.yaml
        """,
        subcommands: [Compare.self, Baseline.self])

    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A city's Hebesätze beside its neighbours': rates, differences in points, rank and the neighbours' median.",
            discussion: "Example:\n  pruefstand rates compare --city Hagen --year 2024 --neighbours Dortmund,Bochum,Witten")
        @Option(help: "The year (default: the latest year with the city's rates).") var year: Int?
        @Option(help: "Neighbours, comma-separated names or AGS (default: every other municipality of that year in the store).")
        var neighbours: String?
        @OptionGroup var source: RatesSource

        func validate() throws {
            if let y = year, !CivilDate.fiscalYears.contains(y) { throw ValidationError("--year: \(y) is not a year in 1990–2100") }
        }

        func run() throws {
            let names = neighbours.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } } ?? []
            let c = try TaxRateComparison.run(try source.global.openReadOnly(), city: source.city, year: year, neighbours: names)
            FileHandle.standardOutput.write(Data(c.text(source.language).utf8))
        }
    }

    struct Baseline: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The city's Hebesätze from the store as a scenario parameter file (gewerbesteuer.hebesatz, grundsteuer_b.hebesatz).",
            discussion: "Example:\n  pruefstand rates baseline --city Hagen --out scenarios/parameters-store/hebesaetze.yaml\nPut the file into a baseline folder of the scenario in place of the city's own entries for these two keys.")
        @Option(help: "Write the parameter file here (default: standard output).") var out: String?
        @OptionGroup var source: RatesSource

        func run() throws {
            let rows = try TaxRates.rows(try source.global.openReadOnly(), municipality: source.city)
            guard !rows.isEmpty else {
                throw PruefstandError.other("no Hebesätze of \(source.city) in the store; import a published table first: pruefstand import taxrates FILE")
            }
            let text = TaxRateBaseline.parameterYAML(rows: rows)
            if let out { try OutputFile.write(Array(text.utf8), to: out) } else { FileHandle.standardOutput.write(Data(text.utf8)) }
        }
    }
}

/// What both `rates` commands read: the city's rates (`--city`) in the store (`--db`, `--lang`).
struct RatesSource: ParsableArguments, HoldsLanguage {
    @Option(help: "The city: its name as in the table, or its AGS (8 digits).") var city: String
    @OptionGroup var global: GlobalOptions

    var language: Language { global.language }
}
