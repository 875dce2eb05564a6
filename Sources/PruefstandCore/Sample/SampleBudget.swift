import Foundation

/// Musterstadt's budget: products of the 17 NRW product areas, NKF accounts, the plans 2025 and 2026 and
/// the actuals 2024 and 2025 by product × account (`plan.csv`; the 2025 actuals are the ledger's targets).
///
/// Magnitudes (plan 2026, EUR): about 1.0 bn expenses (personnel 50/51 ≈ 26 %, transfers 53 ≈ 44 %,
/// interest 22 M), about 0.93 bn revenue (Gewerbesteuer 155 M, Grundsteuer B 66 M, Schlüsselzuweisungen
/// 220 M), a planned deficit of about 70 M like Hagen's.
enum SampleBudget {
    struct AccountSpec {
        var account: String
        var name: String
        /// Plan 2026 in million EUR × 10 (one decimal).
        var plan2026Tenths: Int64
        /// Product areas that carry the account.
        var areas: [String]
        /// Use only the first `concentrate` products of those areas (taxes, allocations), else nil.
        var concentrate: Int? = nil
        /// Share of eligible products that carry the account, in percent.
        var coverage: Int = 100
        /// Plan 2026 ÷ plan 2025 and plan 2025 ÷ actual 2024, in per mille.
        var growth26: Int64 = 1030
        var growth25: Int64 = 1030
        var texts: [String]
        var vendors: VendorKind = .general
    }

    enum VendorKind: Equatable { case none, general, carriers, fixed(String) }

    static let allAreas = (1...17).map { String($0).leftPadded(2) }
    static let staffAreas = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16"]
    static let buildingAreas = ["01", "02", "03", "04", "06", "08"]

    static let accounts: [AccountSpec] = [
        // 50/51 personnel and pensions
        AccountSpec(account: "501100", name: "Dienstbezüge Beamte", plan2026Tenths: 450, areas: staffAreas, growth26: 1040, growth25: 1050, texts: ["Dienstbezüge"], vendors: .none),
        AccountSpec(account: "501200", name: "Entgelte tariflich Beschäftigte", plan2026Tenths: 1350, areas: staffAreas, growth26: 1045, growth25: 1055, texts: ["Entgelte"], vendors: .none),
        AccountSpec(account: "502100", name: "Beiträge zu Versorgungskassen", plan2026Tenths: 110, areas: staffAreas, growth26: 1045, growth25: 1050, texts: ["ZVK-Umlage"], vendors: .fixed("Kommunale Zusatzversorgungskasse Westfalen")),
        AccountSpec(account: "503100", name: "Arbeitgeberanteile Sozialversicherung", plan2026Tenths: 280, areas: staffAreas, growth26: 1045, growth25: 1055, texts: ["AG-Anteil Sozialversicherung"], vendors: .none),
        AccountSpec(account: "504100", name: "Beihilfen", plan2026Tenths: 80, areas: staffAreas, coverage: 60, growth26: 1040, growth25: 1040, texts: ["Beihilfe"], vendors: .none),
        AccountSpec(account: "505100", name: "Zuführung Pensionsrückstellungen", plan2026Tenths: 100, areas: ["01"], concentrate: 2, growth26: 1020, growth25: 1020, texts: ["Zuführung Pensionsrückstellung"], vendors: .none),
        AccountSpec(account: "511100", name: "Versorgungsaufwendungen", plan2026Tenths: 250, areas: ["01"], concentrate: 2, growth26: 1030, growth25: 1030, texts: ["Versorgungsbezüge"], vendors: .fixed("Westfälisch-Lippische Versorgungskasse")),
        // 52 goods and services
        AccountSpec(account: "521100", name: "Unterhaltung Grundstücke und Gebäude", plan2026Tenths: 350, areas: buildingAreas, coverage: 50, texts: ["Bauunterhaltung", "Reparatur Dach", "Malerarbeiten", "Sanitärarbeiten", "Elektroarbeiten", "Wartung Heizung"]),
        AccountSpec(account: "522100", name: "Unterhaltung Infrastrukturvermögen", plan2026Tenths: 140, areas: ["11", "12", "13"], coverage: 70, texts: ["Straßenunterhaltung", "Fahrbahnsanierung", "Brückenprüfung", "Ampelwartung", "Grünpflege"]),
        AccountSpec(account: "523100", name: "Mieten und Pachten", plan2026Tenths: 120, areas: ["01", "05", "06"], coverage: 30, texts: ["Miete", "Pacht", "Leasing Kopierer", "Nebenkosten Miete"]),
        AccountSpec(account: "524100", name: "Bewirtschaftung Grundstücke", plan2026Tenths: 300, areas: buildingAreas, coverage: 60, texts: ["Strom", "Gas", "Fernwärme", "Wasser", "Gebäudereinigung", "Müllabfuhr"]),
        AccountSpec(account: "525100", name: "Haltung von Fahrzeugen", plan2026Tenths: 60, areas: ["02", "11", "12", "13"], coverage: 50, texts: ["Kraftstoff", "Kfz-Reparatur", "Reifen", "TÜV-Prüfung"]),
        AccountSpec(account: "527100", name: "Besondere Verwaltungs- und Betriebsaufwendungen", plan2026Tenths: 180, areas: ["03", "05", "06", "07"], coverage: 40, texts: ["Schülerbeförderung", "Lernmittel", "Verpflegung", "Unterbringung", "Dolmetscher"]),
        AccountSpec(account: "529100", name: "Sonstige Sach- und Dienstleistungen", plan2026Tenths: 600, areas: allAreas, coverage: 55, texts: ["Dienstleistung", "Entsorgung", "Winterdienst", "Sicherheitsdienst", "Veranstaltung", "Druckauftrag"]),
        // 53 transfers
        AccountSpec(account: "531300", name: "Zuschüsse an verbundene Unternehmen", plan2026Tenths: 200, areas: ["12"], concentrate: 1, growth26: 1050, growth25: 1040, texts: ["Verlustausgleich ÖPNV"], vendors: .fixed("Musterstädter Straßenbahn AG")),
        AccountSpec(account: "531700", name: "Zuschüsse an übrige Bereiche", plan2026Tenths: 1010, areas: ["04", "06", "08"], coverage: 40, growth26: 1040, growth25: 1050, texts: ["Betriebskostenzuschuss Kita", "Zuschuss Jugendarbeit", "Zuschuss Sportverein", "Zuschuss Kulturverein"], vendors: .carriers),
        AccountSpec(account: "533100", name: "Leistungen SGB XII", plan2026Tenths: 850, areas: ["05"], coverage: 50, growth26: 1045, growth25: 1060, texts: ["Hilfe zur Pflege", "Grundsicherung im Alter", "Hilfe zum Lebensunterhalt", "Eingliederungshilfe"], vendors: .none),
        AccountSpec(account: "533200", name: "Leistungen der Jugendhilfe", plan2026Tenths: 820, areas: ["06"], coverage: 50, growth26: 1050, growth25: 1060, texts: ["Heimerziehung", "Vollzeitpflege", "Ambulante Hilfe zur Erziehung", "Inobhutnahme"], vendors: .carriers),
        AccountSpec(account: "533300", name: "Leistungen nach dem AsylbLG", plan2026Tenths: 120, areas: ["05"], concentrate: 2, growth26: 1000, growth25: 1020, texts: ["Leistungen AsylbLG"], vendors: .none),
        AccountSpec(account: "533400", name: "Leistungen SGB II (Kosten der Unterkunft)", plan2026Tenths: 700, areas: ["05"], concentrate: 2, growth26: 1030, growth25: 1040, texts: ["Kosten der Unterkunft"], vendors: .fixed("Jobcenter Musterstadt")),
        AccountSpec(account: "534100", name: "Gewerbesteuerumlage", plan2026Tenths: 110, areas: ["16"], concentrate: 1, growth26: 1030, growth25: 1030, texts: ["Gewerbesteuerumlage"], vendors: .fixed("Land Nordrhein-Westfalen")),
        AccountSpec(account: "537100", name: "Landschaftsumlage", plan2026Tenths: 620, areas: ["16"], concentrate: 1, growth26: 1050, growth25: 1060, texts: ["Landschaftsumlage Abschlag"], vendors: .fixed("Landschaftsverband Westfalen-Lippe")),
        // 54 other expenses
        AccountSpec(account: "541100", name: "Sonstige Personal- und Versorgungsaufwendungen", plan2026Tenths: 50, areas: staffAreas, coverage: 40, texts: ["Fortbildung", "Reisekosten", "Arbeitsmedizin", "Dienstkleidung"]),
        AccountSpec(account: "542100", name: "Inanspruchnahme von Rechten und Diensten", plan2026Tenths: 140, areas: allAreas, coverage: 30, texts: ["Gutachten", "Beratung", "Rechtsanwaltskosten", "Sachverständige"]),
        AccountSpec(account: "543100", name: "Geschäftsaufwendungen", plan2026Tenths: 180, areas: staffAreas, coverage: 60, texts: ["Büromaterial", "Porto", "Telefon", "Softwarelizenz", "Fachliteratur", "Bekanntmachung"]),
        AccountSpec(account: "544100", name: "Steuern, Versicherungen, Schadensfälle", plan2026Tenths: 80, areas: ["01", "02", "12"], coverage: 40, texts: ["Versicherungsprämie", "Schadensregulierung", "Kfz-Steuer"]),
        AccountSpec(account: "549100", name: "Übrige sonstige ordentliche Aufwendungen", plan2026Tenths: 150, areas: allAreas, coverage: 30, texts: ["Erstattung", "Mitgliedsbeitrag", "Sonstiges"]),
        // 55 interest, 57 depreciation
        AccountSpec(account: "551700", name: "Zinsaufwendungen an Kreditinstitute", plan2026Tenths: 220, areas: ["16"], concentrate: 1, growth26: 1000, growth25: 1050, texts: ["Zinsen Liquiditätskredit", "Zinsen Investitionskredit"], vendors: .fixed("Sparkasse Musterstadt")),
        AccountSpec(account: "571100", name: "Abschreibungen auf Sachanlagen", plan2026Tenths: 450, areas: ["01", "02", "03", "04", "06", "08", "11", "12", "13"], coverage: 60, growth26: 1010, growth25: 1010, texts: ["AfA"], vendors: .none),
        // 40–46 revenue
        AccountSpec(account: "401100", name: "Grundsteuer A", plan2026Tenths: 3, areas: ["16"], concentrate: 1, growth26: 1000, growth25: 1000, texts: ["Grundsteuer A"], vendors: .none),
        AccountSpec(account: "401200", name: "Grundsteuer B", plan2026Tenths: 660, areas: ["16"], concentrate: 1, growth26: 1005, growth25: 1519, texts: ["Grundsteuer B Quartalsfälligkeit", "Grundsteuer B Nachveranlagung"], vendors: .none),
        AccountSpec(account: "401300", name: "Gewerbesteuer", plan2026Tenths: 1550, areas: ["16"], concentrate: 1, growth26: 1030, growth25: 980, texts: ["Gewerbesteuer Vorauszahlung", "Gewerbesteuer Nachzahlung", "Gewerbesteuer Erstattung"], vendors: .none),
        AccountSpec(account: "402100", name: "Gemeindeanteil an der Einkommensteuer", plan2026Tenths: 950, areas: ["16"], concentrate: 1, growth26: 1035, growth25: 1040, texts: ["Gemeindeanteil Einkommensteuer"], vendors: .fixed("Land Nordrhein-Westfalen")),
        AccountSpec(account: "402200", name: "Gemeindeanteil an der Umsatzsteuer", plan2026Tenths: 250, areas: ["16"], concentrate: 1, growth26: 1020, growth25: 1030, texts: ["Gemeindeanteil Umsatzsteuer"], vendors: .fixed("Land Nordrhein-Westfalen")),
        AccountSpec(account: "403100", name: "Vergnügungssteuer", plan2026Tenths: 30, areas: ["16"], concentrate: 1, growth26: 1000, growth25: 1000, texts: ["Vergnügungssteuer"], vendors: .none),
        AccountSpec(account: "403300", name: "Hundesteuer", plan2026Tenths: 20, areas: ["16"], concentrate: 1, growth26: 1000, growth25: 1010, texts: ["Hundesteuer"], vendors: .none),
        AccountSpec(account: "405100", name: "Ausgleichsleistungen Familienleistungsausgleich", plan2026Tenths: 120, areas: ["16"], concentrate: 1, growth26: 1020, growth25: 1020, texts: ["Familienleistungsausgleich"], vendors: .fixed("Land Nordrhein-Westfalen")),
        AccountSpec(account: "411100", name: "Schlüsselzuweisungen vom Land", plan2026Tenths: 2200, areas: ["16"], concentrate: 1, growth26: 1040, growth25: 1050, texts: ["Schlüsselzuweisung Abschlag"], vendors: .fixed("Land Nordrhein-Westfalen")),
        AccountSpec(account: "414100", name: "Zuweisungen für laufende Zwecke vom Land", plan2026Tenths: 1100, areas: ["03", "05", "06", "07"], coverage: 40, growth26: 1040, growth25: 1050, texts: ["Landeszuweisung KiBiz", "Landeszuweisung", "Förderprogramm Land"], vendors: .fixed("Land Nordrhein-Westfalen")),
        AccountSpec(account: "416100", name: "Erträge aus der Auflösung von Sonderposten", plan2026Tenths: 200, areas: ["01", "03", "04", "06", "08", "12"], coverage: 40, growth26: 1010, growth25: 1010, texts: ["Auflösung Sonderposten"], vendors: .none),
        AccountSpec(account: "421100", name: "Ersatz sozialer Leistungen", plan2026Tenths: 150, areas: ["05", "06"], coverage: 30, texts: ["Kostenbeitrag", "Unterhaltsrückgriff", "Erstattung Leistungsträger"], vendors: .none),
        AccountSpec(account: "431100", name: "Verwaltungsgebühren", plan2026Tenths: 120, areas: ["01", "02", "10"], coverage: 40, texts: ["Verwaltungsgebühr", "Baugenehmigungsgebühr", "Passgebühr"], vendors: .none),
        AccountSpec(account: "432100", name: "Benutzungsgebühren und ähnliche Entgelte", plan2026Tenths: 600, areas: ["02", "11", "12"], coverage: 60, texts: ["Abfallgebühr", "Straßenreinigungsgebühr", "Rettungsdienstgebühr", "Friedhofsgebühr"], vendors: .none),
        AccountSpec(account: "432600", name: "Elternbeiträge Kindertagesbetreuung", plan2026Tenths: 150, areas: ["06"], concentrate: 3, texts: ["Elternbeitrag Kita", "Elternbeitrag OGS"], vendors: .none),
        AccountSpec(account: "441100", name: "Mieten und Pachten", plan2026Tenths: 80, areas: ["01", "08"], coverage: 40, texts: ["Mieteinnahme", "Pachteinnahme"], vendors: .none),
        AccountSpec(account: "442100", name: "Erträge aus Verkauf", plan2026Tenths: 30, areas: ["01", "13"], coverage: 30, texts: ["Verkaufserlös"], vendors: .none),
        AccountSpec(account: "446100", name: "Sonstige privatrechtliche Leistungsentgelte", plan2026Tenths: 50, areas: ["04", "08", "15"], coverage: 50, texts: ["Eintrittsentgelt", "Kursentgelt"], vendors: .none),
        AccountSpec(account: "451100", name: "Kostenerstattungen vom Bund", plan2026Tenths: 700, areas: ["05"], concentrate: 2, growth26: 1030, growth25: 1040, texts: ["Bundesbeteiligung KdU", "Erstattung Grundsicherung"], vendors: .none),
        AccountSpec(account: "453100", name: "Kostenerstattungen von Gemeinden", plan2026Tenths: 100, areas: ["05", "06"], coverage: 30, texts: ["Kostenerstattung Jugendhilfe", "Kostenerstattung Sozialhilfe"], vendors: .none),
        AccountSpec(account: "461100", name: "Konzessionsabgaben", plan2026Tenths: 120, areas: ["16"], concentrate: 1, growth26: 1000, growth25: 1000, texts: ["Konzessionsabgabe Strom", "Konzessionsabgabe Gas"], vendors: .none),
        AccountSpec(account: "462100", name: "Bußgelder", plan2026Tenths: 80, areas: ["02"], concentrate: 3, texts: ["Verwarngeld", "Bußgeld"], vendors: .none),
        AccountSpec(account: "463100", name: "Säumniszuschläge", plan2026Tenths: 30, areas: ["16"], concentrate: 1, texts: ["Säumniszuschlag"], vendors: .none),
        AccountSpec(account: "469100", name: "Andere sonstige ordentliche Erträge", plan2026Tenths: 50, areas: allAreas, coverage: 15, texts: ["Sonstiger Ertrag", "Schadenersatz"], vendors: .none),
    ]

    /// Number of products per area (about 330 in all).
    static let productsPerArea: [String: Int] = [
        "01": 40, "02": 34, "03": 30, "04": 20, "05": 34, "06": 40, "07": 12, "08": 10, "09": 12,
        "10": 15, "11": 12, "12": 20, "13": 12, "14": 10, "15": 8, "16": 10, "17": 4,
    ]

    /// Org units that carry each product area (cost centers of postings come from these).
    static let unitsByArea: [String: [String]] = [
        "01": ["VV", "D2", "D3", "D4", "D5", "FB01", "FB10", "FB11", "FB12", "FB14", "FB15", "FB16", "FB20", "FB23", "FB30"],
        "02": ["FB32", "FB33", "FB33.1", "FB33.2", "FB33.3", "FB33.4", "FB36", "FB37"], "03": ["FB40"],
        "04": ["FB41", "FB41.1", "FB41.2", "FB41.3", "FB41.4"], "05": ["FB50"], "06": ["FB51", "FB51.1", "FB55"],
        "07": ["FB53"], "08": ["FB40"], "09": ["FB60"], "10": ["FB61"], "11": ["FB69"], "12": ["FB66"],
        "13": ["FB67"], "14": ["FB69"], "15": ["FB01"], "16": ["FB20", "FB21"], "17": ["FB20"],
    ]

    struct Result {
        var products: [String]
        var unitByProduct: [String: String]
        var lines: [SamplePlanLine]
        var actual2024: [Pair: Int64]
        var actual2025: [Pair: Int64]
        var plan2025: [Pair: Int64]
        var plantedVariances: [PlantedVariance]
    }

    struct Pair: Hashable, Comparable {
        var product: String, account: String
        static func < (a: Pair, b: Pair) -> Bool { (a.product, a.account) < (b.product, b.account) }
    }

    static let specByAccount: [String: AccountSpec] = Dictionary(uniqueKeysWithValues: accounts.map { ($0.account, $0) })

    static func build(organisation: SampleOrganisation.Result, random: inout SampleRandom) -> Result {
        // Products: area.group.product, groups of up to five products.
        var productsByArea: [String: [String]] = [:]
        var unitByProduct: [String: String] = [:]
        for area in allAreas {
            let n = productsPerArea[area]!
            let units = unitsByArea[area]!
            for k in 0..<n {
                let code = "\(area).\(String(k / 5 + 1).leftPadded(2)).\(String(k % 5 + 1).leftPadded(2))"
                productsByArea[area, default: []].append(code)
                unitByProduct[code] = units[k % units.count]
            }
        }
        let products = allAreas.flatMap { productsByArea[$0]! }

        // Plan 2026 per pair, in whole hundreds of euros.
        var plan2026: [Pair: Int64] = [:]
        for spec in accounts {
            var eligible = spec.areas.flatMap { productsByArea[$0]! }
            if let k = spec.concentrate { eligible = Array(spec.areas.flatMap { productsByArea[$0]!.prefix(k) }) }
            var chosen = eligible.filter { _ in random.below(100) < spec.coverage }
            if chosen.isEmpty { chosen = [eligible[0]] }
            let personnel = spec.account.hasPrefix("50")
            let weights: [Int64] = chosen.map { product in
                let noise = random.logNormal(mu: 0, sigma: personnel ? 0.35 : 0.9)
                let base = personnel ? Double(organisation.weightByUnit[unitByProduct[product]!] ?? 10_000) : 1.0
                return max(1, Int64(base * noise * 1000))
            }
            let hundreds = Money(cents: spec.plan2026Tenths * 1000).allocated(weights)   // tenths of M€ → hundreds of €
            for (product, part) in zip(chosen, hundreds) where part.cents > 0 {
                plan2026[Pair(product: product, account: spec.account)] = part.cents * 10_000
            }
        }

        var plan2025: [Pair: Int64] = [:], actual2024: [Pair: Int64] = [:], actual2025: [Pair: Int64] = [:]
        let pairs = plan2026.keys.sorted()
        for pair in pairs {
            let spec = specByAccount[pair.account]!
            let p26 = plan2026[pair]!
            let noise25 = Int64(random.int(-25...25))
            let p25 = scaled(scaled(p26, 1000, spec.growth26 + noise25), 1, 10_000) * 10_000   // whole hundreds
            plan2025[pair] = max(10_000, p25)
            let noise24 = Int64((random.normal() * 40).rounded())
            actual2024[pair] = scaled(plan2025[pair]!, 1000, spec.growth25 + noise24) + Int64(random.below(100))
            // 2025 actual: plan ± a few percent; taxes and allocations closer to plan.
            let sd = spec.concentrate != nil ? 15.0 : spec.account.hasPrefix("50") ? 12.0 : 45.0
            let drift: Int64 = spec.account.hasPrefix("53") ? 15 : spec.account == "401300" ? -60 : 0
            let permille = 1000 + drift + Int64((random.normal() * sd).rounded())
            actual2025[pair] = scaled(plan2025[pair]!, permille, 1000) + Int64(random.below(100))
        }

        // Planted large variances: the largest pair of an account in an area, fixed factor (per mille).
        let planted: [(account: String, area: String, permille: Int64)] = [
            ("533100", "05", 1320), ("533200", "06", 1240), ("521100", "03", 1380), ("527100", "03", 1300),
            ("529100", "12", 1450), ("542100", "01", 550), ("571100", "12", 650), ("414100", "06", 780),
            ("524100", "01", 1260), ("432100", "11", 700),
        ]
        var variances: [PlantedVariance] = []
        for p in planted {
            let candidates = pairs.filter { $0.account == p.account && $0.product.hasPrefix(p.area + ".") }
            guard let top = candidates.max(by: { (plan2025[$0]!, $1) < (plan2025[$1]!, $0) }) else { continue }
            actual2025[top] = scaled(plan2025[top]!, p.permille, 1000) + 37
            variances.append(PlantedVariance(product: top.product, account: top.account, planCents: plan2025[top]!, actualCents: actual2025[top]!))
        }

        var lines: [SamplePlanLine] = []
        for pair in pairs { lines.append(SamplePlanLine(fiscalYear: 2024, product: pair.product, account: pair.account, amountCents: actual2024[pair]!, kind: "actual")) }
        for pair in pairs { lines.append(SamplePlanLine(fiscalYear: 2025, product: pair.product, account: pair.account, amountCents: plan2025[pair]!, kind: "plan")) }
        for pair in pairs { lines.append(SamplePlanLine(fiscalYear: 2026, product: pair.product, account: pair.account, amountCents: plan2026[pair]!, kind: "plan")) }
        return Result(products: products, unitByProduct: unitByProduct, lines: lines, actual2024: actual2024,
                      actual2025: actual2025, plan2025: plan2025, plantedVariances: variances)
    }
}
