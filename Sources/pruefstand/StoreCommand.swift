import ArgumentParser
import Foundation
import PruefstandCore

struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Look into the store: imports, row counts, schema.",
        discussion: """
        Examples:
          pruefstand store info
          pruefstand store schema > schema.sql
        """,
        subcommands: [Info.self, Schema.self])

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the imports (file, SHA-256, rows), the import history (added, skipped, replaced) and the row counts of the public views.",
                                                        discussion: "Example:\n  pruefstand store info --db Reports/out/musterstadt.sqlite")
        @OptionGroup var global: GlobalOptions
        func run() throws { print(try StoreInfo.text(store: try global.openReadOnly(), global.language)) }
    }

    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the store's schema (the same as sqlite3 FILE .schema).",
                                                        discussion: "Example:\n  pruefstand store schema > schema.sql")
        @OptionGroup var global: GlobalOptions
        func run() throws { print(try StoreInfo.schema(store: try global.openReadOnly()), terminator: "") }
    }
}
