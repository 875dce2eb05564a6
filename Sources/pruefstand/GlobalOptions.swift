import ArgumentParser
import Foundation
import PruefstandCore

extension Language: ExpressibleByArgument {}

/// The language a command settled on after it was parsed, when `--lang` alone does not decide it: `run` without
/// `--lang` speaks its manifest's `report.lang`, and so do its errors (`Pruefstand.main` prints them in it).
enum MessageLanguage {
    nonisolated(unsafe) static var settled: Language?
}

/// An option group that holds `--lang` (directly or in a group of its own), so that the error boundary finds
/// the language of a parsed command whichever group it declares (`Pruefstand.language(of:)`).
protocol HoldsLanguage {
    /// The language of the output (`--lang`, else German).
    var language: Language { get }
}

extension OptionGroup: HoldsLanguage where Value: HoldsLanguage {
    var language: Language { wrappedValue.language }
}

/// `--lang` alone: the option of the commands that read no store (`scenario check|diff|explain|test`,
/// `mapping suggest`, `sample musterstadt`), so that their `--help` offers only what works; `--db` there is
/// an unknown option (a usage error, exit 2). `GlobalOptions` holds this group, so `--lang` is declared once.
struct LanguageOptions: ParsableArguments, HoldsLanguage {
    @Option(name: .long, help: "Language of texts and messages: de or en (default: de; run: the manifest's report.lang). --help stays English.")
    var lang: Language?

    /// The language of the output (`--lang`, else German).
    var language: Language { lang ?? .de }
}

/// `--db` and `--lang`: the options every command that reads a store shares, declared once
/// (swift-argument-parser's `@OptionGroup`).
///
/// Commands that only read use `openReadOnly()`, which never creates a store: a missing path is exit 1 with
/// the path and what to do (`Store.openReadOnly`). Only `import` and `run` create a store (`open()`).
struct GlobalOptions: ParsableArguments, HoldsLanguage {
    @Option(name: .long, help: ArgumentHelp("The store file (default: $PRUEFSTAND_DB, else pruefstand.sqlite here). Only import and run create it; every other command needs an existing store.", valueName: "file"))
    var db: String?

    @OptionGroup var languageOption: LanguageOptions

    /// `--lang` as given (nil: not given).
    var lang: Language? { languageOption.lang }
    /// The store path: `--db`, else `PRUEFSTAND_DB`, else `pruefstand.sqlite` here.
    var storePath: String { Store.resolvePath(db) }
    /// The language of the output (`--lang`, else German).
    var language: Language { languageOption.language }

    /// Opens the store for writing, creating it if missing (`import`, `run`).
    func open() throws -> Store { try Store.open(path: storePath) }
    /// Opens an existing store for reading only: nothing is created, migrated or written.
    func openReadOnly() throws -> Store { try Store.openReadOnly(path: storePath) }
    /// Opens an existing store for writing (`review decisions`): a missing store is an error, never created.
    func openExisting() throws -> Store {
        _ = try openReadOnly()   // the same message for a missing, foreign or outdated store
        return try open()
    }

    /// `--year` outside the fiscal years the store can hold: a usage error in the language.
    func yearOutsideRange(_ y: Int) -> ValidationError {
        UsageText.error(language, de: "--year: \(y) liegt außerhalb der unterstützten Jahre \(FiscalYear.supportedRangeText)",
                        en: "--year: \(y) is outside the supported years \(FiscalYear.supportedRangeText)")
    }
}
