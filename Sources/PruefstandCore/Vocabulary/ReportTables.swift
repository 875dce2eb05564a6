import Foundation

/// The catalogue of report tables (issue 18): each table's title, short sheet name, column keys and notes in German
/// and English, written once in `Sources/PruefstandCore/Resources/report-tables.tsv` and read once, so that a builder
/// says only what is its own: its rows and the values its texts name.
///
/// One line a table (`KEY⇥column keys⇥title de⇥title en`, column keys as `ReportColumns.list` reads them, `-` when
/// the builder gives every column itself), then its notes (`KEY.NOTE⇥always⇥de⇥en`, in the order shown; `named` for a
/// note shown only under a condition, which the builder names by id) and its sheet name where the title is too long
/// for one (`KEY.sheet⇥-⇥…`). A text names a value as `{name}` (both languages the same names) and leaves out `[…]`
/// when a value in it is absent, as `MessageCatalogue` does. The tests check that every table a source file builds
/// has its entry, every entry is built, and `docs/report-tables.md` is `markdown`.
///
///     // report-tables.tsv:  review_kpi⇥source count share⇥Wiederbesetzungen nach Herkunft⇥Re-fills by source
///     //                     review_kpi.basis⇥always⇥Besetzte Vakanzen bis zum Stichtag {as_of} …⇥Filled vacancies up to {as_of} …
///     ReportTable(table: "review_kpi", lang: .de, values: ["as_of": asOf.iso], rows: rows)
public enum ReportTables {
    /// The catalogue's place in the repository, as errors name it.
    public static let sourcePath = "Sources/PruefstandCore/Resources/report-tables.tsv"

    /// A text of a table in both languages with the names of the values it puts in.
    public struct Text: Sendable {
        public let de: String, en: String
        public let names: Set<String>
        /// The text in `lang` with its values put in; a value a text names that `values` lacks is a programming error.
        func filled(_ lang: Language, _ values: [String: String?]) -> String {
            assert(names.isSubset(of: values.keys), "values \(names.subtracting(values.keys).sorted()) missing for \"\(de)\"")
            return MessageCatalogue.fill(lang == .de ? de : en, values)
        }
    }

    /// A note of a table; `always` false for one shown only when the builder names it (a condition of its own).
    public struct Note: Sendable {
        public let id: String
        public let text: Text
        public let always: Bool
    }

    /// One table of the catalogue.
    public struct Entry: Sendable {
        public let key: String
        /// The column keys, as `ReportColumns.list` reads them; nil when the builder gives every column.
        public let columnKeys: String?
        public let title: Text
        /// A short sheet name (31 characters at most in Excel) for a longer title.
        public let sheet: Text?
        /// The notes in the order shown.
        public let notes: [Note]
    }

    /// Every table in the catalogue's order (the order of `docs/report-tables.md`), read once.
    public static let entries: [Entry] = {
        do { return try parse(String(decoding: PackageResources.report_tables_tsv, as: UTF8.self)) } catch { preconditionFailure("\(error)") }
    }()

    /// Every table by its key.
    public static let catalogue: [String: Entry] = Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0) })

    /// The entry of `key`; a table not in the catalogue is a programming error (the tests list every use).
    public static func entry(_ key: String) -> Entry {
        guard let e = catalogue[key] else { preconditionFailure("report table \(key) is not in \(sourcePath)") }
        return e
    }

    /// The catalogue for readers (`docs/report-tables.md` below its head; a test compares): per table its key (the CSV
    /// file's name), titles, sheet name, columns and notes in German and English, `{name}` standing for a value.
    public static var markdown: String {
        entries.map { e in
            var out = "### `\(e.key)`\n\n\(e.title.de) / \(e.title.en)\n\n"
            if let sheet = e.sheet { out += "Sheet: \(sheet.de) / \(sheet.en)\n\n" }
            out += "Columns: " + (e.columnKeys.map { $0.split(separator: " ").map { "`\($0)`" }.joined(separator: ", ") } ?? "set by the builder") + "\n"
            for n in e.notes { out += "\n- `\(n.id)`\(n.always ? "" : " (only under a condition)"): \(n.text.de)\n\n  \(n.text.en)\n" }
            return out
        }.joined(separator: "\n")
    }

    /// The notes of table `key` with `values` put in, in the catalogue's order: each `always` note, and each `named`
    /// one that `named` names; in `lang` (nil: each in German, then English). For a builder that adds notes after
    /// others (`ReportTable(table:…)` shows them first).
    public static func notes(_ key: String, _ named: [String] = [], lang: Language?, values: [String: String?] = [:]) -> [String] {
        let e = entry(key)
        for id in named where !e.notes.contains(where: { $0.id == id && !$0.always }) {
            preconditionFailure("table \(key) has no note \(id) marked named in \(sourcePath)")
        }
        let langs: [Language] = lang.map { [$0] } ?? [.de, .en]
        return e.notes.filter { $0.always || named.contains($0.id) }.flatMap { n in langs.map { n.text.filled($0, values) } }
    }

    /// Reads a catalogue. Refuses a line with another number of fields, a key that is not letters, digits and _, a
    /// note before its table's line, a note neither `always` nor `named`, a sheet name with column keys, an empty text,
    /// a table, note or sheet name twice, an unclosed `{` or `[` and two texts that name different values, naming the
    /// line.
    public static func parse(_ text: String, path: String = sourcePath) throws -> [Entry] {
        var order: [String] = []
        var tables: [String: (columns: String?, title: Text, sheet: Text?, notes: [Note])] = [:]
        for (line, f) in try TabSeparated.rows(text, path: path, fields: ["key", "columns", "de", "en"]) {
            func fail(_ message: String) -> PruefstandError { TabSeparated.error(path, line, message) }
            let parts = f[0].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") } }) else {
                throw fail("a key is TABLE or TABLE.NOTE (letters, digits and _), not \"\(f[0])\"")
            }
            guard !f[2].isEmpty, !f[3].isEmpty else { throw fail("\(f[0]) needs a German and an English text") }
            guard let de = MessageCatalogue.placeholders(f[2]), let en = MessageCatalogue.placeholders(f[3]) else {
                throw fail("\(f[0]): a { without its } or a [ without its ]")
            }
            guard de == en else { throw fail("\(f[0]): both texts name the same values; German names \(de.sorted()), English \(en.sorted())") }
            let text = Text(de: f[2], en: f[3], names: de)
            let table = parts[0]
            if parts.count == 1 {
                guard tables[table] == nil else { throw fail("table \(table) is declared twice") }
                guard !f[1].isEmpty else { throw fail("\(table): column keys, or - when the builder gives its columns") }
                tables[table] = (f[1] == "-" ? nil : f[1], text, nil, [])
                order.append(table)
                continue
            }
            guard tables[table] != nil else { throw fail("\(f[0]) comes before the line of table \(table)") }
            let id = parts[1]
            if id == "sheet" {
                guard f[1] == "-" else { throw fail("\(f[0]): a sheet name has no column keys (-), not \"\(f[1])\"") }
                guard tables[table]!.sheet == nil else { throw fail("the sheet name of \(table) is declared twice") }
                tables[table]!.sheet = text
            } else {
                guard !tables[table]!.notes.contains(where: { $0.id == id }) else { throw fail("note \(id) of \(table) is declared twice") }
                guard f[1] == "always" || f[1] == "named" else {
                    throw fail("\(f[0]): a note is shown always or when named, not \"\(f[1])\"")
                }
                tables[table]!.notes.append(Note(id: id, text: text, always: f[1] == "always"))
            }
        }
        return order.map { k in
            let t = tables[k]!
            return Entry(key: k, columnKeys: t.columns, title: t.title, sheet: t.sheet, notes: t.notes)
        }
    }
}

extension ReportTable {
    /// A table of the catalogue (`ReportTables`): title, sheet name, columns and notes from its entry, with `values`
    /// put into its texts (a value nil leaves out the `[…]` that names it; a value is written in the notes' language).
    ///
    /// The table shows its `always` notes and those of its `named` notes that `notes` names (a condition of the
    /// builder's), in the catalogue's order. `lang` is the language of the notes; nil gives each note in German, then
    /// English (a table for both readers). `columns` replaces the entry's columns for a table whose columns are all the builder's
    /// (`-` in the catalogue); a builder adds columns whose titles are values (a scenario's name) to `columns` itself.
    public init(table key: String, lang: Language?, values: [String: String?] = [:], notes named: [String] = [],
                columns: [Column]? = nil, rows: [[Cell]] = []) {
        let e = ReportTables.entry(key)
        self.init(key: key, de: e.title.filled(.de, values), en: e.title.filled(.en, values),
                  columns: columns ?? e.columnKeys.map { ReportColumns.list($0, table: key) } ?? [], rows: rows,
                  notes: ReportTables.notes(key, named, lang: lang, values: values),
                  sheetDE: e.sheet?.filled(.de, values), sheetEN: e.sheet?.filled(.en, values))
    }
}
