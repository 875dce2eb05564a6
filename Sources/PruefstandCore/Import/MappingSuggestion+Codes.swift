import Foundation

extension MappingSuggestion {
    /// The code scheme a plan file's sample shows, and the columns it takes.
    struct CodeGuess {
        var columns: [String: Int] = [:]
        var split: (column: Int, pattern: String, fields: [String], subtotal: String?)?
        var schemeLines: [String]?
        var derivesAccount = false
        var scheme: any CodeScheme = CodeSchemes.standard

        init(sample s: Sample, lang: Language = .en) {
            func all(_ i: Int, _ p: String) -> Bool {
                let v = s.column(i)
                return !v.isEmpty && v.allSatisfy { $0.range(of: p, options: .regularExpression) != nil }
            }
            func named(_ names: [String]) -> Int? {
                names.lazy.compactMap { n in s.header.indices.first { normalizedHeader(s.header[$0]) == normalizedHeader(n) } }.first
            }
            // 1. A whole Haushaltsstelle in one column (Bremen with a check digit, Niedersachsen).
            let haushaltsstellen: [(String, String, Bool)] = [
                (#"^\d{4}\.\d{5}-\d$"#, #"^(?<kapitel>\d{4})\.(?<titel>\d{5})-(?<check>\d)$"#, true),
                (#"^\d{4}-\d{3} \d{2}$"#, #"^(?<kapitel>\d{4})-(?<gruppierung>\d{3}) (?<zaehlnummer>\d{2})$"#, false),
                (#"^\d{4}\.\d{5}$"#, #"^(?<kapitel>\d{4})\.(?<titel>\d{5})$"#, false),
            ]
            for i in s.header.indices {
                for (test, code, check) in haushaltsstellen where all(i, test) {
                    columns["product"] = i
                    derivesAccount = true
                    schemeLines = ["scheme:", "  name: kameral", "  code: '\(code)'"] + (check ? ["  check_digit: weighted-mod11"] : [])
                    scheme = (try? KameralScheme(code: code, checkDigit: check ? .weightedMod11 : nil)) ?? KameralScheme()
                    return
                }
            }
            // 2. NKF plan lines written with their label in a text column (Köln): a split, the lines' side.
            for i in s.header.indices where all(i, #"^\d{2} [-=] .+$"#) {
                let values = s.column(i)
                let finanz = normalizedHeader(s.header[i]).contains("finanz") || values.contains { $0.contains("Einzahlung") || $0.contains("Auszahlung") }
                let lines: NKFNRWScheme.Lines = finanz ? .finanzplan : .ergebnisplan
                let sums = values.contains { $0.range(of: #"^\d{2} [-=] (Summe|Saldo)"#, options: .regularExpression) != nil }
                split = (i, #"^(?<account>\d{2}) [-=] (?<description>.+)$"#, ["account", "description"],
                         sums ? #"^\d{2} [-=] (Summe|Saldo)"# : values.contains { $0.contains(" = ") } ? " = " : nil)
                var options = ["name: nkf-nrw", "lines: \(lines.rawValue)"]
                var extra = Set<Int>()
                if let p = named(["Teilplan", "Produktgruppe", "Produktbereich", "Produkt"]), all(p, #"^\d{2}(\d{2}(\d{2})?)?$"#) {
                    columns["product"] = p
                    options.append("products: undotted")
                    extra = Set(s.column(p).compactMap { Int($0.prefix(2)) }.filter { $0 > 17 })
                    if !extra.isEmpty { options.append("extra_areas: [\(extra.sorted().map { "'\($0)'" }.joined(separator: ", "))]") }
                }
                schemeLines = ["scheme: { \(options.joined(separator: ", ")) }"]
                scheme = NKFNRWScheme(lines: lines, undotted: true, extraAreas: extra)
                return
            }
            // 3. Kapitel and Titel in two columns.
            if let k = named(["Kapitel"]), let t = named(["Titel"]), all(k, #"^\d{4,5}$"#), all(t, #"^\d{5}$"#) {
                columns["product"] = k; columns["account"] = t
                schemeLines = ["scheme: kameral"]
                scheme = KameralScheme()
                return
            }
            // 4. Products of a named column that are not NKF's: the free scheme, said as a question.
            if let p = named(["Produkt", "Produktnummer", "Teilplan", "Produktbereich"]) {
                let nkf = all(p, #"^(0[1-9]|1[0-7])(\.\d{1,3}){0,2}$"#)
                let example = s.column(p).first?.prefix(20) ?? ""
                if !nkf {
                    schemeLines = ["scheme: free   " + (lang == .de ? "# die Produktnummern passen zu keinem bekannten Schema (z. B. \"\(example)\"): prüfen"
                                                                   : "# the product codes fit no known scheme (e.g. \"\(example)\"): check")]
                }
            }
        }

        /// Whether the rows of the revenue side carry negative amounts (more negative than positive among the
        /// non-zero ones): the file writes revenue negative.
        func revenueWrittenNegative(_ s: Sample, amountColumn a: Int, sideColumn: Int?, style: NumberStyle) -> Bool {
            var negative = 0, positive = 0
            for row in s.rows where a < row.count {
                var side: BudgetSide?
                if let c = sideColumn, c < row.count {
                    let v = row[c].trimmingCharacters(in: .whitespaces).uppercased()
                    side = v == "E" || v.hasPrefix("EINN") ? .revenue : v == "A" || v.hasPrefix("AUSG") ? .expense : nil
                } else if let (c, _, _, _) = split, c < row.count {
                    var line = String(row[c].trimmingCharacters(in: .whitespaces).prefix(2))
                    side = line.withUTF8 { scheme.side(account: $0) }
                } else if let c = columns["account"] ?? (derivesAccount ? columns["product"] : nil), c < row.count {
                    var account = derivesAccount ? (scheme.derivedAccount(product: row[c].trimmingCharacters(in: .whitespaces)) ?? "") : row[c]
                    side = account.withUTF8 { scheme.side(account: $0) }
                }
                guard side == .revenue, case .success(let v) = ValueParsers.cents(row[a], style: style), v != 0 else { continue }
                if v < 0 { negative += 1 } else { positive += 1 }
            }
            return negative > positive
        }
    }
}
