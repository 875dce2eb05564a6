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

        The store is pruefstand.sqlite in the working directory unless --db or PRUEFSTAND_DB says otherwise.
        Exit codes: 0 success, 1 data or runtime error, 2 usage error.
        """,
        version: Engine.version,
        subcommands: [
            ScenarioCommand.self,
        ])
}
