import Foundation

/// A city's Hebesätze beside its neighbours' for one year (`pruefstand rates compare`), from the
/// published tables in the store (`taxrates`).
///
/// For each tax the city's rank among the municipalities compared (1 = the highest rate) and the median of
/// the others; per neighbour the difference to the city in percentage points. The neighbours are the
/// municipalities named, or every other municipality of that year in the store (a Kreis's or a region's
/// table). Rates are whole percent; the median of an even number of neighbours is the mean of the two in the
/// middle, exact to a half point.
///
///     Hebesätze 2024: Hagen and 3 neighbours (table: hebesaetze-2024.csv)
///     municipality   Grundsteuer A  Grundsteuer B  Gewerbesteuer
///     * Hagen                  290            750            520
///     Dortmund                 250 (-40)      610 (-140)     485 (-35)
public struct TaxRateComparison: Sendable {
    public var year: Int
    public var city: TaxRateRow
    public var neighbours: [TaxRateRow]
    /// Neighbours asked for that the table of that year does not have.
    public var missing: [String]

    public enum Tax: String, CaseIterable, Sendable {
        case grundsteuerA = "Grundsteuer A", grundsteuerB = "Grundsteuer B", gewerbesteuer = "Gewerbesteuer"
        func rate(_ r: TaxRateRow) -> Int {
            switch self { case .grundsteuerA: r.grundsteuerA; case .grundsteuerB: r.grundsteuerB; case .gewerbesteuer: r.gewerbesteuer }
        }
    }

    /// Compares `city` in `year` (default: the latest year in which the city has rates).
    public static func run(_ store: Store, city: String, year: Int?, neighbours names: [String]) throws -> TaxRateComparison {
        let own = try TaxRates.rows(store, municipality: city)
        guard !own.isEmpty else {
            throw PruefstandError.other(Phrase(de: "keine Hebesätze von \(city) im Speicher; erst eine veröffentlichte Tabelle importieren: pruefstand import taxrates DATEI --mapping ZUORDNUNG (docs/formats.md, taxrates)", en: "no Hebesätze of \(city) in the store; import a published table first: pruefstand import taxrates FILE --mapping MAPPING (docs/formats.md, taxrates)"))
        }
        let y = year ?? own.last!.fiscalYear
        guard let cityRow = own.first(where: { $0.fiscalYear == y }) else {
            throw PruefstandError.other(Phrase(de: "keine Hebesätze von \(city) für \(y) im Speicher; er hat \(own.map { String($0.fiscalYear) }.joined(separator: ", "))", en: "no Hebesätze of \(city) for \(y) in the store; it has \(own.map { String($0.fiscalYear) }.joined(separator: ", "))"))
        }
        let all = try TaxRates.rows(store, year: y).filter { $0 != cityRow }
        let chosen = names.isEmpty ? all : all.filter { r in names.contains { r.isNamed($0) } }
        let missing = names.filter { n in !all.contains { $0.isNamed(n) } }
        return TaxRateComparison(year: y, city: cityRow, neighbours: chosen, missing: missing)
    }

    /// 1 = the highest rate among the city and its neighbours (ties share the rank).
    public func rank(_ tax: Tax) -> Int { 1 + neighbours.filter { tax.rate($0) > tax.rate(city) }.count }

    /// The neighbours' median, exact (a half point at most); nil without neighbours.
    public func median(_ tax: Tax) -> Decimal? {
        let v = neighbours.map(tax.rate).sorted()
        guard !v.isEmpty else { return nil }
        return v.count % 2 == 1 ? Decimal(v[v.count / 2]) : Decimal(v[v.count / 2 - 1] + v[v.count / 2]) / 2
    }

    /// The comparison as a text table in `lang` (the median with a decimal comma in German).
    public func text(_ lang: Language) -> String {
        let de = lang == .de
        let taxes = Tax.allCases
        let width = max(12, ([city] + neighbours).map { $0.municipality.count }.max()! + 2)
        func pad(_ s: String, _ n: Int, right: Bool = false) -> String {
            s.count >= n ? s : (right ? String(repeating: " ", count: n - s.count) + s : s + String(repeating: " ", count: n - s.count))
        }
        var l = [de ? "Hebesätze \(year): \(city.municipality) und \(neighbours.count) Nachbar(n), Prozent; in Klammern der Abstand zu \(city.municipality) in Punkten"
                    : "Hebesätze \(year): \(city.municipality) and \(neighbours.count) neighbour(s), percent; in brackets the difference to \(city.municipality) in points"]
        l.append(pad(de ? "Gemeinde" : "municipality", width) + taxes.map { pad($0.rawValue, 20, right: true) }.joined())
        l.append(pad("* " + city.municipality, width) + taxes.map { pad(String($0.rate(city)), 20, right: true) }.joined())
        for n in neighbours.sorted(by: { ($0.gewerbesteuer, $0.municipality) > ($1.gewerbesteuer, $1.municipality) }) {
            l.append(pad(n.municipality, width) + taxes.map { t in
                let d = t.rate(n) - t.rate(city)
                return pad("\(t.rate(n)) (\(d > 0 ? "+" : "")\(d))", 20, right: true)
            }.joined())
        }
        for t in taxes {
            let m = median(t).map { NumberText.decimal($0, lang) } ?? "–"
            l.append(de ? "\(t.rawValue): \(city.municipality) \(t.rate(city)) %, Rang \(rank(t)) von \(neighbours.count + 1) (1 = höchster), Median der Nachbarn \(m) %"
                        : "\(t.rawValue): \(city.municipality) \(t.rate(city)) %, rank \(rank(t)) of \(neighbours.count + 1) (1 = highest), neighbours' median \(m) %")
        }
        if !missing.isEmpty { l.append((de ? "nicht in der Tabelle \(year): " : "not in the table of \(year): ") + missing.joined(separator: ", ")) }
        let files = Set(([city] + neighbours).map(\.sourceFile)).sorted()
        l.append((de ? "Quelle: " : "source: ") + files.joined(separator: ", "))
        return l.joined(separator: "\n") + "\n"
    }
}

/// The city's Hebesätze from the store as a scenario parameter file (`pruefstand rates baseline`): the
/// entries `grundsteuer_b.hebesatz` and `gewerbesteuer.hebesatz` that the tax models read, one dated value
/// per year in which the rate changes, each citing the table and line it comes from. Put the file into a
/// baseline folder of the scenario in place of the city's own entries for these two keys (a key defined
/// twice is an error).
public enum TaxRateBaseline {
    public static func parameterYAML(rows: [TaxRateRow]) -> String {
        let sorted = rows.sorted { $0.fiscalYear < $1.fiscalYear }
        var out = ["# Hebesätze of \(sorted.first?.municipality ?? "?") from the store's tax-rate tables (pruefstand rates baseline)."]
        let entries: [(key: String, de: String, en: String, rate: (TaxRateRow) -> Int, range: String, rangeSource: String)] = [
            ("gewerbesteuer.hebesatz", "Hebesatz Gewerbesteuer", "Trade tax multiplier", \.gewerbesteuer, "[200, 900]",
             "lower limit: Mindesthebesatz 200 % (§ 16 Abs. 4 Satz 2 GewStG); upper limit: plausibility bound of this tool"),
            ("grundsteuer_b.hebesatz", "Hebesatz Grundsteuer B", "Property tax B multiplier", \.grundsteuerB, "[0, 3000]",
             "the GrStG sets no minimum or maximum (§ 25 GrStG); 3000 % is a plausibility bound of this tool"),
        ]
        for e in entries {
            out += ["", "\(e.key):", "  name: {de: \(e.de), en: \(e.en)}", "  unit: percent", "  reference_period: Kalenderjahr (Haushaltssatzung)",
                    "  set_by: Kommune", "  range: \(e.range)", "  range_source: \"\(e.rangeSource)\"", "  values:"]
            var last: Int?
            for r in sorted where e.rate(r) != last {
                last = e.rate(r)
                let file = (r.sourceFile as NSString).lastPathComponent.replacingOccurrences(of: "\"", with: "'")
                out += ["    - from: \(r.fiscalYear)", "      value: \(e.rate(r))",
                        "      source: \"published Hebesatz table \(file), line \(r.sourceLine) (\(r.municipality.replacingOccurrences(of: "\"", with: "'")), \(r.fiscalYear))\""]
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
